/** Step `phone-code`: the SMS code, resend after the cooldown, back to correct the number. */
import { html } from 'lit';
import { format, isolateLtr } from '../../i18n/index.js';
import { stepHeading } from './heading.js';
import { codeForm } from './code-field.js';
import type { StepContext } from './context.js';

export function phoneCodeStep(ctx: StepContext) {
  const { t } = ctx;
  return html`${stepHeading(t.phoneCodeHeading)}
    <p part="intro">${format(t.phoneCodeIntro, { to: isolateLtr(ctx.state.phone ?? '') })}</p>
    ${codeForm(ctx, t.changePhone)}`;
}
