/** Step `finish`: the password when asked, the tenant's consent slot, and the final call. */
import { html, nothing } from 'lit';
import { stepHeading } from './heading.js';
import { unavailable, type StepBase } from './context.js';
import { verifiedEmail } from './oauth-parts.js';

export interface FinishStep {
  /** A password is asked: the field's slots show. */
  password: boolean;
  canGoBack: boolean;
  /** The email a provider confirmed, with the provider's name. */
  verified: { provider: string; email: string } | null;
}

export function finishStep(
  { t, pending, status, field, hint, on }: StepBase,
  { password, canGoBack, verified }: FinishStep,
) {
  return html`${stepHeading(t.finishHeading, t.finishIntro)} ${verifiedEmail(t, verified)}
    <form part="form" novalidate @submit=${on.submit} aria-busy=${pending ? 'true' : 'false'}>
      ${password ? html`${field}${hint}` : nothing}
      ${status}
      <slot name="consent"></slot>
      <div part="actions">
        <button part="button submit" type="submit" aria-disabled=${unavailable(pending)}>${t.finishSubmit}</button>
        ${canGoBack ? html`<button part="button back" type="button" aria-disabled=${unavailable(pending)} @click=${on.back}>${t.back}</button>` : nothing}
      </div>
    </form>`;
}
