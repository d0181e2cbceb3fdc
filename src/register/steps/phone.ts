/** Step `phone`: the mobile number. */
import { html } from 'lit';
import { describedBy, stepHeading } from './heading.js';
import { IDS, type StepContext } from './context.js';

export function phoneStep(ctx: StepContext) {
  const { t, on } = ctx;
  return html`${stepHeading(t.phoneHeading, t.phoneIntro)}
    <form part="form" novalidate @submit=${on.submitPhone} aria-busy=${ctx.pending ? 'true' : 'false'}>
      <label part="label" for="phone">${t.phoneLabel}</label>
      <input
        part="input"
        id="phone"
        name="phone"
        type="tel"
        dir="ltr"
        autocomplete="tel"
        inputmode="tel"
        required
        .value=${ctx.phoneText}
        aria-invalid=${ctx.invalid ? 'true' : 'false'}
        aria-describedby=${describedBy(true)}
      />
      <p part="hint" id=${IDS.hint}>${t.phoneHint}</p>
      ${ctx.status}
      <div part="actions">
        <button part="button submit" type="submit" ?disabled=${ctx.pending}>${t.phoneSubmit}</button>
      </div>
    </form>`;
}
