/**
 * The element's shadow styles: logical properties only (the same rules serve
 * left-to-right and right-to-left), themed through the `--_*` tokens of
 * ./theme.styles.ts, which read the public `--vlens-*` custom properties.
 *
 * A button that cannot act now keeps focus (`aria-disabled`) and its readable text colour: the resend
 * countdown is the only place the wait shows, so it is not faded; a dashed border marks it instead.
 */
import { css } from 'lit';

export const vlensRegisterStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    max-inline-size: 28rem;
    min-inline-size: 0;
    color: var(--_text);
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.5;
    overflow-wrap: anywhere;
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
    color-scheme: var(--_scheme);
    padding-block: var(--_space);
    padding-inline: var(--_space);
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  [part~='heading'] {
    margin-block: 0 calc(var(--_space) / 2);
    font-size: 1.25em;
    line-height: 1.3;
  }
  [part~='heading']:focus {
    outline: none;
  }
  [part~='heading']:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  [part~='intro'],
  [part~='hint'] {
    margin-block: 0 var(--_space);
  }
  [part~='hint'] {
    color: var(--_muted);
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
    color: var(--_text);
    background: var(--_input);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  [part~='input']:focus-visible,
  [part~='button']:focus-visible,
  [part~='link']:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  [part~='sign-in'] {
    margin-block: 0 0.5rem;
  }
  [part~='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-block-start: 0.5rem;
  }
  [part~='button'] {
    min-block-size: 2.75rem;
    min-inline-size: 2.75rem;
    max-inline-size: 100%;
    padding-block: 0.5rem;
    padding-inline: 1rem;
    font: inherit;
    border-radius: var(--_radius);
    border: 1px solid var(--_primary);
    background: transparent;
    color: var(--_primary-text);
    cursor: pointer;
    transition:
      background-color 150ms ease,
      color 150ms ease,
      box-shadow 150ms ease;
  }
  [part~='button']:hover:not([aria-disabled='true']) {
    box-shadow: inset 0 0 0 1px var(--_primary);
  }
  [part~='submit'] {
    background: var(--_primary);
    color: var(--_on-primary-text);
  }
  [part~='button'][aria-disabled='true'] {
    border-style: dashed;
    cursor: not-allowed;
  }
  [part~='link'] {
    color: var(--_primary-text);
  }
  [part~='oauth-choice'] {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    margin-block-start: var(--_space);
    padding-block-start: var(--_space);
    border-block-start: 1px solid var(--_border);
  }
  [part~='oauth-label'] {
    margin: 0;
    color: var(--_muted);
  }
  [part~='verified-email'] {
    margin-block: 0 var(--_space);
    overflow-wrap: anywhere;
  }
  bdi,
  [dir='ltr'] {
    unicode-bidi: isolate;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      transition: none !important;
      animation: none !important;
      scroll-behavior: auto !important;
    }
  }
  @media (forced-colors: active) {
    [part~='base'],
    [part~='button'] {
      border-color: CanvasText;
    }
  }
`;
