/**
 * The current step's template: the flow state decides which step shows and what it shows. The phone and
 * code steps are here (a resumed flow starts at the code step); the later ones come with the submit path.
 */
import { nothing, type TemplateResult } from 'lit';
import type { OAuthProviderName } from '../../oauth/types.js';
import type { FlowState } from '../flow.js';
import { submitPath } from '../lazy-parts.js';
import { codeStep, type CodeStep } from './code.js';
import type { StepBase } from './context.js';
import type { LaterStepId } from './later-steps.js';
import { phoneStep } from './phone.js';

/** What the steps show beside the flow state, held by the element. */
export interface StepExtras {
  /** The phone step's country picker (rendered only on that step). */
  countryPicker: () => TemplateResult;
  resend: CodeStep['resend'];
  /** The providers offered beside the email code: the `oauth-providers` attribute (the email step parses it). */
  providers: string;
  /** The provider the person chose, if any. */
  chosen: OAuthProviderName | null;
  /** The person asked to try the provider again: its button stays (unavailable) while that runs, keeping focus. */
  retrying: boolean;
  /** The registered user's name, on the done step. */
  registeredName: string | null;
}

export function stepFor(flow: FlowState, base: StepBase, extras: StepExtras): TemplateResult | typeof nothing {
  switch (flow.step) {
    case 'phone':
      return phoneStep(base, extras.countryPicker());
    case 'phone-code':
      return codeStep(base, { to: 'phone', resend: extras.resend });
    case 'email-code':
      return codeStep(base, { to: 'email', resend: extras.resend });
    default:
      // Only a call leads here, and every call runs once the submit path has loaded.
      return submitPath.now()?.laterStep(flow as FlowState & { step: LaterStepId }, base, extras) ?? nothing;
  }
}
