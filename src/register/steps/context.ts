/** What every step template gets from the element: strings, state, and the handlers it wires. */
import type { TemplateResult } from 'lit';
import type { VlensStrings } from '../../i18n/index.js';
import type { FlowState } from '../flow.js';
import type { OAuthProviderName } from '../../oauth/types.js';

/** Shadow-root ids the templates share (ids are scoped per element, so two widgets never clash). */
export const IDS = { heading: 'heading' } as const;

export interface StepContext {
  t: VlensStrings;
  state: FlowState;
  /** A call is in flight: every button is disabled. */
  pending: boolean;
  /** The field is wrong (local validation or an API refusal): `aria-invalid` on it. */
  invalid: boolean;
  /** The status line's slot (the live region is in light DOM, see ../light-fields.ts) and the sign-in link when offered. */
  status: TemplateResult;
  /** The country picker (phone step). */
  countryPicker: TemplateResult;
  phoneText: string;
  emailText: string;
  signinUrl: string;
  resend: { remaining: number; ready: boolean };
  canSkipEmail: boolean;
  canGoBack: boolean;
  passwordMode: 'off' | 'optional' | 'required';
  oauth: {
    /** The providers offered on the email step (`oauth-providers`), in order. */
    providers: readonly OAuthProviderName[];
    /** The provider of the current or last sign-in. */
    chosen: OAuthProviderName | null;
    /** The sign-in on the `oauth` step failed: offer to try again. */
    failed: boolean;
    label(name: OAuthProviderName): string;
  };
  on: {
    submitPhone(event: SubmitEvent): void;
    submitCode(event: SubmitEvent): void;
    codeInput(event: InputEvent): void;
    resend(): void;
    back(): void;
    submitEmail(event: SubmitEvent): void;
    skipEmail(): void;
    submitFinish(event: SubmitEvent): void;
    chooseOAuth(name: OAuthProviderName): void;
    retryOAuth(): void;
  };
}
