/**
 * Request and response schemas of the Vlens registration API: the one
 * definition used by the widget's client, the proxy's validation and the
 * stand-in. zod/mini only (classic zod probes `new Function`, which a strict
 * CSP reports, and bundles every locale).
 *
 * Requests are strict about values and drop unknown keys; responses are open
 * to unknown keys (the vendor's schemas are incomplete, see shared README).
 * They live in two modules so the widget's bundle carries the response side
 * only (rollup.config.mjs treats schema modules as free of side effects).
 */
export * from './schemas/request.js';
export * from './schemas/response.js';
