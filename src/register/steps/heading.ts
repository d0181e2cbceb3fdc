/** The step heading and intro line every screen starts with; the heading takes focus on step changes. */
import { html, nothing, type TemplateResult } from 'lit';
import { IDS } from './context.js';

export function stepHeading(title: string, intro?: string | TemplateResult) {
  return html`<h2 part="heading" id=${IDS.heading} tabindex="-1">${title}</h2>
    ${intro ? html`<p part="intro">${intro}</p>` : nothing}`;
}

/** A number, email or code inside translated text: always left-to-right, isolated from the text around it. */
export function ltr(text: string): TemplateResult {
  return html`<bdi dir="ltr" part="ltr">${text}</bdi>`;
}

/** Fills `{name}` placeholders with strings or templates (e.g. `ltr(phone)`), for text that holds markup. */
export function fill(text: string, values: Record<string, string | TemplateResult>): Array<string | TemplateResult> {
  return text.split(/(\{\w+\})/).map((piece) => {
    const key = /^\{(\w+)\}$/.exec(piece)?.[1];
    return key !== undefined && key in values ? values[key] : piece;
  });
}
