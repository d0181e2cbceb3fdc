/**
 * Styles of the country picker (./country-picker.ts): logical properties, `--_*` theme tokens. The
 * listbox's rows are ones a finger can hit (WCAG 2.2's 24 px minimum; 44 px under a coarse pointer),
 * and names wrap rather than lose their calling code on a narrow phone.
 */
import { css } from 'lit';

export const countryPickerStyles = css`
  [part~='country'] {
    margin-block-end: 0.75rem;
  }
  [part~='country-row'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  [part~='country-name'] {
    flex: 1 1 8rem;
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }
  [part~='calling-code'] {
    unicode-bidi: isolate;
    font-variant-numeric: tabular-nums;
  }
  [part~='country-panel'] {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    margin-block-start: 0.5rem;
    padding-block: 0.5rem;
    padding-inline: 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  [part~='country-list'] {
    inline-size: 100%;
    font: inherit;
    color: var(--_text);
    background: var(--_input);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  [part~='country-list'] option {
    display: flex;
    align-items: center;
    min-block-size: 1.5rem;
    padding-block: 0.125rem;
    padding-inline: 0.5rem;
    white-space: normal;
    overflow-wrap: anywhere;
  }
  @media (pointer: coarse) {
    [part~='country-list'] option {
      min-block-size: 2.75rem;
    }
  }
  [part~='country-list']:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  [part~='country-status'] {
    margin-block: 0.25rem 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
  [part~='country-status']:empty {
    margin: 0;
  }
`;
