/**
 * Per-element strings: a small typed dictionary per locale, chosen by the
 * element's language (no page-wide localisation setup that a host app or a
 * second widget could clash with).
 */
import { en, type VlensStrings } from './en.js';
import { ar } from './ar.js';

export type { VlensStrings };
export type VlensLocale = 'en' | 'ar';
/** Host overrides per locale: `{ ar: { phoneHeading: '…' } }`. */
export type VlensStringOverrides = { [L in VlensLocale]?: Partial<VlensStrings> };
/** An error-text table in the shape Vlens's own SDKs take. */
export interface VlensErrorText {
  errorCode: number;
  errorMessageEn?: string;
  errorMessageAr?: string;
}

const DICTIONARIES: Record<VlensLocale, VlensStrings> = { en, ar };

/** `ar`, `ar-EG`, ... → `ar`; anything else → `en`. */
export function localeOf(lang: string | null | undefined): VlensLocale {
  return lang && /^ar(-|$)/i.test(lang.trim()) ? 'ar' : 'en';
}

export function directionOf(locale: VlensLocale): 'ltr' | 'rtl' {
  return locale === 'ar' ? 'rtl' : 'ltr';
}

/** The element's `lang`, else the closest ancestor's (across shadow roots), else the document's. */
export function languageOf(element: Element): string {
  let node: Element | null = element;
  while (node) {
    const lang = node.getAttribute('lang');
    if (lang) return lang;
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
  }
  return element.ownerDocument.documentElement.lang || 'en';
}

export function stringsFor(locale: VlensLocale, overrides?: VlensStringOverrides): VlensStrings {
  const own = overrides?.[locale];
  return own ? { ...DICTIONARIES[locale], ...own } : DICTIONARIES[locale];
}

/** Fills `{name}` placeholders. */
export function format(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (all, key: string) => (key in values ? String(values[key]) : all));
}

/** The host's text for an error code in this locale, if its table has one. */
export function hostErrorText(table: readonly VlensErrorText[] | undefined, code: number | null | undefined, locale: VlensLocale): string | undefined {
  if (code == null || !table) return undefined;
  const row = table.find((r) => r.errorCode === code);
  return (locale === 'ar' ? row?.errorMessageAr : row?.errorMessageEn) || undefined;
}

/** Wraps text (a number, an email) in a left-to-right isolate so it reads correctly inside Arabic. */
export function isolateLtr(text: string): string {
  return `\u2066${text}\u2069`;
}
