import { build } from 'esbuild';

/**
 * Dependencies the dev server serves pre-bundled by esbuild, once per run (what Vite's dependency
 * pre-bundling does): unbundled, a test page fetched about 200 of its modules from these, again in
 * every test file and every engine. Each group is one esbuild build with shared chunks, so a library
 * imported through several of its entries (Lit) still exists once on the page.
 */
export const PREBUNDLED = [
  ['zod/mini'],
  ['libphonenumber-js/core/es6'],
  ['lit', 'lit/decorators.js', '@lit/task', '@open-wc/testing'],
];
/** chai-a11y-axe imports axe when a test did not: left to the dev server, it sets `window.axe` as test/browser/a11y.ts expects. */
const EXTERNAL = ['axe-core', 'axe-core/*'];
/** A bare import of these that is not pre-bundled would load a second copy of Lit beside the bundled one. */
const MUST_BE_PREBUNDLED = /^(lit|lit-html|lit-element|@lit\/[^/]+|@open-wc\/[^/]+)(\/|$)/;

const DIR = '/__prebundled__';
const nameOf = (specifier) => specifier.replace(/\.js$/, '').replaceAll('/', '__');

/** @returns {import('@web/dev-server-core').Plugin} */
export function prebundledDeps(groups = PREBUNDLED) {
  const specifiers = groups.flat();
  /** @type {Map<string, string>} */
  const bodies = new Map();
  return {
    name: 'vlens-prebundled-deps',
    async serverStart() {
      for (const group of groups) {
        const { outputFiles } = await build({
          entryPoints: Object.fromEntries(group.map((specifier) => [nameOf(specifier), specifier])),
          bundle: true,
          splitting: true,
          format: 'esm',
          platform: 'browser',
          // The builds the dev server picks unbundled (Lit's development build, with its warnings).
          conditions: ['development'],
          target: 'es2022',
          external: EXTERNAL,
          outdir: DIR,
          chunkNames: `chunk-${nameOf(group[0])}-[hash]`,
          write: false,
          logLevel: 'silent',
        });
        for (const file of outputFiles) bodies.set(file.path, file.text);
      }
    },
    resolveImport({ source, context }) {
      if (specifiers.includes(source)) return `${DIR}/${nameOf(source)}.js`;
      if (MUST_BE_PREBUNDLED.test(source))
        throw new Error(
          `${context.path} imports "${source}", which is not pre-bundled beside Lit: add it to a group in test/browser/prebundled-deps.mjs`,
        );
    },
    serve(context) {
      const body = bodies.get(context.path);
      if (body !== undefined) return { body, type: 'js' };
    },
  };
}
