/** Step `phone`: the country (Egypt unless changed) and the mobile number. */
import { html } from 'lit';
import { stepHeading } from './heading.js';
import { fieldSlots } from '../light-fields.js';
import type { StepContext } from './context.js';

export function phoneStep(ctx: StepContext) {
  const { t, on } = ctx;
  return html`${stepHeading(t.phoneHeading, t.phoneIntro)}
    <form part="form" novalidate @submit=${on.submitPhone} aria-busy=${ctx.pending ? 'true' : 'false'}>
      ${ctx.countryPicker} ${fieldSlots()} ${ctx.status}
      <div part="actions">
        <button part="button submit" type="submit" ?disabled=${ctx.pending}>${t.phoneSubmit}</button>
      </div>
    </form>`;
}
