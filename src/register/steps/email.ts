/** Step `email`: the email address, skippable when the email step is optional, and the providers when offered. */
import { html, nothing } from 'lit';
import { stepHeading } from './heading.js';
import type { OAuthProviderName } from '../../oauth/types.js';
import { unavailable, type StepBase } from './context.js';
import { oauthChoice } from './oauth-parts.js';

export interface EmailStep {
  canSkip: boolean;
  /** The providers offered (`oauth-providers`), in order. */
  providers: readonly OAuthProviderName[];
}

export function emailStep({ t, pending, status, field, on }: StepBase, { canSkip, providers }: EmailStep) {
  return html`${stepHeading(t.emailHeading, t.emailIntro)}
    <form part="form" novalidate @submit=${on.submit} aria-busy=${pending ? 'true' : 'false'}>
      ${field}
      ${status}
      <div part="actions">
        <button part="button submit" type="submit" aria-disabled=${unavailable(pending)}>${t.emailSubmit}</button>
        ${canSkip ? html`<button part="button skip" type="button" aria-disabled=${unavailable(pending)} @click=${on.skip}>${t.emailSkip}</button>` : nothing}
      </div>
    </form>
    ${oauthChoice(t, providers, pending, on.choose)}`;
}
