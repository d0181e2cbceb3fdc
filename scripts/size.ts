/**
 * `npm run size`: builds the script-tag bundles in memory with the same
 * rollup config as `npm run build` and prints raw, gzip (level 9) and brotli
 * (quality 11) bytes of each file, then what each part of the first-load
 * bundle costs, attributed through its source map. A benchmark: it prints
 * whether the first-load figure is within the budget but never fails on it.
 *
 *   npm run size                      the real element (src/script-tag.ts, the bundle entry)
 *   npm run size -- --entry file.ts   any other entry, e.g. a skeleton
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { relative, resolve, dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { rollup, type OutputChunk, type OutputOptions, type RollupOptions } from 'rollup';
import { TraceMap, eachMapping } from '@jridgewell/trace-mapping';
// @ts-expect-error: the rollup config is plain JavaScript without declarations
import { scriptTagBundles, BROWSER_ENTRY } from '../rollup.config.mjs';

/**
 * The most a page loads before the phone step accepts typing (the ES module; the submit path and the
 * rest are lazy chunks), and the most the classic loader may weigh (issue 24).
 */
export const FIRST_LOAD_BUDGET_GZIP = 20_000;

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

export function measure(code: string | Uint8Array): Sizes {
  const bytes = typeof code === 'string' ? Buffer.from(code) : Buffer.from(code);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

/** The part of the bundle a source file belongs to. */
export function partOf(source: string): string {
  const path = source.replaceAll('\\', '/');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
  if (pkg === 'lit' || pkg === 'lit-html' || pkg === 'lit-element' || pkg === '@lit/reactive-element') return 'lit';
  if (pkg === 'zod') return 'zod/mini';
  if (pkg === 'libphonenumber-js')
    return /metadata\.\w+\.json/.test(path) ? 'phone metadata (world)' : 'libphonenumber-js code';
  if (pkg) return pkg;
  if (path.includes('/src/phone/metadata/')) return 'phone metadata (EG slice)';
  if (path.includes('/src/i18n/')) return 'app: strings (en, ar)';
  const app = /\/src\/((?:register\/steps|[^/]+)(?=\/))?/.exec(path);
  if (app) return `app: ${app[1] ?? 'entry'}`;
  return 'other';
}

/** A run of generated code and the part it came from. */
export interface Piece {
  part: string;
  text: string;
}

/** Splits a chunk's code, in order, into pieces labelled by the part each generated character maps to. */
export function attribute(chunk: OutputChunk, outFile: string): Piece[] {
  const pieces: Piece[] = [];
  const lines = chunk.code.split('\n');
  if (!chunk.map) throw new Error('size: the chunk has no source map');
  const map = new TraceMap(JSON.parse(chunk.map.toString()));
  const sourceDir = dirname(resolve(outFile));
  // Generated segments in order; each runs until the next mapping on its line.
  const segments: { line: number; column: number; source: string | null }[] = [];
  eachMapping(map, (m) => segments.push({ line: m.generatedLine - 1, column: m.generatedColumn, source: m.source }));
  segments.sort((a, b) => a.line - b.line || a.column - b.column);
  const add = (part: string, text: string) => {
    if (!text) return;
    const last = pieces.at(-1);
    if (last?.part === part) last.text += text;
    else pieces.push({ part, text });
  };
  let cursor = { line: 0, column: 0 };
  let currentPart = 'unmapped (banner, glue)';
  const takeUntil = (line: number, column: number) => {
    while (cursor.line < line) {
      add(currentPart, lines[cursor.line].slice(cursor.column) + '\n');
      cursor = { line: cursor.line + 1, column: 0 };
    }
    add(currentPart, lines[cursor.line].slice(cursor.column, column));
    cursor = { line, column };
  };
  for (const segment of segments) {
    takeUntil(segment.line, segment.column);
    currentPart = segment.source ? partOf(resolve(sourceDir, segment.source)) : 'unmapped (banner, glue)';
  }
  takeUntil(lines.length - 1, lines.at(-1)!.length);
  return pieces;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const pad = (s: string, n: number) => s.padEnd(n);
const num = (n: number) => String(n).padStart(8);

function row(label: string, sizes: Sizes): string {
  return `${pad(label, 58)}${num(sizes.raw)}${num(sizes.gzip)}${num(sizes.brotli)}   ${kb(sizes.gzip)} gz`;
}

async function build(options: RollupOptions): Promise<OutputChunk[]> {
  const bundle = await rollup(options);
  try {
    const { output } = await bundle.generate(options.output as OutputOptions);
    return output.filter((item): item is OutputChunk => item.type === 'chunk');
  } finally {
    await bundle.close();
  }
}

/** What each part of `chunk` costs, from its source map. */
function printParts(label: string, chunk: OutputChunk, file: string): void {
  const pieces = attribute(chunk, file);
  const full = measure(chunk.code);
  const parts = new Map<string, string>();
  for (const piece of pieces) parts.set(piece.part, (parts.get(piece.part) ?? '') + piece.text);
  console.log(
    `\nWhat each part of the ${label} costs (minified bytes from the source map; "alone" = that part gzipped by itself;`,
  );
  console.log(`"marginal" = gzip of the whole minus gzip of the whole without that part's text)`);
  console.log(
    `${pad('part', 34)}${'raw'.padStart(8)}${'gz alone'.padStart(10)}${'gz marg.'.padStart(10)}${'br marg.'.padStart(10)}`,
  );
  const sorted = [...parts].sort((a, b) => b[1].length - a[1].length);
  for (const [part, text] of sorted) {
    const rest = pieces
      .filter((piece) => piece.part !== part)
      .map((piece) => piece.text)
      .join('');
    const without = measure(rest);
    console.log(
      `${pad(part, 34)}${num(Buffer.byteLength(text))}${String(measure(text).gzip).padStart(10)}` +
        `${String(full.gzip - without.gzip).padStart(10)}${String(full.brotli - without.brotli).padStart(10)}`,
    );
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { entry: { type: 'string' } } });
  const entry = values.entry ?? BROWSER_ENTRY;
  // Sizes of the files as published (no source map, so no sourceMappingURL comment and the same chunk
  // hashes); a second build with source maps only attributes the first load's bytes to their parts.
  const [esOptions, classicOptions] = scriptTagBundles({ input: entry });
  const [mappedOptions] = scriptTagBundles({ input: entry, sourcemap: true });
  const [esChunks, classicChunks, mappedChunks] = await Promise.all([
    build(esOptions),
    build(classicOptions),
    build(mappedOptions),
  ]);
  const first = esChunks.find((c) => c.isEntry)!;
  const lazy = esChunks.filter((c) => !c.isEntry);
  const loader = classicChunks[0];

  console.log(`Bundle sizes for ${relative(process.cwd(), resolve(entry))} (bytes; gzip level 9, brotli quality 11)\n`);
  console.log(`${pad('file', 58)}${'raw'.padStart(8)}${'gzip'.padStart(8)}${'brotli'.padStart(8)}`);
  const firstSizes = measure(first.code);
  console.log(row(`dist/${first.fileName} (ES module, first load: the phone step)`, firstSizes));
  for (const chunk of lazy) console.log(row(`  lazy: dist/${chunk.fileName}`, measure(chunk.code)));
  const isWorld = (c: OutputChunk) => Object.keys(c.modules).some((id) => partOf(id) === 'phone metadata (world)');
  const sum = (chunks: OutputChunk[]) =>
    chunks
      .map((c) => measure(c.code))
      .reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }));
  const withoutWorld = [first, ...lazy.filter((c) => !isWorld(c))];
  if (withoutWorld.length > 1)
    console.log(row('ES module + OAuth chunks (no world metadata), per-file sum', sum(withoutWorld)));
  if (lazy.length) console.log(row('ES module + every lazy chunk, per-file sum', sum(esChunks)));
  const loaderSizes = measure(loader.code);
  console.log(row('dist/vlens-register.iife.js (classic: loads the module)', loaderSizes));

  const verdict = (gzip: number) =>
    gzip <= FIRST_LOAD_BUDGET_GZIP ? 'within budget' : `OVER budget by ${gzip - FIRST_LOAD_BUDGET_GZIP} bytes`;
  console.log(
    `\nFirst-load ES module: ${firstSizes.gzip} bytes gzip (${kb(firstSizes.gzip)}); budget ${FIRST_LOAD_BUDGET_GZIP}: ` +
      verdict(firstSizes.gzip),
  );
  console.log(
    `Classic loader: ${loaderSizes.gzip} bytes gzip; budget ${FIRST_LOAD_BUDGET_GZIP}: ${verdict(loaderSizes.gzip)}` +
      ` (the classic tag's first screen: loader + first-load module, ${loaderSizes.gzip + firstSizes.gzip} bytes)`,
  );

  printParts(
    'first-load ES module',
    mappedChunks.find((c) => c.isEntry)!,
    `dist/${first.fileName}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('size.ts')) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
