/**
 * Rollup plugins for the browser builds: a guard that fails the build when
 * browser code reaches Node-only code, and the classic script's stand-in for
 * the lazily loaded world phone metadata.
 */
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
/** Folders of src/ that only Node may load. */
export const NODE_ONLY_DIRS = ['server', 'mock'].map((dir) => `${SRC}${dir}${sep}`);
/** Bare specifiers browser code must not import (classic zod probes `new Function`; use `zod/mini`). */
export const FORBIDDEN_BROWSER_SPECIFIERS = new Set(['zod', 'zod/v4', 'zod/v3', 'zod/v4/classic']);

/**
 * Fails the build when a browser bundle resolves a file under src/server or
 * src/mock, a `node:` built-in, or classic zod, naming the importer.
 * @returns {import('rollup').Plugin}
 */
export function browserOnly() {
  return {
    name: 'vlens-browser-only',
    async resolveId(source, importer, options) {
      if (!importer) return null;
      const fromOurCode = importer.startsWith(SRC);
      if (source.startsWith('node:'))
        this.error(`browser bundle imports the Node built-in "${source}" (from ${importer})`);
      if (fromOurCode && FORBIDDEN_BROWSER_SPECIFIERS.has(source)) {
        this.error(`browser code imports "${source}"; import * as z from 'zod/mini' instead (from ${importer})`);
      }
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (resolved && NODE_ONLY_DIRS.some((dir) => resolved.id.startsWith(dir))) {
        this.error(`browser bundle reaches Node-only code: ${resolved.id} (imported by ${importer})`);
      }
      return resolved;
    },
  };
}

/**
 * What the classic script leaves out, by the end of the resolved file name,
 * with the reason its stand-in gives: the ES module loads these lazily, a
 * single classic file would make every page pay for them.
 */
export const CLASSIC_SCRIPT_OMITS = {
  '/node_modules/libphonenumber-js/metadata.min.json.js': 'phone metadata of countries other than Egypt',
  '/src/oauth/microsoft.ts': 'Microsoft sign-in (MSAL)',
};
const OMITTED = '\0vlens-classic-omitted:';

/**
 * For the classic script (one file): modules in `omits` that are imported
 * lazily are replaced by stand-ins whose every export throws, when used, an
 * error that says what is missing and to load dist/vlens-register.js as a
 * module instead. The lazy import itself still resolves, so the widget's
 * own error handling reports the failure.
 * @param {Record<string, string>} [omits]
 * @returns {import('rollup').Plugin}
 */
export function classicScriptOmits(omits = CLASSIC_SCRIPT_OMITS) {
  return {
    name: 'vlens-classic-script-omits',
    async resolveDynamicImport(specifier, importer) {
      if (typeof specifier !== 'string') return null;
      const resolved = await this.resolve(specifier, importer, { skipSelf: true });
      const suffix = resolved && Object.keys(omits).find((end) => resolved.id.endsWith(end));
      return suffix ? `${OMITTED}${resolved.id}` : null;
    },
    async load(id) {
      // The classic script cannot load other countries' metadata: it says so, and offers only what it can validate.
      if (id.replaceAll('\\', '/').endsWith('/src/phone/metadata-loadable.ts'))
        return 'export const WORLD_PHONE_METADATA_LOADABLE = false;';
      if (!id.startsWith(OMITTED)) return null;
      const original = id.slice(OMITTED.length);
      const reason = omits[Object.keys(omits).find((end) => original.endsWith(end))];
      const { exports = [] } = await this.load({ id: original });
      const message = `The classic-script build of <vlens-register> leaves out ${reason}; load dist/vlens-register.js with type="module" to use it.`;
      const lines = [
        `const error = () => { throw new Error(${JSON.stringify(message)}); };`,
        'const omitted = new Proxy(function () {}, { get: error, apply: error, construct: error });',
        ...exports.map((name) => (name === 'default' ? 'export default omitted;' : `export const ${name} = omitted;`)),
      ];
      return lines.join('\n');
    },
  };
}

/**
 * The modules the classic script swaps for their `.classic.ts` siblings: lazy parts, already loaded
 * (and no country list: the classic script offers Egypt alone); calling codes of the countries it carries.
 */
export const CLASSIC_SCRIPT_SWAPS = [`${SRC}register${sep}lazy-parts.ts`, `${SRC}phone${sep}countries.ts`];

/**
 * For the classic script (one file): modules in `swaps` resolve to their
 * `.classic.ts` sibling, which holds the same names without the lazy
 * loading a single file has no use for.
 * @param {string[]} [swaps]
 * @returns {import('rollup').Plugin}
 */
export function classicScriptSwaps(swaps = CLASSIC_SCRIPT_SWAPS) {
  return {
    name: 'vlens-classic-script-swaps',
    async resolveId(source, importer, options) {
      if (!importer || importer.endsWith('.classic.ts')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved && swaps.includes(resolved.id) ? resolved.id.replace(/\.ts$/, '.classic.ts') : null;
    },
  };
}
