/** Step `email-code`: the emailed code, resend after the cooldown, back to correct the address. */
import { html } from 'lit';
import { format, isolateLtr } from '../../i18n/index.js';
import { stepHeading } from './heading.js';
import { codeForm } from './code-field.js';
import type { StepContext } from './context.js';

export function emailCodeStep(ctx: StepContext) {
  const { t } = ctx;
  return html`${stepHeading(t.emailCodeHeading)}
    <p part="intro">${format(t.emailCodeIntro, { to: isolateLtr(ctx.state.email ?? '') })}</p>
    ${codeForm(ctx, t.changeEmail)}`;
}
