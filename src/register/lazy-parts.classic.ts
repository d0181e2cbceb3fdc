/**
 * ./lazy-parts.ts for the classic script (one file, everything inside): the
 * submit path as a lazy-module shape over a module already loaded, so the
 * element's code path is the ES module's without the loading machinery. The
 * country picker's panel is not in it: the classic script carries Egypt's
 * phone metadata only, so it offers one country and never opens a picker.
 */
import * as submit from './submit-path.js';
import type { LazyModule } from './lazy-module.js';
import type { CountryPanel, SubmitPath } from './lazy-parts.js';

export const submitPath: LazyModule<SubmitPath> = {
  now: () => submit,
  load: () => Promise.resolve(submit),
  preload: () => {},
};

/** Never loads: the picker, with one country offered, asks only if something else changed that. */
export const countryPanel: LazyModule<CountryPanel> = {
  now: () => undefined,
  load: () =>
    Promise.reject(new Error('The classic script of <vlens-register> offers Egypt only: it has no country list.')),
  preload: () => {},
};
