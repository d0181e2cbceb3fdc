/** Step `email-code`: the emailed code, resend after the cooldown, back to correct the address. */
import { html } from 'lit';
import { fill, ltr, stepHeading } from './heading.js';
import { codeForm } from './code-field.js';
import type { StepContext } from './context.js';

export function emailCodeStep(ctx: StepContext) {
  const { t } = ctx;
  return html`${stepHeading(t.emailCodeHeading, html`${fill(t.emailCodeIntro, { to: ltr(ctx.state.email ?? '') })}`)}
    ${codeForm(ctx, t.changeEmail)}`;
}
