/** The OAuth pieces other steps show: the provider choice on the email step, the confirmed email on finish. */
import { html, nothing } from 'lit';
import { format, type VlensStrings } from '../../i18n/index.js';
import { isolateLtr } from '../../i18n/messages.js';
import type { OAuthProviderName } from '../../oauth/types.js';
import { unavailable } from './context.js';

/** "Continue with Google / Microsoft" beside the email code; nothing without `oauth-providers`. */
export function oauthChoice(
  t: VlensStrings,
  providers: readonly OAuthProviderName[],
  pending: boolean,
  choose: (name: OAuthProviderName) => void,
) {
  if (!providers.length) return nothing;
  return html`<div part="oauth-choice" role="group" aria-labelledby="oauth-label">
    <p part="oauth-label" id="oauth-label">${t.oauthChoiceLabel}</p>
    ${providers.map(
      (name) =>
        html`<button part="button oauth oauth-${name}" type="button" aria-disabled=${unavailable(pending)} @click=${() => choose(name)}>
          ${name === 'google' ? t.continueWithGoogle : t.continueWithMicrosoft}
        </button>`,
    )}
  </div>`;
}

/** A provider's name as the person reads it. */
export function providerLabel(t: VlensStrings, name: OAuthProviderName | null): string {
  if (!name) return '';
  return name === 'google' ? t.providerGoogle : t.providerMicrosoft;
}

/** The email the provider confirmed, shown before the person finishes. */
export function verifiedEmail(t: VlensStrings, verified: { provider: string; email: string } | null) {
  if (!verified) return nothing;
  return html`<p part="verified-email">${format(t.oauthVerified, { provider: verified.provider, email: isolateLtr(verified.email) })}</p>`;
}
