/**
 * A rollup plugin for the browser builds: a guard that fails the build when
 * browser code reaches Node-only code.
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
