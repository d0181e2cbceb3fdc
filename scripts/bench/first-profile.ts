/**
 * Where the first screen's time goes (issue 11): the same pages as
 * ./first-load.ts, without the submit, with a V8 CPU profile from the head
 * of the page (`console.profile`) to the moment the first input is usable
 * (`console.profileEnd`). The script-tag bundles are built again with source
 * maps into a temporary folder, so each sample is attributed to the part of
 * the source it ran (`partOf`, as `npm run size` groups bytes); time outside
 * JavaScript is the browser's own (parsing, style, layout, GC), and idle is
 * the main thread waiting (mostly for the network).
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rollup, type OutputOptions, type RollupOptions } from 'rollup';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import type { Browser } from 'playwright-core';
// @ts-expect-error: the rollup config is plain JavaScript without declarations
import { scriptTagBundles } from '../../rollup.config.mjs';
import { partOf } from '../size.js';
import { startBenchServer } from './browser.js';
import { buildFloor, firstLoadPage, VARIANTS, type Variant } from './first-load.js';

interface ProfileNode {
  id: number;
  callFrame: { url: string; lineNumber: number; columnNumber: number; functionName: string };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface FirstProfileRow {
  variant: Variant;
  /** Milliseconds per load, by part. */
  parts: Map<string, number>;
  total: number;
}

/** Writes the script-tag bundles with source maps under `root`/dist (same config as `npm run build`). */
async function buildWithMaps(root: string): Promise<void> {
  for (const options of scriptTagBundles({ sourcemap: true }) as RollupOptions[]) {
    const bundle = await rollup(options);
    const output = options.output as OutputOptions;
    await bundle.write({
      ...output,
      ...(output.dir ? { dir: join(root, 'dist') } : { file: join(root, 'dist/vlens-register.iife.js') }),
    });
    await bundle.close();
  }
}

const BROWSER = 'browser: parse, style, layout, GC';
const PAGE = "the bench page's own probe";

/** `loads` profiled fresh loads of each variant (after one uncounted), self time per part, ms per load. */
export async function profileFirstLoad(browser: Browser, loads: number, repo = process.cwd()) {
  const root = mkdtempSync(join(tmpdir(), 'vlens-first-profile-'));
  try {
    await buildWithMaps(root);
    symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'));
    const maps = new Map<string, TraceMap | null>();
    const mapOf = (url: string) => {
      const path = /\/(dist\/.+\.js)$/.exec(url)?.[1];
      if (!path) return null;
      if (!maps.has(path)) maps.set(path, new TraceMap(JSON.parse(readFileSync(join(root, `${path}.map`), 'utf8'))));
      return maps.get(path)!;
    };
    const partOfFrame = (frame: ProfileNode['callFrame']): string => {
      if (frame.functionName === '(program)' || frame.functionName === '(garbage collector)') return BROWSER;
      if (frame.functionName === '(idle)') return 'idle (waiting)';
      if (frame.url.endsWith('/bench/floor.js')) return 'floor element (Lit inside)';
      const map = mapOf(frame.url);
      if (map) {
        const source = originalPositionFor(map, { line: frame.lineNumber + 1, column: frame.columnNumber }).source;
        return source ? partOf(source) : 'unmapped (glue)';
      }
      return frame.url.includes('/bench/first/') ? PAGE : `browser: ${frame.functionName || 'native'}`;
    };
    const page = (variant: Variant) =>
      firstLoadPage(variant)
        .replace("if (tag === 'vlens-register')", 'if (false)')
        .replace('<head>', "<head><script>console.profile('first')</script>")
        .replace(
          'const firstInput = performance.now();',
          "const firstInput = performance.now(); console.profileEnd('first');",
        );
    const server = await startBenchServer(root, {
      pages: Object.fromEntries(VARIANTS.map((v) => [`/bench/first/${v}.html`, page(v)])),
      scripts: { '/bench/floor.js': await buildFloor(repo) },
    });
    const rows = new Map<Variant, FirstProfileRow>(
      VARIANTS.map((variant) => [variant, { variant, parts: new Map(), total: 0 }]),
    );
    try {
      for (let i = 0; i <= loads; i++) {
        for (const variant of VARIANTS.map((_, k) => VARIANTS[(i + k) % VARIANTS.length])) {
          const context = await browser.newContext();
          const tab = await context.newPage();
          const cdp = await context.newCDPSession(tab);
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
          const finished = new Promise<CpuProfile>((resolve) =>
            cdp.on('Profiler.consoleProfileFinished', (event) => resolve(event.profile as CpuProfile)),
          );
          await tab.goto(`${server.url}/bench/first/${variant}.html?n=${i}`);
          const profile = await finished;
          await context.close();
          if (i === 0) continue;
          const row = rows.get(variant)!;
          const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
          profile.samples.forEach((id, k) => {
            const ms = profile.timeDeltas[k] / 1000 / loads;
            const part = partOfFrame(nodes.get(id)!.callFrame);
            row.parts.set(part, (row.parts.get(part) ?? 0) + ms);
            row.total += ms;
          });
        }
      }
    } finally {
      await server.close();
    }
    return [...rows.values()];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Parts as rows, variants as columns (ms per load), the largest first; parts under 0.5 ms everywhere are summed. */
export function firstProfileTable(rows: FirstProfileRow[]): string {
  const parts = [...new Set(rows.flatMap((row) => [...row.parts.keys()]))];
  const worst = (part: string) => Math.max(...rows.map((row) => row.parts.get(part) ?? 0));
  const shown = parts.filter((part) => worst(part) >= 0.5).sort((a, b) => worst(b) - worst(a));
  const rest = parts.filter((part) => !shown.includes(part));
  const cell = (ms: number) => (ms ? ms.toFixed(1) : '—');
  return [
    `| part (sampled ms per load, to first input) | ${rows.map((row) => row.variant).join(' | ')} |`,
    `| --- | ${rows.map(() => '---:').join(' | ')} |`,
    ...shown.map((part) => `| ${part} | ${rows.map((row) => cell(row.parts.get(part) ?? 0)).join(' | ')} |`),
    `| other (each under 0.5 ms) | ${rows.map((row) => cell(rest.reduce((sum, part) => sum + (row.parts.get(part) ?? 0), 0))).join(' | ')} |`,
    `| **total** | ${rows.map((row) => `**${row.total.toFixed(1)}**`).join(' | ')} |`,
  ].join('\n');
}
