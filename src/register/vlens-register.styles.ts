/** The element's shadow styles: logical properties only, themed through `--vlens-*` custom properties. */
import { css } from 'lit';

export const vlensRegisterStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    max-inline-size: 28rem;
    color: var(--vlens-color-text, #1f2933);
    font-family: var(--vlens-font-family, system-ui, -apple-system, 'Segoe UI', Tahoma, sans-serif);
    font-size: var(--vlens-font-size, 1rem);
    line-height: 1.5;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [part~='base'] {
    padding-block: var(--vlens-spacing, 1rem);
    padding-inline: var(--vlens-spacing, 1rem);
    background: var(--vlens-color-surface, #ffffff);
    border: 1px solid var(--vlens-color-border, #cbd2d9);
    border-radius: var(--vlens-radius, 0.5rem);
  }
  [part~='heading'] {
    margin-block: 0 calc(var(--vlens-spacing, 1rem) / 2);
    font-size: 1.25em;
    line-height: 1.3;
  }
  [part~='heading']:focus {
    outline: none;
  }
  [part~='heading']:focus-visible {
    outline: 2px solid var(--vlens-color-focus, #2563eb);
    outline-offset: 2px;
  }
  [part~='intro'],
  [part~='hint'] {
    margin-block: 0 var(--vlens-spacing, 1rem);
  }
  [part~='hint'] {
    color: var(--vlens-color-muted, #52606d);
    font-size: 0.875em;
    margin-block-start: 0.25rem;
  }
  [part~='form'] {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  [part~='label'] {
    font-weight: 600;
  }
  [part~='input'] {
    inline-size: 100%;
    min-block-size: 2.75rem;
    padding-block: 0.5rem;
    padding-inline: 0.75rem;
    font: inherit;
    color: inherit;
    background: var(--vlens-color-input, #ffffff);
    border: 1px solid var(--vlens-color-border, #cbd2d9);
    border-radius: var(--vlens-radius, 0.5rem);
  }
  [part~='input'][dir='ltr'] {
    text-align: start;
  }
  :host(:dir(rtl)) [part~='input'][dir='ltr'],
  [dir='rtl'] [part~='input'][dir='ltr'] {
    text-align: end;
  }
  [part~='input'][aria-invalid='true'] {
    border-color: var(--vlens-color-error, #b91c1c);
  }
  [part~='input']:focus-visible,
  [part~='button']:focus-visible,
  [part~='link']:focus-visible {
    outline: 2px solid var(--vlens-color-focus, #2563eb);
    outline-offset: 2px;
  }
  [part~='code'] {
    letter-spacing: 0.3em;
    font-variant-numeric: tabular-nums;
  }
  [part~='status'] {
    min-block-size: 1.5em;
    margin-block: 0.5rem;
  }
  [part~='error'] {
    margin: 0;
    color: var(--vlens-color-error, #b91c1c);
  }
  [part~='progress'],
  [part~='notice'] {
    margin: 0;
    color: var(--vlens-color-muted, #52606d);
  }
  [part~='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-block-start: 0.5rem;
  }
  [part~='button'] {
    min-block-size: 2.75rem;
    padding-block: 0.5rem;
    padding-inline: 1rem;
    font: inherit;
    border-radius: var(--vlens-radius, 0.5rem);
    border: 1px solid var(--vlens-color-primary, #1d4ed8);
    background: transparent;
    color: var(--vlens-color-primary, #1d4ed8);
    cursor: pointer;
  }
  [part~='submit'] {
    background: var(--vlens-color-primary, #1d4ed8);
    color: var(--vlens-color-on-primary, #ffffff);
  }
  [part~='button']:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  [part~='link'] {
    color: var(--vlens-color-primary, #1d4ed8);
    margin-inline-start: 0.25rem;
  }
`;
