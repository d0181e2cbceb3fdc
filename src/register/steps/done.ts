/** Step `done`: the account exists; the host got `vlens-registered`. */
import { html } from 'lit';
import { format } from '../../i18n/index.js';
import { stepHeading } from './heading.js';
import type { StepContext } from './context.js';

export function doneStep(ctx: StepContext, name: string | null) {
  const { t } = ctx;
  return html`${stepHeading(t.doneHeading, format(t.doneIntro, { name: name ? ` ${name}` : '' }))}`;
}
