/** The current step's template: the flow state decides which step shows and what it shows. */
import type { TemplateResult } from 'lit';
import type { OAuthProviderName } from '../../oauth/types.js';
import { canSkipEmail, previousStep, type FlowState } from '../flow.js';
import { codeStep, type CodeStep } from './code.js';
import type { StepBase } from './context.js';
import { doneStep } from './done.js';
import { emailStep } from './email.js';
import { finishStep } from './finish.js';
import { oauthStep } from './oauth.js';
import { providerLabel } from './oauth-parts.js';
import { phoneStep } from './phone.js';

/** What the steps show beside the flow state, held by the element. */
export interface StepExtras {
  /** The phone step's country picker (rendered only on that step). */
  countryPicker: () => TemplateResult;
  resend: CodeStep['resend'];
  /** The providers offered beside the email code (`oauth-providers`). */
  providers: readonly OAuthProviderName[];
  /** The provider the person chose, if any. */
  chosen: OAuthProviderName | null;
  /** The registered user's name, on the done step. */
  registeredName: string | null;
}

export function stepFor(flow: FlowState, base: StepBase, extras: StepExtras): TemplateResult {
  const { t } = base;
  switch (flow.step) {
    case 'phone':
      return phoneStep(base, extras.countryPicker());
    case 'phone-code':
      return codeStep(base, { to: 'phone', address: flow.phone ?? '', resend: extras.resend });
    case 'email-code':
      return codeStep(base, { to: 'email', address: flow.email ?? '', resend: extras.resend });
    case 'email':
      return emailStep(base, { canSkip: canSkipEmail(flow), providers: extras.providers });
    case 'oauth':
      return oauthStep(base, { provider: providerLabel(t, extras.chosen), failed: !base.pending });
    case 'finish': {
      const verified =
        flow.oauthRequestId && flow.email && extras.chosen
          ? { provider: providerLabel(t, extras.chosen), email: flow.email }
          : null;
      return finishStep(base, {
        password: flow.config.password !== 'off',
        canGoBack: previousStep(flow) !== null,
        verified,
      });
    }
    case 'done':
      return doneStep(t, extras.registeredName);
  }
}
