/** The `<vlens-register>` element's events: detail types and their `HTMLElementEventMap` entries. */
import type { UserBasicInfo } from './api/schemas.js';
import type { StepId } from './register/flow.js';

/** `vlens-registered`: the essentials of Vlens's `RegisterOutput`. */
export interface VlensRegisteredDetail {
  accessToken: string | null;
  encryptedAccessToken: string | null;
  expireInSeconds: number | null;
  userName: string | null;
  userFullName: string | null;
  user: UserBasicInfo | null;
  isDigitalIdentityVerified: boolean;
}

/** What kind of failure a `vlens-error` reports. */
export type VlensErrorKind = 'api' | 'network' | 'timeout' | 'protocol' | 'config';

/** `vlens-error`: the envelope as received, plus where and how the call failed. */
export interface VlensErrorDetail {
  error_code: number | null;
  error_message: string | null;
  error_descriptions: unknown;
  /** The step the widget was on. */
  step: StepId;
  /** HTTP status, or null when no response arrived (network, timeout, config). */
  status: number | null;
  kind: VlensErrorKind;
}

/** `vlens-step-change`: for analytics. */
export interface VlensStepChangeDetail {
  from: StepId;
  to: StepId;
}

declare global {
  interface HTMLElementEventMap {
    'vlens-registered': CustomEvent<VlensRegisteredDetail>;
    'vlens-error': CustomEvent<VlensErrorDetail>;
    'vlens-step-change': CustomEvent<VlensStepChangeDetail>;
  }
}
