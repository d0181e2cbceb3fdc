/**
 * ./countries.ts for the classic script (one file, Egypt's metadata only):
 * the calling codes of the countries whose metadata the build carries, so
 * the table of every other country's code does not weigh on it.
 */
import type { CountryCode } from 'libphonenumber-js/core';
import { currentPhoneMetadata } from './metadata-store.js';

export type CountryLocale = 'en' | 'ar';

/** The countries this build carries, with their calling codes. */
export function countryCallingCodes(): ReadonlyMap<CountryCode, string> {
  const codes = new Map<CountryCode, string>();
  for (const [callingCode, members] of Object.entries(currentPhoneMetadata().country_calling_codes))
    for (const member of members) codes.set(member, callingCode);
  return codes;
}

/** The calling code of `country` (`'20'` for `EG`), or undefined for a country this build does not carry. */
export function callingCodeOf(country: string): string | undefined {
  return countryCallingCodes().get(country as CountryCode);
}
