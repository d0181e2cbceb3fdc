/** The OAuth pieces other steps show: the provider choice on the email step, the confirmed email on finish. */
import { html, nothing } from 'lit';
import { format, isolateLtr } from '../../i18n/index.js';
import type { StepContext } from './context.js';

/** "Continue with Google / Microsoft" beside the email code; nothing without `oauth-providers`. */
export function oauthChoice(ctx: StepContext) {
  const { t, on } = ctx;
  if (!ctx.oauth.providers.length) return nothing;
  return html`<div part="oauth-choice" role="group" aria-labelledby="oauth-label">
    <p part="oauth-label" id="oauth-label">${t.oauthChoiceLabel}</p>
    ${ctx.oauth.providers.map(
      (name) =>
        html`<button part="button oauth oauth-${name}" type="button" ?disabled=${ctx.pending} @click=${() => on.chooseOAuth(name)}>
          ${name === 'google' ? t.continueWithGoogle : t.continueWithMicrosoft}
        </button>`,
    )}
  </div>`;
}

/** The email the provider confirmed, shown before the person finishes. */
export function verifiedEmail(ctx: StepContext) {
  const { state, t } = ctx;
  if (!state.oauthRequestId || !state.email || !ctx.oauth.chosen) return nothing;
  const provider = ctx.oauth.label(ctx.oauth.chosen);
  return html`<p part="verified-email">${format(t.oauthVerified, { provider, email: isolateLtr(state.email) })}</p>`;
}
