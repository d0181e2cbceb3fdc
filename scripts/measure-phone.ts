/**
 * Prints what phone handling costs a browser bundle (esbuild, minified ESM,
 * gzip -9): the first-load chunk and the lazy world-metadata chunk.
 *   npx tsx scripts/measure-phone.ts
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const ENTRIES: Record<string, string> = {
  'parsePhone, Egypt metadata only (this module)': `export { parsePhone } from './src/phone/phone.ts';`,
  'parsePhone + ensureCountry + listCountries/searchCountries': `export { parsePhone } from './src/phone/phone.ts'; export { ensureCountry } from './src/phone/metadata-store.ts'; export { listCountries, searchCountries } from './src/phone/countries.ts';`,
  'countries module alone (table + search)': `export { listCountries, searchCountries } from './src/phone/countries.ts';`,
  'calling-code table alone': `export { CALLING_CODE_TABLE } from './src/phone/metadata/calling-codes.ts';`,
  'libphonenumber-js/min (parse + length check)': `export { parsePhoneNumberFromString, validatePhoneNumberLength } from 'libphonenumber-js/min';`,
};

/** Gzip bytes of the entry chunk and of any lazily imported chunks. */
async function measure(contents: string): Promise<{ entry: number; lazy: number[] }> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    outdir: resolve(root, '.measure-phone'),
    write: false,
    target: 'es2022',
    legalComments: 'none',
  });
  const sizes = result.outputFiles.map((file) => ({
    name: file.path,
    gzip: gzipSync(file.contents, { level: 9 }).length,
  }));
  const [entry, ...lazy] = sizes.sort(
    (a, b) => Number(b.name.endsWith('stdin.js')) - Number(a.name.endsWith('stdin.js')),
  );
  return { entry: entry.gzip, lazy: lazy.map((chunk) => chunk.gzip) };
}

console.log('| bundle | first load, gzip bytes | lazy chunks, gzip bytes |\n|---|---:|---|');
for (const [name, contents] of Object.entries(ENTRIES)) {
  const { entry, lazy } = await measure(contents);
  console.log(`| ${name} | ${entry} | ${lazy.join(', ') || '-'} |`);
}
