/**
 * Per-element strings: a small typed dictionary per locale, chosen by the
 * element's language (no page-wide localisation setup that a host app or a
 * second widget could clash with).
 */
import type { VlensStrings } from './en.js';
import { enFirst, type FirstScreenStrings } from './en.first.js';
import { arFirst } from './ar.first.js';
import type { LaterDictionaries } from './later.js';
import { LEGACY_STRING_KEYS } from './legacy-keys.js';
import type { PhoneRejectionCode } from '../phone/phone.js';

export type { VlensStrings, FirstScreenStrings, LaterDictionaries };
export type VlensLocale = 'en' | 'ar';
/**
 * The keys used before 0.2 (`phone_too-short`, `error_429`, ...).
 * @deprecated Use the camelCase keys (see LEGACY_STRING_KEYS); these are accepted until the next release.
 */
export type VlensLegacyStringKey = keyof typeof LEGACY_STRING_KEYS;
/** Host overrides per locale: `{ ar: { phoneHeading: '…' } }`. The pre-0.2 keys still work for one release. */
export type VlensStringOverrides = {
  [L in VlensLocale]?: Partial<VlensStrings> & { [K in VlensLegacyStringKey]?: string };
};
export { LEGACY_STRING_KEYS };
/** An error-text table in the shape Vlens's own SDKs take. */
export interface VlensErrorText {
  errorCode: number;
  errorMessageEn?: string;
  errorMessageAr?: string;
}

const FIRST_SCREEN: Record<VlensLocale, FirstScreenStrings> = { en: enFirst, ar: arFirst };

/** `ar`, `ar-EG`, ... → `ar`; anything else → `en`. */
export function localeOf(lang: string | null | undefined): VlensLocale {
  return lang && /^ar(-|$)/i.test(lang.trim()) ? 'ar' : 'en';
}

export function directionOf(locale: VlensLocale): 'ltr' | 'rtl' {
  return locale === 'ar' ? 'rtl' : 'ltr';
}

const merged = new WeakMap<LaterDictionaries, Partial<Record<VlensLocale, VlensStrings>>>();

/** The whole dictionary of `locale`: the first screen's strings and `later`'s (one object per locale, kept). */
function dictionary(locale: VlensLocale, later: LaterDictionaries | undefined): VlensStrings {
  // Until the submit path has brought the later strings, only the first screen's keys are filled: the
  // element shows nothing else before then (see VlensRegister's render).
  if (!later) return FIRST_SCREEN[locale] as VlensStrings;
  const byLocale = merged.get(later) ?? {};
  merged.set(later, byLocale);
  return (byLocale[locale] ??= { ...FIRST_SCREEN[locale], ...later[locale] });
}

/**
 * The dictionary of `locale` with the host's overrides; an old key fills its camelCase key unless that is
 * given too. `later` is ./later.ts's `LATER_STRINGS` (in the lazy submit path); without it only the first
 * screen's keys are filled, though overrides of any key are.
 */
export function stringsFor(
  locale: VlensLocale,
  overrides?: VlensStringOverrides,
  later?: LaterDictionaries,
): VlensStrings {
  const own = overrides?.[locale];
  if (!own) return dictionary(locale, later);
  const renamed: Partial<Record<keyof VlensStrings, string>> = {};
  for (const [legacy, key] of Object.entries(LEGACY_STRING_KEYS)) {
    const text = (own as Record<string, string | undefined>)[legacy];
    if (text !== undefined) renamed[key] = text;
  }
  const strings: Record<string, string> = { ...dictionary(locale, later), ...renamed, ...own };
  for (const legacy of Object.keys(LEGACY_STRING_KEYS)) delete strings[legacy];
  return strings as VlensStrings;
}

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

/** Fills `{name}` placeholders. */
export function format(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (all, key: string) => (key in values ? String(values[key]) : all));
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
