/** Every English string: the first screen's (./en.first.ts) and the rest (./en.later.ts). */
import { enFirst } from './en.first.js';
import { enLater } from './en.later.js';

export const en = { ...enFirst, ...enLater };

/** Every string the widget shows, by key. */
export type VlensStrings = { [K in keyof typeof en]: string };
