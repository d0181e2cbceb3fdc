/**
 * The widget's design tokens: each public `--vlens-*` custom property, with a
 * light and a dark default. `theme="dark"` forces dark; `theme="auto"` puts
 * `data-scheme="dark"` on the box when the page behind it is dark (see
 * ../controllers/page-scheme.ts). Rules use the private `--_*` names only, so
 * a host's value for `--vlens-color-text` wins in both modes.
 *
 * Text on the primary colour uses `--_on-primary-text` and the primary colour
 * as text (outline buttons, links) `--_primary-text`: the theme's colours, or
 * the readable ones ../controllers/readable-colours.ts supplies (inline
 * `--_auto-*` properties on the box) when a brand colour falls under 4.5:1.
 */
import { css } from 'lit';

const light = css`
  --_text: var(--vlens-color-text, #1f2933);
  --_muted: var(--vlens-color-muted, #52606d);
  --_surface: var(--vlens-color-surface, #ffffff);
  --_input: var(--vlens-color-input, #ffffff);
  --_border: var(--vlens-color-border, #7b8794);
  --_primary: var(--vlens-color-primary, #1d4ed8);
  --_on-primary: var(--vlens-color-on-primary, #ffffff);
  --_error: var(--vlens-color-error, #b91c1c);
  --_focus: var(--vlens-color-focus, #2563eb);
  --_scheme: light;
`;

const dark = css`
  --_text: var(--vlens-color-text, #f1f5f9);
  --_muted: var(--vlens-color-muted, #a7b1bd);
  --_surface: var(--vlens-color-surface, #111827);
  --_input: var(--vlens-color-input, #1f2937);
  --_border: var(--vlens-color-border, #8592a3);
  --_primary: var(--vlens-color-primary, #93c5fd);
  --_on-primary: var(--vlens-color-on-primary, #0b1220);
  --_error: var(--vlens-color-error, #fca5a5);
  --_focus: var(--vlens-color-focus, #93c5fd);
  --_scheme: dark;
`;

export const themeStyles = css`
  :host {
    ${light}
    --_radius: var(--vlens-radius, 0.5rem);
    --_font: var(--vlens-font-family, system-ui, -apple-system, 'Segoe UI', Tahoma, sans-serif);
    --_font-size: var(--vlens-font-size, 1rem);
    --_space: var(--vlens-spacing, 1rem);
  }
  :host([theme='dark']),
  [part~='base'][data-scheme='dark'] {
    ${dark}
  }
  [part~='base'] {
    --_on-primary-text: var(--_auto-on-primary, var(--_on-primary));
    --_primary-text: var(--_auto-primary-text, var(--_primary));
  }
`;
