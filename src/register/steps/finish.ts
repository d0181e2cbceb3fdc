/** Step `finish`: the password when asked, the tenant's consent slot, and the final call. */
import { html, nothing } from 'lit';
import { stepHeading } from './heading.js';
import { fieldSlots } from '../light-fields.js';
import type { StepContext } from './context.js';
import { verifiedEmail } from './oauth-parts.js';

export function finishStep(ctx: StepContext) {
  const { t, on } = ctx;
  return html`${stepHeading(t.finishHeading, t.finishIntro)} ${verifiedEmail(ctx)}
    <form part="form" novalidate @submit=${on.submitFinish} aria-busy=${ctx.pending ? 'true' : 'false'}>
      ${ctx.passwordMode !== 'off' ? fieldSlots() : nothing}
      ${ctx.status}
      <slot name="consent"></slot>
      <div part="actions">
        <button part="button submit" type="submit" ?disabled=${ctx.pending}>${t.finishSubmit}</button>
        ${ctx.canGoBack
          ? html`<button part="button back" type="button" ?disabled=${ctx.pending} @click=${on.back}>${t.back}</button>`
          : nothing}
      </div>
    </form>`;
}
