/**
 * The classic script (`dist/vlens-register.iife.js`), for a page that cannot use `type="module"` (a
 * CMS, a page builder, a tag manager): a loader of a few hundred bytes that imports the ES module
 * beside it (`dist/vlens-register.js`), resolved from this script's own URL. Both tags therefore load
 * the same files: every country the proxy allows, OAuth, CAPTCHA, the lazy chunks.
 *
 * - From another origin (a CDN), the module and its chunks are fetched with CORS: the CDN must send
 *   `Access-Control-Allow-Origin` (see README). A failed load is reported on the console with its URL.
 * - Under a CSP, `import()` from this script inherits its nonce (a policy with a nonce and
 *   `'strict-dynamic'`) and is checked against `script-src` like any script (a host allowlist).
 *   It inserts no element, so there is nothing to carry the nonce to.
 * - With the module tag on the same page, the module map gives one module, and the tag is defined
 *   once (./vlens-register.ts is guarded).
 */
const MODULE = 'vlens-register.js';

const script = document.currentScript as HTMLScriptElement | null;
// Without a current script (the loader run as a module, or from `eval`), the page's URL is the best guess.
const url = new URL(MODULE, script?.src || document.baseURI).href;

import(/* @vite-ignore */ url).catch((error: unknown) => {
  console.error(
    `<vlens-register>: the classic script could not load ${url}. From another origin it needs ` +
      'Access-Control-Allow-Origin on that file and its chunks; under a CSP, script-src must allow it.',
    error,
  );
});
