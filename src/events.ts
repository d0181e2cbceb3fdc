/**
 * The `<vlens-register>` element's events: detail types, and their entries in `HTMLElementEventMap`,
 * `DocumentEventMap` and `WindowEventMap` (the events bubble and are composed, so a listener on
 * `document` or `window` receives them typed).
 */
import type { RegisterOutput, UserBasicInfo } from './api/schemas.js';
import type { StepId } from './register/flow.js';
import type { VlensError } from './api/error.js';

/** `vlens-registered`: the essentials of Vlens's `RegisterOutput`. */
export interface VlensRegisteredDetail {
  /** The user's access token; always present (a success without one is reported as a `protocol` error). */
  accessToken: string;
  /** The token encrypted by Vlens, when it sends one. */
  encryptedAccessToken: string | null;
  /** The token's lifetime in seconds, when Vlens sends it. */
  expireInSeconds: number | null;
  userName: string | null;
  userFullName: string | null;
  /** Vlens's `UserBasicInfo` for the new user, when sent. */
  user: UserBasicInfo | null;
  /** Whether Vlens has verified the person's digital identity (false when not sent). */
  isDigitalIdentityVerified: boolean;
}

/** What kind of failure a `vlens-error` reports. */
export type VlensErrorKind = 'api' | 'network' | 'timeout' | 'protocol' | 'config';

/** `vlens-error`: the envelope as received, plus where and how the call failed. */
export interface VlensErrorDetail {
  /** The envelope's `error_code` (the proxy's own refusals use the HTTP status). */
  error_code: number | null;
  /** The server's message: detail for logs, never shown (the widget shows its own text). */
  error_message: string | null;
  /** The envelope's `error_descriptions` as received (`{ source: "proxy", field? }` from the proxy). */
  error_descriptions: unknown;
  /** The step the widget was on. */
  step: StepId;
  /** HTTP status, or null when no response arrived (network, timeout, config). */
  status: number | null;
  /** `api` (an answer that says no), `network`, `timeout` (the widget's deadline or a 504), `protocol` (an answer that does not parse), `config`. */
  kind: VlensErrorKind;
}

/** `vlens-step-change`: for analytics. */
export interface VlensStepChangeDetail {
  /** The step left. */
  from: StepId;
  /** The step shown now. */
  to: StepId;
}

/** The three events by name. */
export interface VlensEventMap {
  'vlens-registered': CustomEvent<VlensRegisteredDetail>;
  'vlens-error': CustomEvent<VlensErrorDetail>;
  'vlens-step-change': CustomEvent<VlensStepChangeDetail>;
}

/** `Register`'s answer once the client has checked it carries the access token. */
export type RegisteredOutput = RegisterOutput & { accessToken: string };

/** The `vlens-registered` detail from `Register`'s answer. */
export function registeredDetail(data: RegisteredOutput): VlensRegisteredDetail {
  return {
    accessToken: data.accessToken,
    encryptedAccessToken: data.encryptedAccessToken ?? null,
    expireInSeconds: data.expireInSeconds ?? null,
    userName: data.userName ?? null,
    userFullName: data.userFullName ?? null,
    user: data.user ?? null,
    isDigitalIdentityVerified: data.isDigitalIdentityVerified ?? false,
  };
}

declare global {
  /* eslint-disable @typescript-eslint/no-empty-object-type -- declaration merging adds the events */
  interface HTMLElementEventMap extends VlensEventMap {}
  interface DocumentEventMap extends VlensEventMap {}
  interface WindowEventMap extends VlensEventMap {}
  /* eslint-enable @typescript-eslint/no-empty-object-type */
}

/** `vlens-error`'s detail for a failed call on `step`. */
export function errorDetail(error: VlensError, step: StepId): VlensErrorDetail {
  return {
    error_code: error.envelope.error_code ?? null,
    error_message: error.envelope.error_message ?? error.message,
    error_descriptions: error.envelope.error_descriptions ?? null,
    step,
    status: error.status,
    kind: error.kind,
  };
}

/** `vlens-error`'s detail when the element has no `endpoint` to call. */
export function configErrorDetail(step: StepId): VlensErrorDetail {
  return {
    error_code: null,
    error_message: 'The endpoint attribute is missing',
    error_descriptions: null,
    step,
    status: null,
    kind: 'config',
  };
}

/** Fires one of the element's events: bubbling and composed, so a listener on the document hears it. */
export function fire<K extends keyof VlensEventMap>(
  target: EventTarget,
  type: K,
  detail: VlensEventMap[K]['detail'],
): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
