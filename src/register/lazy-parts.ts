/**
 * What the first screen does not need, as lazy modules (sibling chunks of the
 * ES bundle): the submit path (phone library, schemas, client, calls), loaded
 * right after the first render and awaited at submit, and the country
 * picker's panel with countries' names, loaded at idle time or when the
 * picker opens, the light-DOM field's nodes and the readable colours,
 * requested when an element connects, and the resume point, requested when
 * an element has `resume`.
 */
import { VlensError } from '../api/error.js';
import { lazyModule } from './lazy-module.js';

export type SubmitPath = typeof import('./submit-path.js');
export type CountryPanel = typeof import('./country-picker-panel.js');
export type LightFieldNodesModule = typeof import('./light-field-nodes.js');
export type ReadableColoursModule = typeof import('../controllers/readable-colours.js');
export type ResumeModule = typeof import('../controllers/resume.js');

/** A retry's import: a URL computed at run time (the bundler leaves it alone). */
const importUrl = <M>(url: string): Promise<M> => import(/* @vite-ignore */ url) as Promise<M>;

/** A failed load is a `network` VlensError that keeps the browser's error (and its URL) as its cause. */
const asNetworkError = (cause: unknown): never => {
  throw new VlensError(
    'network',
    `The widget could not load the code it needs to send: ${cause instanceof Error ? cause.message : String(cause)}`,
    {
      cause,
    },
  );
};

/** A load that fails is a `network` VlensError; the next submit tries again. */
export const submitPath = lazyModule<SubmitPath>(
  () => import('./submit-path.js').catch(asNetworkError),
  (url) => importUrl<SubmitPath>(url).catch(asNetworkError),
);

export const countryPanel = lazyModule<CountryPanel>(() => import('./country-picker-panel.js'), importUrl);

/** The light-DOM field's nodes: requested when an element connects; the shadow fallback stands in until then. */
export const lightFieldNodes = lazyModule<LightFieldNodesModule>(
  () => import('./light-field-nodes.js').catch(asNetworkError),
  (url) => importUrl<LightFieldNodesModule>(url).catch(asNetworkError),
);

/** Readable text on a host's brand colours: requested when an element connects, applied once in. */
export const readableColours = lazyModule<ReadableColoursModule>(
  () => import('../controllers/readable-colours.js'),
  importUrl,
);

/** The opt-in resume point after a reload: requested when an element has `resume`. */
export const resumePoint = lazyModule<ResumeModule>(() => import('../controllers/resume.js'), importUrl);
