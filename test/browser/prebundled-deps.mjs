import { build } from 'esbuild';

/**
 * Dependencies the dev server serves as one module each, bundled by esbuild once per run (what
 * Vite's dependency pre-bundling does): unbundled, zod/mini is 91 modules and libphonenumber-js's
 * core 70, fetched and compiled again by every test page, in every engine. Only leaf libraries with
 * no state shared across entries: each specifier is its own bundle, imported by that name alone.
 */
export const PREBUNDLED = ['zod/mini', 'libphonenumber-js/core/es6'];

const PREFIX = '/__prebundled__/';
const fileOf = (specifier) => `${PREFIX}${specifier.replaceAll('/', '__')}.js`;

/** @returns {import('@web/dev-server-core').Plugin} */
export function prebundledDeps(specifiers = PREBUNDLED) {
  /** @type {Map<string, string>} */
  const bodies = new Map();
  return {
    name: 'vlens-prebundled-deps',
    async serverStart() {
      for (const specifier of specifiers) {
        const { outputFiles } = await build({
          stdin: { contents: `export * from '${specifier}';`, resolveDir: process.cwd(), loader: 'js' },
          bundle: true,
          format: 'esm',
          platform: 'browser',
          target: 'es2022',
          write: false,
          logLevel: 'silent',
        });
        bodies.set(fileOf(specifier), outputFiles[0].text);
      }
    },
    resolveImport({ source }) {
      if (specifiers.includes(source)) return fileOf(source);
    },
    serve(context) {
      const body = bodies.get(context.path);
      if (body !== undefined) return { body, type: 'js' };
    },
  };
}
