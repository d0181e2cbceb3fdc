/** Step `done`: the account exists; the host got `vlens-registered`. */
import { html } from 'lit';
import type { VlensStrings } from '../../i18n/index.js';
import { format } from '../../i18n/index.js';
import { stepHeading } from './heading.js';

export function doneStep(t: VlensStrings, name: string | null) {
  return html`${stepHeading(t.doneHeading, format(t.doneIntro, { name: name ? ` ${name}` : '' }))}`;
}
