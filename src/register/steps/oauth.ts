/** Step `oauth`: a placeholder until the OAuth providers land; it only offers the way back. */
import { html } from 'lit';
import { stepHeading } from './heading.js';
import type { StepContext } from './context.js';

export function oauthStep(ctx: StepContext) {
  const { t, on } = ctx;
  return html`${stepHeading(t.oauthHeading, t.oauthIntro)} ${ctx.status}
    <div part="actions">
      <button part="button back" type="button" ?disabled=${ctx.pending} @click=${on.back}>${t.back}</button>
    </div>`;
}
