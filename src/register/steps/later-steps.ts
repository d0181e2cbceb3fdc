/**
 * The steps after the codes (email, provider sign-in, finish, done): reached only through a call, so they
 * come with the lazy submit path (../submit-path.ts), not with the first screen.
 */
import type { TemplateResult } from 'lit';
import { canSkipEmail, previousStep, type FlowState } from '../flow.js';
import type { StepBase } from './context.js';
import { doneStep } from './done.js';
import { emailStep } from './email.js';
import { finishStep } from './finish.js';
import { oauthStep } from './oauth.js';
import { providerLabel } from './oauth-parts.js';
import type { StepExtras } from './step-for.js';
import { parseOAuthProviders } from '../../oauth/types.js';

export type LaterStepId = 'email' | 'oauth' | 'finish' | 'done';

export function laterStep(flow: FlowState & { step: LaterStepId }, base: StepBase, extras: StepExtras): TemplateResult {
  const { t } = base;
  switch (flow.step) {
    case 'email':
      return emailStep(base, { canSkip: canSkipEmail(flow), providers: parseOAuthProviders(extras.providers) });
    case 'oauth':
      return oauthStep(base, { provider: providerLabel(t, extras.chosen), failed: !base.pending || extras.retrying });
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
