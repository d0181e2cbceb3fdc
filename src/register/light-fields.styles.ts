/**
 * Styles for the light-DOM field (./light-fields.ts), applied from the shadow
 * root through `::slotted()`. Declarations are `!important`: for important
 * rules the shadow tree wins over the page, so page rules such as
 * `input { border: 0 }` do not leak into the widget. Hosts theme the fields
 * with the `--vlens-*` custom properties like everything else. The same rules
 * style the shadow fallback (`.fallback-*`) shown until the light-DOM field exists. The code steps'
 * hint ("We sent a code to …", `data-intro`) is the line under the heading, in its place and look.
 */
import { css } from 'lit';

export const lightFieldStyles = css`
  ::slotted([slot='field-label']),
  .fallback-field-label {
    all: initial !important;
    display: block !important;
    font: inherit !important;
    font-weight: 600 !important;
    color: inherit !important;
    line-height: inherit !important;
    cursor: default !important;
  }
  ::slotted([slot='field']),
  .fallback-field {
    all: initial !important;
    display: block !important;
    box-sizing: border-box !important;
    inline-size: 100% !important;
    min-block-size: 2.75rem !important;
    margin: 0 !important;
    padding-block: 0.5rem !important;
    padding-inline: 0.75rem !important;
    font: inherit !important;
    line-height: 1.5 !important;
    color: var(--_text) !important;
    background: var(--_input) !important;
    border: 1px solid var(--_border) !important;
    border-radius: var(--_radius) !important;
    text-align: start !important;
    cursor: text !important;
  }
  ::slotted([slot='field'][name='code']),
  .fallback-field[name='code'] {
    letter-spacing: 0.3em !important;
    font-variant-numeric: tabular-nums !important;
  }
  ::slotted([slot='field'][aria-invalid='true']),
  .fallback-field[aria-invalid='true'] {
    border-color: var(--_error) !important;
    border-width: 2px !important;
  }
  ::slotted([slot='field']:focus-visible),
  .fallback-field:focus-visible {
    outline: 2px solid var(--_focus) !important;
    outline-offset: 2px !important;
  }
  ::slotted([slot='field-hint']),
  .fallback-field-hint {
    all: initial !important;
    display: block !important;
    margin-block: 0.25rem 0 !important;
    font: inherit !important;
    font-size: 0.875em !important;
    line-height: inherit !important;
    color: var(--_muted) !important;
  }
  ::slotted([slot='field-hint'][data-intro]),
  .fallback-field-hint[data-intro] {
    margin: 0 !important;
    font-size: inherit !important;
    color: inherit !important;
  }
  ::slotted([slot='status']),
  .fallback-status {
    all: initial !important;
    display: block !important;
    min-block-size: 1.5em !important;
    margin-block: 0.5rem !important;
    font: inherit !important;
    line-height: inherit !important;
    color: inherit !important;
  }
  ::slotted([slot='status'][data-tone='error']),
  .fallback-status[data-tone='error'] {
    color: var(--_error) !important;
  }
  ::slotted([slot='status'][data-tone='progress']),
  .fallback-status[data-tone='progress'],
  ::slotted([slot='status'][data-tone='notice']),
  .fallback-status[data-tone='notice'] {
    color: var(--_muted) !important;
  }
`;
