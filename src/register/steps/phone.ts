/** Step `phone`: the country (Egypt unless changed) and the mobile number. */
import { html, type TemplateResult } from 'lit';
import { stepHeading } from './heading.js';
import { fieldSlots } from '../light-fields.js';
import type { StepBase } from './context.js';

export function phoneStep({ t, pending, status, on }: StepBase, countryPicker: TemplateResult) {
  return html`${stepHeading(t.phoneHeading, t.phoneIntro)}
    <form part="form" novalidate @submit=${on.submit} aria-busy=${pending ? 'true' : 'false'}>
      ${countryPicker} ${fieldSlots()} ${status}
      <div part="actions">
        <button part="button submit" type="submit" ?disabled=${pending}>${t.phoneSubmit}</button>
      </div>
    </form>`;
}
