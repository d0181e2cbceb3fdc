/**
 * The strings after the first screen, both languages: in the lazy submit-path chunk
 * (../register/submit-path.ts); `stringsFor` merges them in once it has loaded.
 */
import { arLater } from './ar.later.js';
import { enLater, type LaterStrings } from './en.later.js';

export type LaterDictionaries = Record<'en' | 'ar', LaterStrings>;

export const LATER_STRINGS: LaterDictionaries = { en: enLater, ar: arLater };
