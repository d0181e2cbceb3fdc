/** Every Arabic string: the first screen's (./ar.first.ts) and the rest (./ar.later.ts). */
import type { VlensStrings } from './en.js';
import { arFirst } from './ar.first.js';
import { arLater } from './ar.later.js';

export const ar: VlensStrings = { ...arFirst, ...arLater };
