/** The step heading and intro line every screen starts with; the heading takes focus on step changes. */
import { html, nothing } from 'lit';
import { IDS } from './context.js';

export function stepHeading(title: string, intro?: string) {
  return html`<h2 part="heading" id=${IDS.heading} tabindex="-1">${title}</h2>
    ${intro ? html`<p part="intro">${intro}</p>` : nothing}`;
}

/** `aria-describedby` for a field: its hint (when it has one) and the live error region. */
export function describedBy(withHint: boolean): string {
  return withHint ? `${IDS.hint} ${IDS.error}` : IDS.error;
}
