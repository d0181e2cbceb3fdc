/** Step `email`: the email address, skippable when the email step is optional. */
import { html, nothing } from 'lit';
import { stepHeading } from './heading.js';
import { fieldSlots } from '../light-fields.js';
import type { StepContext } from './context.js';
import { oauthChoice } from './oauth-parts.js';

export function emailStep(ctx: StepContext) {
  const { t, on } = ctx;
  return html`${stepHeading(t.emailHeading, t.emailIntro)}
    <form part="form" novalidate @submit=${on.submitEmail} aria-busy=${ctx.pending ? 'true' : 'false'}>
      ${fieldSlots()}
      ${ctx.status}
      <div part="actions">
        <button part="button submit" type="submit" ?disabled=${ctx.pending}>${t.emailSubmit}</button>
        ${ctx.canSkipEmail
          ? html`<button part="button skip" type="button" ?disabled=${ctx.pending} @click=${on.skipEmail}>${t.emailSkip}</button>`
          : nothing}
      </div>
    </form>
    ${oauthChoice(ctx)}`;
}
