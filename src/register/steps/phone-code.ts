/** Step `phone-code`: the SMS code, resend after the cooldown, back to correct the number. */
import { html } from 'lit';
import { fill, ltr, stepHeading } from './heading.js';
import { codeForm } from './code-field.js';
import type { StepContext } from './context.js';

export function phoneCodeStep(ctx: StepContext) {
  const { t } = ctx;
  return html`${stepHeading(t.phoneCodeHeading, html`${fill(t.phoneCodeIntro, { to: ltr(ctx.state.phone ?? '') })}`)}
    ${codeForm(ctx, t.changePhone)}`;
}
