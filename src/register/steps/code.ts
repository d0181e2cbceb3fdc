/** Steps `phone-code` and `email-code`: the one-time code's place, resend after the cooldown, back to correct the number or address. */
import { html } from 'lit';
import { format } from '../../i18n/index.js';
import { fill, ltr, stepHeading } from './heading.js';
import type { StepBase } from './context.js';

export interface CodeStep {
  /** Where the code went: the number (`phone-code`) or the address (`email-code`). */
  to: 'phone' | 'email';
  address: string;
  resend: { readonly remaining: number; readonly ready: boolean };
}

export function codeStep({ t, pending, status, field, on }: StepBase, { to, address, resend }: CodeStep) {
  const [heading, intro, backLabel] =
    to === 'phone'
      ? [t.phoneCodeHeading, t.phoneCodeIntro, t.changePhone]
      : [t.emailCodeHeading, t.emailCodeIntro, t.changeEmail];
  return html`${stepHeading(heading, html`${fill(intro, { to: ltr(address) })}`)}
    <form part="form" novalidate @submit=${on.submit} aria-busy=${pending ? 'true' : 'false'}>
      ${field} ${status}
      <div part="actions">
        <button part="button submit" type="submit" ?disabled=${pending}>${t.codeSubmit}</button>
        <button part="button resend" type="button" ?disabled=${pending || !resend.ready} @click=${on.resend}>
          ${resend.ready ? t.resend : format(t.resendIn, { seconds: resend.remaining })}
        </button>
        <button part="button back" type="button" ?disabled=${pending} @click=${on.back}>${backLabel}</button>
      </div>
    </form>`;
}
