/**
 * Messages after the first screen: plural tries, the host's error texts, left-to-right isolates and
 * why a number was refused. Used by the lazy submit path only, so they stay out of the first load.
 */
import type { PhoneRejectionCode } from '../phone/phone.js';
import { format, type VlensErrorText, type VlensLocale, type VlensStrings } from './index.js';

const PLURAL_KEYS = {
  zero: 'triesLeftOther',
  one: 'triesLeftOne',
  two: 'triesLeftTwo',
  few: 'triesLeftFew',
  many: 'triesLeftMany',
  other: 'triesLeftOther',
} as const satisfies Record<Intl.LDMLPluralRule, keyof VlensStrings>;

/** "You have 3 tries left." in the locale's plural form (Arabic has six). */
export function triesLeftText(t: VlensStrings, locale: VlensLocale, count: number): string {
  return format(t[PLURAL_KEYS[new Intl.PluralRules(locale).select(count)]], { count });
}

/** The host's text for an error code in this locale, if its table has one. */
export function hostErrorText(
  table: readonly VlensErrorText[] | undefined,
  code: number | null | undefined,
  locale: VlensLocale,
): string | undefined {
  if (code == null || !table) return undefined;
  const row = table.find((r) => r.errorCode === code);
  return (locale === 'ar' ? row?.errorMessageAr : row?.errorMessageEn) || undefined;
}

/** Wraps text (a number, an email) in a left-to-right isolate so it reads correctly inside Arabic. */
export function isolateLtr(text: string): string {
  return `\u2066${text}\u2069`;
}

const PHONE_PROBLEMS = {
  empty: 'phoneEmpty',
  'invalid-characters': 'phoneInvalidCharacters',
  'too-short': 'phoneTooShort',
  'too-long': 'phoneTooLong',
  invalid: 'phoneInvalid',
  'not-mobile': 'phoneNotMobile',
  'metadata-not-loaded': 'phoneMetadataNotLoaded',
  'unknown-country': 'phoneUnknownCountry',
} as const satisfies Record<PhoneRejectionCode, keyof VlensStrings>;

/** Why a typed phone number was refused, in words. */
export function phoneProblemText(t: VlensStrings, code: PhoneRejectionCode): string {
  return t[PHONE_PROBLEMS[code]];
}
