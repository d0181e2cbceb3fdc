/**
 * Pure text clean-up for phone numbers and codes as people type or paste
 * them: no DOM, no phone metadata, safe for the widget, the proxy and tests.
 */

/** Bidi marks, zero-width characters, BOM and similar invisibles that ride along in pasted SMS text. */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;

/** Digit blocks mapped to ASCII: Arabic-Indic, Eastern Arabic-Indic (Persian/Urdu), full-width. */
const DIGIT_ZEROS = [0x0660, 0x06f0, 0xff10];

/** Removes invisible characters and maps every known digit block to ASCII 0-9, and `＋` to `+`. */
export function toAsciiDigits(input: string): string {
  let out = '';
  for (const ch of input.replace(INVISIBLE, '')) {
    const code = ch.codePointAt(0)!;
    const zero = DIGIT_ZEROS.find((z) => code >= z && code <= z + 9);
    if (zero !== undefined) out += String(code - zero);
    else if (ch === '\uFF0B') out += '+';
    else out += ch;
  }
  return out;
}

/** Separators people put in phone numbers: spaces of every width, dashes, dots, slashes, brackets. */
const SEPARATORS = /[\s\u00A0\u2000-\u200A\u202F\u205F\u3000\-\u2010-\u2015\u2212.\/()[\]]/g;

export type DialableOutcome =
  | { ok: true; value: string }
  | { ok: false; code: 'empty' | 'invalid-characters' };

/**
 * Reduces typed or pasted text to `+digits` or `digits`: ASCII digits,
 * separators removed, `00` international prefix turned into `+`.
 */
export function toDialable(input: string): DialableOutcome {
  const text = toAsciiDigits(input).replace(SEPARATORS, '');
  if (text === '') return { ok: false, code: 'empty' };
  if (!/^\+?\d+$/.test(text)) return { ok: false, code: 'invalid-characters' };
  return { ok: true, value: text.startsWith('00') ? `+${text.slice(2)}` : text };
}

export type CodeOutcome =
  | { ok: true; value: string }
  | { ok: false; code: 'empty' | 'invalid-characters' | 'too-long' };

/** Normalises a one-time code: ASCII digits, separators dropped. Complete or not is the caller's call. */
export function toCodeDigits(input: string, maxLength = 8): CodeOutcome {
  const text = toAsciiDigits(input).replace(SEPARATORS, '');
  if (text === '') return { ok: false, code: 'empty' };
  if (!/^\d+$/.test(text)) return { ok: false, code: 'invalid-characters' };
  if (text.length > maxLength) return { ok: false, code: 'too-long' };
  return { ok: true, value: text };
}

/** The key rate limits use for a phone number: its digits only, so every spelling of one number counts once. */
export function phoneLimitKey(e164: string): string {
  return toAsciiDigits(e164).replace(/\D/g, '');
}
