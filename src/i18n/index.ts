/**
 * Per-element strings: a small typed dictionary per locale, chosen by the
 * element's language (no page-wide localisation setup that a host app or a
 * second widget could clash with).
 */
import type { VlensStrings } from './en.js';
import { enFirst, type FirstScreenStrings } from './en.first.js';
import { arFirst } from './ar.first.js';
import type { LaterDictionaries } from './later.js';
import type { LEGACY_STRING_KEYS } from './legacy-keys.js';

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
export { LEGACY_STRING_KEYS } from './legacy-keys.js';
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
 * given too (`legacyKeys`: ./legacy-keys.ts, which comes with the submit path like `later`, since every old
 * key names a check or an error). `later` is ./later.ts's `LATER_STRINGS` (in the lazy submit path);
 * without it only the first screen's keys are filled, though overrides of any key are.
 */
export function stringsFor(
  locale: VlensLocale,
  overrides?: VlensStringOverrides,
  later?: LaterDictionaries,
  legacyKeys?: typeof LEGACY_STRING_KEYS,
): VlensStrings {
  const own = overrides?.[locale];
  if (!own) return dictionary(locale, later);
  const renamed: Partial<Record<keyof VlensStrings, string>> = {};
  for (const [legacy, key] of Object.entries(legacyKeys ?? {})) {
    const text = (own as Record<string, string | undefined>)[legacy];
    if (text !== undefined) renamed[key] = text;
  }
  const strings: Record<string, string> = { ...dictionary(locale, later), ...renamed, ...own };
  for (const legacy of Object.keys(legacyKeys ?? {})) delete strings[legacy];
  return strings as VlensStrings;
}

/** Fills `{name}` placeholders. */
export function format(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (all, key: string) => (key in values ? String(values[key]) : all));
}
