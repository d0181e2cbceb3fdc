/** Step `phone`: the country (Egypt unless changed) and the mobile number. */
import { html, type TemplateResult } from 'lit';
import { stepHeading } from './heading.js';
import { unavailable, type StepBase } from './context.js';

export function phoneStep({ t, pending, status, field, hint, on }: StepBase, countryPicker: TemplateResult) {
  return html`${stepHeading(t.phoneHeading, t.phoneIntro)}
    <form part="form" novalidate @submit=${on.submit} aria-busy=${pending ? 'true' : 'false'}>
      ${countryPicker} ${field}${hint} ${status}
      <div part="actions">
        <button part="button submit" type="submit" aria-disabled=${unavailable(pending)}>${t.phoneSubmit}</button>
      </div>
    </form>`;
}
