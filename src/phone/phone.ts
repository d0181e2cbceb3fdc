/**
 * Phone numbers as people type them → the E.164 number that is sent, or an
 * outcome code that maps to a localised message. Pure; no DOM.
 */
import { parsePhoneNumberFromString, validatePhoneNumberLength, type CountryCode } from 'libphonenumber-js/min';
import { toDialable } from './digits.js';

export type { CountryCode };

export type PhoneOutcome =
  | { ok: true; e164: string; country: CountryCode | undefined }
  | { ok: false; code: 'empty' | 'invalid-characters' | 'too-short' | 'too-long' | 'invalid' };

/** Parses typed or pasted text (any digit script, separators, national 0) in the context of `country`. */
export function parsePhone(input: string, country: CountryCode = 'EG'): PhoneOutcome {
  const dialable = toDialable(input);
  if (!dialable.ok) return dialable;
  const length = validatePhoneNumberLength(dialable.value, country);
  if (length === 'TOO_SHORT' || length === 'NOT_A_NUMBER') return { ok: false, code: 'too-short' };
  if (length === 'TOO_LONG') return { ok: false, code: 'too-long' };
  const parsed = parsePhoneNumberFromString(dialable.value, country);
  if (!parsed || !parsed.isValid()) return { ok: false, code: 'invalid' };
  return { ok: true, e164: parsed.number, country: parsed.country };
}
