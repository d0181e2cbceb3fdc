/**
 * Pure text clean-up for phone numbers and codes as people type or paste
 * them: no DOM, no phone metadata, safe for the widget, the proxy and tests.
 */

/** Bidi marks, zero-width characters, BOM and similar invisibles that ride along in pasted SMS text. */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;

/** Digit blocks mapped to ASCII: Arabic-Indic and Eastern Arabic-Indic (Persian/Urdu). */
const DIGIT_ZEROS = [0x0660, 0x06f0];

/** Full-width forms of printable ASCII (`０-９`, `＋`, `（）`, `－`, letters…), as IMEs and some SMS apps type them. */
const FULL_WIDTH_FIRST = 0xff01;
const FULL_WIDTH_LAST = 0xff5e;
const FULL_WIDTH_OFFSET = 0xfee0;

/**
 * Removes invisible characters, maps Arabic-Indic and Eastern Arabic-Indic
 * digits to ASCII 0-9 and full-width ASCII forms (digits, `＋`, brackets,
 * dashes, letters) to their ASCII characters.
 */
export function toAsciiDigits(input: string): string {
  let out = '';
  for (const ch of input.replace(INVISIBLE, '')) {
    const code = ch.codePointAt(0)!;
    const zero = DIGIT_ZEROS.find((z) => code >= z && code <= z + 9);
    if (zero !== undefined) out += String(code - zero);
    else if (code >= FULL_WIDTH_FIRST && code <= FULL_WIDTH_LAST) out += String.fromCharCode(code - FULL_WIDTH_OFFSET);
    else out += ch;
  }
  return out;
}

/** Separators people put in phone numbers: spaces of every width, dashes, dots, slashes, brackets. */
const SEPARATORS = /[\s\u00A0\u2000-\u200A\u202F\u205F\u3000\-\u2010-\u2015\u2212\uFE58\uFE63./()[\]]/g;

export type DialableOutcome =
  { ok: true; value: string } | { ok: false; code: 'empty' | 'invalid-characters' | 'too-short' };

/**
 * Reduces typed or pasted text to `+digits` or `digits`: ASCII digits,
 * separators removed, `00` international prefix turned into `+`. A lone
 * `+` is `too-short` (the start of a number), not `invalid-characters`.
 */
export function toDialable(input: string): DialableOutcome {
  const text = toAsciiDigits(input).replace(SEPARATORS, '');
  if (text === '') return { ok: false, code: 'empty' };
  if (text === '+') return { ok: false, code: 'too-short' };
  if (!/^\+?\d+$/.test(text)) return { ok: false, code: 'invalid-characters' };
  return { ok: true, value: text.startsWith('00') ? `+${text.slice(2)}` : text };
}

/** Typed or pasted text without invisible marks and separators, its digits left in their own script. */
export function withoutMarks(input: string): string {
  return input.replace(INVISIBLE, '').replace(SEPARATORS, '');
}

export type CodeOutcome =
  { ok: true; value: string } | { ok: false; code: 'empty' | 'invalid-characters' | 'too-long' };

/** Normalises a one-time code: ASCII digits, separators dropped. Complete or not is the caller's call. */
export function toCodeDigits(input: string, maxLength = 8): CodeOutcome {
  const text = toAsciiDigits(input).replace(SEPARATORS, '');
  if (text === '') return { ok: false, code: 'empty' };
  if (!/^\d+$/.test(text)) return { ok: false, code: 'invalid-characters' };
  if (text.length > maxLength) return { ok: false, code: 'too-long' };
  return { ok: true, value: text };
}
