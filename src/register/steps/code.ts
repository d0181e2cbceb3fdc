/** Steps `phone-code` and `email-code`: the one-time code's place, resend after the cooldown, back to correct the number or address. */
import { html } from 'lit';
import { format } from '../../i18n/index.js';
import { stepHeading } from './heading.js';
import { unavailable, type StepBase } from './context.js';

export interface CodeStep {
  /** Where the code went: the number (`phone-code`) or the address (`email-code`). */
  to: 'phone' | 'email';
  resend: { readonly remaining: number; readonly ready: boolean };
}

/**
 * The line under the heading says where the code went; it is the code field's light-DOM hint (see
 * ../light-fields.ts), so the field is described by it.
 */
export function codeStep({ t, pending, status, field, hint, on }: StepBase, { to, resend }: CodeStep) {
  const [heading, backLabel] =
    to === 'phone' ? [t.phoneCodeHeading, t.changePhone] : [t.emailCodeHeading, t.changeEmail];
  return html`${stepHeading(heading)}
    <div part="intro">${hint}</div>
    <form part="form" novalidate @submit=${on.submit} aria-busy=${pending ? 'true' : 'false'}>
      ${field} ${status}
      <div part="actions">
        <button part="button submit" type="submit" aria-disabled=${unavailable(pending)}>${t.codeSubmit}</button>
        <button part="button resend" type="button" aria-disabled=${unavailable(pending || !resend.ready)} @click=${on.resend}>
          ${resend.ready ? t.resend : format(t.resendIn, { seconds: resend.remaining })}
        </button>
        <button part="button back" type="button" aria-disabled=${unavailable(pending)} @click=${on.back}>${backLabel}</button>
      </div>
    </form>`;
}
