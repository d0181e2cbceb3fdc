/**
 * Phone numbers as people type them → the E.164 number that is sent, or an
 * outcome code that maps to a localised message. Pure; no DOM.
 *
 * Egypt parses synchronously from the main bundle's metadata; other
 * countries answer `metadata-not-loaded` until `ensureCountry()` or
 * `loadPhoneMetadata()` has resolved (see ./metadata-store.ts).
 */
import { parsePhoneNumberFromString, validatePhoneNumberLength, type CountryCode } from 'libphonenumber-js/core/es6';
import { toDialable } from './digits.js';
import {
  currentPhoneMetadata,
  isCallingCodeLoaded,
  isCountryLoaded,
  isWorldPhoneMetadataLoaded,
} from './metadata-store.js';

export type { CountryCode };

/**
 * Why a number was refused:
 * - `empty`: nothing but spaces, separators or invisible marks;
 * - `invalid-characters`: letters or symbols that are not part of a number;
 * - `too-short` / `too-long`: wrong number of digits for the country (or outside E.164's 8-15 digits);
 * - `invalid`: right length, but not a number that exists (e.g. +20 130…, or an unknown calling code);
 * - `not-mobile`: a valid number whose type cannot receive an SMS (a landline such as 050 123 4567 in
 *   Mansoura, toll-free…), known from the metadata's number types (Egypt's slice carries them; the
 *   lazily loaded world metadata does not, so there only the proxy refuses them);
 * - `metadata-not-loaded`: the country (picked, or given by `+code`) is not loaded yet:
 *   `await loadPhoneMetadata()` (or `ensureCountry`) and parse again. Never returned once the world is loaded;
 * - `unknown-country`: the `country` argument is not a country the library knows (a configuration error).
 */
export const PHONE_REJECTION_CODES = [
  'empty',
  'invalid-characters',
  'too-short',
  'too-long',
  'invalid',
  'not-mobile',
  'metadata-not-loaded',
  'unknown-country',
] as const;

export type PhoneRejectionCode = (typeof PHONE_REJECTION_CODES)[number];

export type PhoneOutcome =
  { ok: true; e164: string; country: CountryCode | undefined } | { ok: false; code: PhoneRejectionCode };

/** What the proxy accepts: `+`, no leading zero, 8-15 digits. */
const E164 = /^\+[1-9]\d{7,14}$/;
const E164_MIN_DIGITS = 8;
const E164_MAX_DIGITS = 15;
/** Longest national spelling worth handing to the library: an international access code (e.g. 011) plus 15 digits, with room. */
const MAX_DIALABLE_DIGITS = 20;

const reject = (code: PhoneRejectionCode): PhoneOutcome => ({ ok: false, code });

/**
 * Parses typed or pasted text (any digit script, separators, invisible
 * marks, national 0, `00` or `+` prefix) in the context of `country`.
 * Never throws.
 */
export function parsePhone(input: string, country: CountryCode | (string & {}) = 'EG'): PhoneOutcome {
  const dialable = toDialable(input);
  if (!dialable.ok) return dialable;
  const text = dialable.value;
  const international = text.startsWith('+');
  const digits = international ? text.slice(1) : text;
  if (digits.length > MAX_DIALABLE_DIGITS) return reject('too-long');

  const countryLoaded = isCountryLoaded(country);
  if (international) {
    if (digits.length < E164_MIN_DIGITS) return reject('too-short');
    if (digits.length > E164_MAX_DIGITS) return reject('too-long');
    const codeLoaded = [1, 2, 3].some((n) => isCallingCodeLoaded(digits.slice(0, n)));
    if (!codeLoaded && !isWorldPhoneMetadataLoaded()) return reject('metadata-not-loaded');
  } else if (!countryLoaded) {
    return reject(isWorldPhoneMetadataLoaded() ? 'unknown-country' : 'metadata-not-loaded');
  }

  const metadata = currentPhoneMetadata();
  const defaultCountry = countryLoaded ? (country as CountryCode) : undefined;
  const length = validatePhoneNumberLength(text, defaultCountry as CountryCode, metadata);
  if (length === 'TOO_SHORT' || length === 'NOT_A_NUMBER') return reject('too-short');
  if (length === 'TOO_LONG') return reject('too-long');
  const parsed = parsePhoneNumberFromString(text, defaultCountry as CountryCode, metadata);
  if (!parsed || !parsed.isValid()) return reject('invalid');
  const type = parsed.getType();
  if (type !== undefined && type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return reject('not-mobile');
  if (!E164.test(parsed.number)) return reject(parsed.number.length - 1 < E164_MIN_DIGITS ? 'too-short' : 'too-long');
  return { ok: true, e164: parsed.number, country: parsed.country };
}
