/**
 * Step `oauth`: the sign-in with the chosen provider is running, or failed (then: try again).
 * The way back to the choice stays open while a sign-in runs: a prompt may never answer.
 */
import { html, nothing } from 'lit';
import { format } from '../../i18n/index.js';
import { stepHeading } from './heading.js';
import type { StepContext } from './context.js';

export function oauthStep(ctx: StepContext) {
  const { t, on } = ctx;
  const provider = ctx.oauth.chosen ? ctx.oauth.label(ctx.oauth.chosen) : '';
  return html`${stepHeading(format(t.oauthHeading, { provider }), format(t.oauthIntro, { provider }))} ${ctx.status}
    <div part="actions">
      ${ctx.oauth.failed
        ? html`<button part="button submit retry" type="button" ?disabled=${ctx.pending} @click=${on.retryOAuth}>${t.oauthRetry}</button>`
        : nothing}
      <button part="button back" type="button" @click=${on.back}>${t.oauthOtherWay}</button>
    </div>`;
}
