/**
 * Step `oauth`: the sign-in with the chosen provider is running, or failed (then: try again).
 * The way back to the choice stays open while a sign-in runs: a prompt may never answer.
 */
import { html, nothing } from 'lit';
import { format } from '../../i18n/index.js';
import { stepHeading } from './heading.js';
import { unavailable, type StepBase } from './context.js';

export interface OAuthStep {
  /** The chosen provider's name. */
  provider: string;
  /** The sign-in failed: offer to try again. */
  failed: boolean;
}

export function oauthStep({ t, pending, status, on }: StepBase, { provider, failed }: OAuthStep) {
  return html`${stepHeading(format(t.oauthHeading, { provider }), format(t.oauthIntro, { provider }))} ${status}
    <div part="actions">
      ${failed ? html`<button part="button submit retry" type="button" aria-disabled=${unavailable(pending)} @click=${on.retry}>${t.oauthRetry}</button>` : nothing}
      <button part="button back" type="button" @click=${on.back}>${t.oauthOtherWay}</button>
    </div>`;
}
