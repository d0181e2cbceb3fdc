/** What every step template gets: its strings, whether a call runs, the status line's place and the handlers. */
import { nothing, type TemplateResult } from 'lit';
import type { VlensStrings } from '../../i18n/index.js';
import type { OAuthProviderName } from '../../oauth/types.js';

/** Shadow-root ids the templates share (ids are scoped per element, so two widgets never clash). */
export const IDS = { heading: 'heading' } as const;

/**
 * A button that cannot act now: `aria-disabled`, not `disabled`, so it keeps focus while a call runs (its
 * handler is guarded); the one rule for every step's buttons.
 */
export const unavailable = (yes: boolean) => (yes ? 'true' : nothing);

export interface StepBase {
  t: VlensStrings;
  /** A call is in flight: every button is disabled. */
  pending: boolean;
  /** The status line's slot (the live region is in light DOM, see ../light-fields.ts) and the sign-in link when offered. */
  status: TemplateResult;
  /** The field's slots (label, input, hint), with the shadow fallback until the light-DOM field exists. */
  field: TemplateResult;
  /** The field's hint slot (phone, password), or the line saying where the code went (code steps: the code field's description). */
  hint: TemplateResult;
  /** What the step's forms and buttons do (each step uses its own few). */
  on: StepHandlers;
}

export interface StepHandlers {
  /** A step's shadow form was submitted. */
  submit: (event: SubmitEvent) => void;
  back: () => void;
  resend: () => void;
  skip: () => void;
  choose: (provider: OAuthProviderName) => void;
  retry: () => void;
}
