/**
 * Countries and their calling codes, from the generated table in
 * ./metadata/calling-codes.ts: what the phone step's first screen needs.
 * Names and search (`Intl.DisplayNames`, built when the picker opens) are in
 * ./country-search.ts.
 */
import type { CountryCode } from 'libphonenumber-js/core';
import { CALLING_CODE_TABLE } from './metadata/calling-codes.js';

export type CountryLocale = 'en' | 'ar';

let callingCodes: Map<CountryCode, string> | undefined;

/** Every country the phone library knows, with its calling code, in the library's order. */
export function countryCallingCodes(): ReadonlyMap<CountryCode, string> {
  if (!callingCodes) {
    callingCodes = new Map();
    for (const group of CALLING_CODE_TABLE.split(';')) {
      const [callingCode, members] = group.split(':') as [string, string];
      for (let i = 0; i < members.length; i += 2) callingCodes.set(members.slice(i, i + 2) as CountryCode, callingCode);
    }
  }
  return callingCodes;
}

/** The calling code of `country` (`'20'` for `EG`), or undefined for a code the library does not know. */
export function callingCodeOf(country: string): string | undefined {
  return countryCallingCodes().get(country as CountryCode);
}
