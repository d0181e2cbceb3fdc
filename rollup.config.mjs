/**
 * Builds (`npm run build`):
 *   dist/vlens-register.js       script-tag ES module: minified, Lit inside, defines the tag;
 *                                lazy chunks (OAuth providers, world phone metadata) in dist/chunks/
 *   dist/vlens-register.iife.js  classic script: a loader of a few hundred bytes that imports
 *                                dist/vlens-register.js from its own URL (src/script-tag-loader.ts)
 *   dist/esm/**                  the package's modules for bundlers: unminified, structure kept, deps external;
 *                                Microsoft sign-in is its own entry (dist/esm/oauth/microsoft-sign-in.js), the
 *                                React component another (dist/esm/react/index.js, `'use client'` kept on top)
 *   dist/server/*.js, dist/mock/*.js   Node entries (proxy, adapters, stand-in), deps external
 * Declarations come from `tsc -p tsconfig.build.json` (dist/types/**).
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';
import { browserOnly } from './scripts/rollup-browser-guard.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
/** Left to the user's install: dependencies and (optional) peers such as `@azure/msal-browser`. */
const dependencies = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
const isDependency = (id) => dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));
const isNodeBuiltin = (id) => id.startsWith('node:') || builtinModules.includes(id);

/** The script-tag builds' entry: the tag definition plus Microsoft sign-in. */
export const BROWSER_ENTRY = 'src/script-tag.ts';
/** The classic script: a loader of the ES module above, resolved from its own URL. */
export const CLASSIC_LOADER = 'src/script-tag-loader.ts';
const TARGET = 'es2022';
const BANNER = '/*! vlens-register | MIT | bundles Lit (BSD-3-Clause), zod (MIT), libphonenumber-js (MIT) */';
const LOADER_BANNER = '/*! vlens-register | MIT | loads vlens-register.js from beside this file */';

const isZod = (id) => id === 'zod' || id.startsWith('zod/') || /\/node_modules\/zod\//.test(id);
const ZOD_BANNER = '/*! zod (MIT, Colin McDonnell): https://github.com/colinhacks/zod, shipped as Rollup wrote it */';

/** Rollup cannot place some of zod's explanatory comments next to `@__PURE__`; they are harmless. */
export function onwarn(warning, warn) {
  if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/')) return;
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('/node_modules/'))) return;
  warn(warning);
}

/**
 * Modules that only define values (zod schemas): dropped when nothing of
 * theirs is used, so the widget carries the response schemas without the
 * request ones the barrel src/api/schemas.ts also re-exports.
 */
const DEFINITIONS_ONLY = /\/src\/api\/schemas(\.ts|\/)/;
const treeshake = { moduleSideEffects: (id) => !DEFINITIONS_ONLY.test(id.replaceAll('\\', '/')) };

const browserResolve = () => nodeResolve({ browser: true, exportConditions: ['browser', 'production'] });

/**
 * The two script-tag files: the ES module with its lazy chunks, and the classic script that loads
 * it. `sourcemap` is for `npm run size`, which maps bytes back to the modules they came from; the
 * published files carry none.
 * @param {{ input?: string, sourcemap?: boolean }} [options]
 * @returns {import('rollup').RollupOptions[]}
 */
export function scriptTagBundles({ input = BROWSER_ENTRY, sourcemap = false } = {}) {
  // terser with two compress passes: about 1.2 KB gzip under esbuild's minifier on the first-load bundle.
  // Comments go, except the banner (the licence notice of what is bundled). Module scripts are always
  // read as UTF-8, so the ES module keeps Arabic as UTF-8; a classic script is read in the page's
  // charset, so it stays ASCII (\u escapes).
  const minify = (module) =>
    terser({
      ecma: 2022,
      module,
      compress: { passes: 2 },
      format: { ascii_only: !module, comments: (_node, comment) => comment.value.startsWith('! vlens-register') },
    });
  return [
    {
      input: { 'vlens-register': input },
      onwarn,
      treeshake,
      // Lazy chunks import from the entry itself: no facade file in front of a shared chunk.
      preserveEntrySignatures: 'allow-extension',
      plugins: [browserOnly(), browserResolve(), esbuild({ target: TARGET, sourceMap: sourcemap })],
      output: {
        dir: 'dist',
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        banner: BANNER,
        sourcemap,
        plugins: [minify(true)],
      },
    },
    {
      input: CLASSIC_LOADER,
      onwarn,
      plugins: [browserOnly(), esbuild({ target: TARGET, sourceMap: sourcemap })],
      output: {
        file: 'dist/vlens-register.iife.js',
        format: 'iife',
        banner: LOADER_BANNER,
        sourcemap,
        plugins: [minify(false)],
      },
    },
  ];
}

/** The React component's module: `'use client'` must stay its first statement. */
const REACT_ENTRY = 'src/react/index.ts';
const isReactEntry = (id) => id?.replaceAll('\\', '/').endsWith(REACT_ENTRY);

/**
 * Rollup drops module-level directives (with a warning): the React component's `'use client'` is put
 * back as the banner of its own file, and that one warning is expected.
 */
const useClientBanner = (chunk) => (isReactEntry(chunk.facadeModuleId) ? "'use client';" : '');
const keepUseClient = (next) => (warning, warn) =>
  warning.code === 'MODULE_LEVEL_DIRECTIVE' && isReactEntry(warning.id) ? undefined : next(warning, warn);

/**
 * The package's browser modules for bundlers: one file per source module. The
 * core entries never reach `@azure/msal-browser`: only `oauth/microsoft-sign-in`
 * (exported as `vlens-register/oauth/microsoft`) does, lazily.
 */
const packageModules = {
  input: {
    index: 'src/index.ts',
    'vlens-register': 'src/vlens-register.ts',
    'oauth/microsoft-sign-in': 'src/oauth/microsoft-sign-in.ts',
    'react/index': REACT_ENTRY,
  },
  onwarn: keepUseClient(onwarn),
  // zod/mini's modules are shipped as Rollup writes them (dist/esm/vendor/zod/), not imported from the
  // zod package: zod's sources carry comments beside `@__PURE__` that Rollup (Vite up to 7, so Nuxt and
  // Astro) reports in every host build as "an annotation that Rollup cannot interpret"; written here,
  // they are gone. A host that also uses zod in the browser loads those modules twice (about 6 KB gzip).
  external: (id) => isDependency(id) && !isZod(id),
  plugins: [browserOnly(), browserResolve(), esbuild({ target: TARGET })],
  output: {
    dir: 'dist/esm',
    format: 'es',
    preserveModules: true,
    preserveModulesRoot: 'src',
    entryFileNames: (chunk) => `${chunk.name.replace(/^(.*\/)?node_modules\//, 'vendor/')}.js`,
    banner: (chunk) => (/\/node_modules\/zod\//.test(chunk.facadeModuleId ?? '') ? ZOD_BANNER : useClientBanner(chunk)),
  },
};

/** Node entries: the proxy and its adapters, the stand-in. */
const nodeEntries = {
  input: {
    'server/proxy': 'src/server/proxy.ts',
    'server/node': 'src/server/node.ts',
    'server/next': 'src/server/next.ts',
    'server/h3': 'src/server/h3.ts',
    'mock/index': 'src/mock/index.ts',
    'mock/server': 'src/mock/server.ts',
  },
  external: (id) => isDependency(id) || isNodeBuiltin(id),
  onwarn,
  plugins: [esbuild({ target: 'node20', platform: 'node' })],
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'shared/[name]-[hash].js',
  },
};

export default [...scriptTagBundles(), packageModules, nodeEntries];
