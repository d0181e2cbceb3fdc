/** What the country picker (./country-picker.ts) and its lazy panel (./country-picker-panel.ts) share. */

/** The picker's strings (part of the element's dictionary). */
export interface CountryPickerStrings {
  countryLabel: string;
  countryEgypt: string;
  countryChange: string;
  countrySearchLabel: string;
  countryListLabel: string;
  countryDone: string;
  countryNoMatch: string;
  countryLoading: string;
  countryLoadFailed: string;
  /** The panel's code could not be loaded. */
  errorNetwork: string;
}

/** Ids inside the shadow root. */
export const COUNTRY_IDS = {
  toggle: 'country-toggle',
  panel: 'country-panel',
  search: 'country-search',
  list: 'country-list',
  label: 'country-label',
  value: 'country-value',
  status: 'country-status',
} as const;

/** `+20` wrapped in a left-to-right isolate, so it reads right inside Arabic text. */
export function callingCodeText(callingCode: string): string {
  return `\u2066+${callingCode}\u2069`;
}
