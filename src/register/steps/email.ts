/** Step `email`: the email address, skippable when the email step is optional. */
import { html, nothing } from 'lit';
import { describedBy, stepHeading } from './heading.js';
import type { StepContext } from './context.js';

export function emailStep(ctx: StepContext) {
  const { t, on } = ctx;
  return html`${stepHeading(t.emailHeading, t.emailIntro)}
    <form part="form" novalidate @submit=${on.submitEmail} aria-busy=${ctx.pending ? 'true' : 'false'}>
      <label part="label" for="email">${t.emailLabel}</label>
      <input
        part="input"
        id="email"
        name="email"
        type="email"
        dir="ltr"
        autocomplete="email"
        required
        .value=${ctx.emailText}
        aria-invalid=${ctx.invalid ? 'true' : 'false'}
        aria-describedby=${describedBy(false)}
      />
      ${ctx.status}
      <div part="actions">
        <button part="button submit" type="submit" ?disabled=${ctx.pending}>${t.emailSubmit}</button>
        ${ctx.canSkipEmail
          ? html`<button part="button skip" type="button" ?disabled=${ctx.pending} @click=${on.skipEmail}>${t.emailSkip}</button>`
          : nothing}
      </div>
    </form>`;
}
