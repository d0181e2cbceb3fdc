/** The one-time-code field's place and the resend/back actions shared by the phone-code and email-code steps. */
import { html } from 'lit';
import { format } from '../../i18n/index.js';
import { fieldSlots } from '../light-fields.js';
import type { StepContext } from './context.js';

export function codeForm(ctx: StepContext, backLabel: string) {
  const { t, on } = ctx;
  return html`<form part="form" novalidate @submit=${on.submitCode} aria-busy=${ctx.pending ? 'true' : 'false'}>
    ${fieldSlots()} ${ctx.status}
    <div part="actions">
      <button part="button submit" type="submit" ?disabled=${ctx.pending}>${t.codeSubmit}</button>
      <button part="button resend" type="button" ?disabled=${ctx.pending || !ctx.resend.ready} @click=${on.resend}>
        ${ctx.resend.ready ? t.resend : format(t.resendIn, { seconds: ctx.resend.remaining })}
      </button>
      <button part="button back" type="button" ?disabled=${ctx.pending} @click=${on.back}>${backLabel}</button>
    </div>
  </form>`;
}
