/**
 * Whether this build can load other countries' phone metadata on demand.
 * True in the ES module and the package; the classic script (one file, Egypt
 * only) replaces this module with `false` (scripts/rollup-browser-guard.mjs),
 * so it never offers a country it cannot validate.
 */
export const WORLD_PHONE_METADATA_LOADABLE: boolean = true;
