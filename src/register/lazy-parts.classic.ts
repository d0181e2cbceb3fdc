/**
 * ./lazy-parts.ts for the classic script (one file, everything inside): the
 * same lazy-module shapes over modules that are already loaded, so the
 * element's code path is the ES module's without the loading machinery.
 */
import * as submit from './submit-path.js';
import * as panel from './country-picker-panel.js';
import type { LazyModule } from './lazy-module.js';
import type { CountryPanel, SubmitPath } from './lazy-parts.js';

const loaded = <M>(module: M): LazyModule<M> => ({
  now: () => module,
  load: () => Promise.resolve(module),
  preload: () => {},
});

export const submitPath: LazyModule<SubmitPath> = loaded(submit);
export const countryPanel: LazyModule<CountryPanel> = loaded(panel);
