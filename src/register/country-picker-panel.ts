/**
 * The country picker's open panel (search field, list, Done) and the names
 * of countries: loaded when the picker opens, or at idle time after the first
 * render, so the first screen builds no `Intl.DisplayNames`.
 */
import { html, type TemplateResult } from 'lit';
import { searchCountries, type Country } from '../phone/country-search.js';
import type { CountryLocale } from '../phone/countries.js';
import { callingCodeText, COUNTRY_IDS, type CountryPickerStrings } from './country-picker-parts.js';

export { countryDisplayName } from '../phone/country-search.js';
export { callingCodeOf } from '../phone/countries.js';

/** Rows the listbox shows at once. */
const LIST_ROWS = 6;

/** What the panel shows and the picker's handlers it wires. */
export interface CountryPanelView {
  t: CountryPickerStrings;
  locale: CountryLocale;
  query: string;
  /** The chosen country's ISO code (selected in the list). */
  selected: string;
  /** The countries on offer (ISO codes): the list shows only these. */
  offered: readonly string[];
  on: {
    panelKeydown: (event: KeyboardEvent) => void;
    search: (event: Event) => void;
    searchKeydown: (event: KeyboardEvent) => void;
    listChange: (event: Event) => void;
    listKeydown: (event: KeyboardEvent) => void;
    close: () => void;
  };
}

export function renderCountryPanel({ t, locale, query, selected, offered, on }: CountryPanelView): TemplateResult {
  const matches = searchCountries(query, locale).filter((country) => offered.includes(country.code));
  return html`<div part="country-panel" id=${COUNTRY_IDS.panel} @keydown=${on.panelKeydown}>
    <label part="label" for=${COUNTRY_IDS.search}>${t.countrySearchLabel}</label>
    <input
      part="input country-search"
      id=${COUNTRY_IDS.search}
      type="search"
      dir="auto"
      autocomplete="off"
      enterkeyhint="done"
      aria-controls=${COUNTRY_IDS.list}
      .value=${query}
      @input=${on.search}
      @keydown=${on.searchKeydown}
    />
    <label part="label" for=${COUNTRY_IDS.list}>${t.countryListLabel}</label>
    ${
      matches.length
        ? html`<select
          part="country-list"
          id=${COUNTRY_IDS.list}
          size=${Math.min(LIST_ROWS, Math.max(2, matches.length))}
          @change=${on.listChange}
          @keydown=${on.listKeydown}
          @dblclick=${on.close}
        >
          ${matches.map((c) => renderOption(c, selected))}
        </select>`
        : html`<p part="hint" id=${COUNTRY_IDS.list}>${t.countryNoMatch}</p>`
    }
    <div part="actions">
      <button part="button country-done" type="button" @click=${on.close}>${t.countryDone}</button>
    </div>
  </div>`;
}

function renderOption(country: Country, selected: string): TemplateResult {
  return html`<option value=${country.code} ?selected=${country.code === selected}>
    ${country.name} (${callingCodeText(country.callingCode)})
  </option>`;
}
