/**
 * Countries for the picker with localised names, and the search over them.
 * Names come from `Intl.DisplayNames` (no bundle bytes, but building one
 * costs tens of ms on a phone): this module loads when the picker opens,
 * never on the first screen.
 */
import type { CountryCode } from 'libphonenumber-js/core';
import { toAsciiDigits } from './digits.js';
import { countryCallingCodes, type CountryLocale } from './countries.js';

export interface Country {
  /** ISO 3166-1 alpha-2, e.g. `EG`. */
  code: CountryCode;
  /** Digits without `+`, e.g. `20`. */
  callingCode: string;
  /** The country's name in the requested locale (the ISO code where the runtime has no name). */
  name: string;
}

const displayNames = new Map<CountryLocale, Intl.DisplayNames>();

/** A country's name in `locale` (the code itself where the runtime has none); the names object is built once per locale. */
export function countryDisplayName(code: string, locale: CountryLocale): string {
  let names = displayNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
    displayNames.set(locale, names);
  }
  return names.of(code) ?? code;
}

const lists = new Map<CountryLocale, readonly Country[]>();

/** All countries with names in `locale`, sorted by name in that locale's order. */
export function listCountries(locale: CountryLocale): Country[] {
  let list = lists.get(locale);
  if (!list) {
    const collator = new Intl.Collator(locale);
    list = [...countryCallingCodes()]
      .map(([code, callingCode]) => ({ code, callingCode, name: countryDisplayName(code, locale) }))
      .sort((a, b) => collator.compare(a.name, b.name));
    lists.set(locale, list);
  }
  return list.map((country) => ({ ...country }));
}

/**
 * Folds text for matching: no case, no diacritics or Arabic vowel marks,
 * Arabic letter variants unified (أ إ آ ٱ → ا, ة → ه, ى → ي), no tatweel,
 * punctuation as spaces.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\u0671/g, '\u0627')
    .replace(/\u0629/g, '\u0647')
    .replace(/\u0649/g, '\u064A')
    .replace(/\u0640/g, '')
    .replace(/[\s\p{P}\p{S}]+/gu, ' ')
    .trim();
}

function nameRank(name: string, query: string): number | undefined {
  const folded = foldForSearch(name);
  if (folded.startsWith(query)) return 1;
  if (folded.split(' ').some((word) => word.startsWith(query))) return 2;
  if (folded.includes(query)) return 3;
  return undefined;
}

/**
 * Countries matching `query`: by name (in `locale`, and in English too),
 * case-, diacritic- and Arabic-variant-insensitive; by ISO code; or by
 * calling code digits (`+20`, `20`, `٢٠`, or the first digits of one). Names
 * rank: exact ISO code first, then names starting with the query, then words starting with it, then
 * names containing it. An empty query gives the whole list.
 */
export function searchCountries(query: string, locale: CountryLocale): Country[] {
  const countries = listCountries(locale);
  const text = toAsciiDigits(query).trim();
  const digits = text.replace(/[\s+\-()]/g, '');
  if (/^\d+$/.test(digits)) {
    // Calling codes are prefix-free, so an exact code never competes with longer ones.
    return countries.filter((c) => c.callingCode.startsWith(digits));
  }
  const folded = foldForSearch(text);
  if (folded === '') return countries;
  const english = locale === 'en' ? undefined : listCountries('en');
  const ranked: Array<{ country: Country; rank: number; index: number }> = [];
  countries.forEach((country, index) => {
    const englishName = english?.find((c) => c.code === country.code)?.name;
    const ranks = [
      country.code.toLowerCase() === folded ? 0 : undefined,
      nameRank(country.name, folded),
      englishName === undefined ? undefined : nameRank(englishName, folded),
    ].filter((rank): rank is number => rank !== undefined);
    if (ranks.length > 0) ranked.push({ country, rank: Math.min(...ranks), index });
  });
  return ranked.sort((a, b) => a.rank - b.rank || a.index - b.index).map((entry) => entry.country);
}
