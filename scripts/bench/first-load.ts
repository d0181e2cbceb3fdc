/**
 * The first screen side by side in one run (issues 11 and 24): a floor element (a
 * minimal Lit element with a heading, a labelled input and a button, built
 * here with esbuild from the same Lit), the ES first load and the classic
 * script (a loader of the ES first load), served gzip-compressed, on a
 * profile: `desktop` (this machine as it is) or `phone` (CPU 4× slower, 150 ms
 * round trip, 1.6 Mbps down and 750 kbps up, through the DevTools protocol's
 * emulation). Per fresh page load (a new browser context: no HTTP or code cache)
 * it records when the first input is on screen and enabled (ms from
 * navigation start), the scripts fetched by then, and for the widget: a
 * phone number typed and submitted right after first render (the split's
 * worst case: the submit path may still be loading), the time from that
 * click to the proxy request's start, and the scripts fetched by the time
 * the step has changed. Bytes are the sum of gzip -9 sizes of the scripts
 * the page fetched (what the bench server sends).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { distribution, startBenchServer, type Distribution } from './browser.js';

export const VARIANTS = ['floor', 'es', 'classic'] as const;
export type Variant = (typeof VARIANTS)[number];

const LABELS: Record<Variant, string> = {
  floor: 'floor: minimal Lit element',
  es: '`dist/vlens-register.js` (ES first load)',
  classic: '`dist/vlens-register.iife.js` (classic loader → ES first load)',
};

/** How the page is loaded: the machine as it is, or a mid-range phone on a slow mobile network. */
export interface LoadProfile {
  name: 'desktop' | 'phone';
  /** CPU slow-down factor (1: none). */
  cpu: number;
  /** Added round-trip latency, ms, and throughput, kbit/s (0: no network emulation). */
  rttMs: number;
  downKbps: number;
  upKbps: number;
  /** The ES first load's target, as a ratio to the floor (per round, median). */
  target: number;
}

export const PROFILES: readonly LoadProfile[] = [
  { name: 'desktop', cpu: 1, rttMs: 0, downKbps: 0, upKbps: 0, target: 1.3 },
  { name: 'phone', cpu: 4, rttMs: 150, downKbps: 1600, upKbps: 750, target: 1.5 },
];

/** Applies `profile` to a fresh page before it navigates. */
async function emulate(context: BrowserContext, tab: Page, profile: LoadProfile): Promise<void> {
  if (profile.cpu === 1 && !profile.rttMs) return;
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: profile.rttMs,
    downloadThroughput: (profile.downKbps * 1000) / 8,
    uploadThroughput: (profile.upKbps * 1000) / 8,
  });
}

const FLOOR_SOURCE = `
import { LitElement, html, css } from 'lit';
class BenchFloor extends LitElement {
  static styles = css\`:host { display: block }\`;
  render() {
    return html\`<h2>Create your account</h2><label for="phone">Phone number</label>
      <input id="phone" type="tel" autocomplete="tel"><button type="submit">Continue</button>\`;
  }
}
customElements.define('bench-floor', BenchFloor);
`;

/** The floor element, bundled and minified with the same Lit the widget bundles. */
export async function buildFloor(root = process.cwd()): Promise<string> {
  const result = await build({
    stdin: { contents: FLOOR_SOURCE, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    legalComments: 'none',
  });
  return result.outputFiles[0].text;
}

/** Runs in the page after the element's script: waits for the first input, then (widget only) submits a phone number at once. */
const PROBE = `
const el = document.body.firstElementChild;
const tag = el.localName;
const find = (selector) => el.shadowRoot?.querySelector(selector) ?? el.querySelector(selector);
const input = () => find('input[type="tel"]');
const button = () => find('button[type="submit"]');
const ready = () => Boolean(input() && !input().disabled && button() && !button().disabled);
const scripts = () =>
  performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.js'));
await customElements.whenDefined(tag);
await el.updateComplete;
const deadline = performance.now() + 10000;
while (!ready() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 0));
const firstInput = performance.now();
const result = { ok: ready(), firstInput, atInput: scripts() };
if (tag === 'vlens-register') {
  const n = Number(new URLSearchParams(location.search).get('n'));
  // A person's first focus lands on the shadow fallback input, which hands over to the light-DOM field.
  el.shadowRoot.querySelector('input[data-vlens-fallback]')?.focus();
  await el.updateComplete;
  const field = el.querySelector('input[type="tel"]') ?? input();
  field.focus();
  field.value = '+20100' + String(n).padStart(7, '0');
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText' }));
  const click = performance.now();
  button().click();
  const from = el.step;
  const sendDeadline = performance.now() + 10000;
  while (el.step === from && performance.now() < sendDeadline) await new Promise((r) => setTimeout(r, 5));
  const call = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/vlens/') && e.startTime >= click);
  Object.assign(result, { submitted: el.step !== from && Boolean(call), clickToRequest: call ? call.startTime - click : -1, atSubmit: scripts() });
}
window.__first = result;
`;

export function firstLoadPage(variant: Variant): string {
  const script =
    variant === 'floor'
      ? '<script type="module" src="/bench/floor.js"></script>'
      : variant === 'es'
        ? '<script type="module" src="/dist/vlens-register.js"></script>'
        : '<script src="/dist/vlens-register.iife.js" defer></script>'; // as the CMS snippet has it
  const body =
    variant === 'floor' ? '<bench-floor></bench-floor>' : '<vlens-register endpoint="/api/vlens"></vlens-register>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench: ${variant}</title>
${script}
<script type="module">${PROBE}</script>
</head><body>${body}</body></html>`;
}

interface ProbeResult {
  ok: boolean;
  firstInput: number;
  atInput: string[];
  submitted?: boolean;
  clickToRequest?: number;
  atSubmit?: string[];
}

export interface FirstLoadRow {
  variant: Variant;
  firstInput: Distribution;
  /** This variant's first input over the floor's in the same round (loaded back to back), per round. */
  roundRatio: Distribution;
  /** This variant's first input minus the ES first load's in the same round, ms, per round. */
  overEs: Distribution;
  gzipBeforeInput: number;
  gzipBeforeSubmitDone?: number;
  clickToRequest?: Distribution;
}

/** `loads` fresh loads of each variant on `profile`, interleaved in an order rotated each round, so machine load hits all three alike. */
export async function measureFirstLoad(
  browser: Browser,
  loads: number,
  profile: LoadProfile = PROFILES[0],
  root = process.cwd(),
): Promise<FirstLoadRow[]> {
  const floor = await buildFloor(root);
  const gzipOf = new Map<string, number>([['/bench/floor.js', gzipSync(floor, { level: 9 }).length]]);
  const gzip = (path: string) => {
    if (!gzipOf.has(path)) gzipOf.set(path, gzipSync(readFileSync(join(root, path)), { level: 9 }).length);
    return gzipOf.get(path)!;
  };
  const sum = (paths: string[]) => [...new Set(paths)].reduce((total, path) => total + gzip(path), 0);
  const many = { points: 1_000_000, durationSec: 60 };
  const server = await startBenchServer(root, {
    pages: Object.fromEntries(VARIANTS.map((v) => [`/bench/first/${v}.html`, firstLoadPage(v)])),
    scripts: { '/bench/floor.js': floor },
    // One client IP submits every load: the bench lifts the per-IP and send caps.
    limits: {
      ip: many,
      sendIp: many,
      sendIpBlock: many,
      sendBlock: many,
      sendCountry: many,
      sendShort: many,
      sendDaily: many,
      sendGlobal: many,
      existence: many,
    },
    gzip: true,
  });
  const samples = new Map<Variant, ProbeResult[]>(VARIANTS.map((v) => [v, []]));
  try {
    // Round 0 warms the browser up (its first contexts are slower) and is not counted.
    for (let i = 0; i <= loads; i++) {
      // Rotated each round: whichever load follows a closed context pays for its clean-up, so no variant always does.
      for (const variant of VARIANTS.map((_, k) => VARIANTS[(i + k) % VARIANTS.length])) {
        const context = await browser.newContext();
        const tab = await context.newPage();
        const problems: string[] = [];
        tab.on('pageerror', (error) => problems.push(error.message));
        tab.on('console', (message) => void (message.type() === 'error' && problems.push(message.text())));
        await emulate(context, tab, profile);
        await tab.goto(
          `${server.url}/bench/first/${variant}.html?n=${i * VARIANTS.length + VARIANTS.indexOf(variant)}`,
        );
        const handle = await tab
          .waitForFunction(() => (globalThis as { __first?: unknown }).__first, undefined, { timeout: 30_000 })
          .catch(async (error: Error) => {
            const state = await tab.evaluate<string>(
              '(({ step, innerHTML }) => `step ${step}; light DOM: ${innerHTML.slice(0, 1500)}`)(document.body.firstElementChild)',
            );
            throw new Error(`${variant}: ${error.message}; page errors: ${problems.join(' | ') || 'none'}; ${state}`);
          });
        const result = (await handle.jsonValue()) as ProbeResult;
        await context.close();
        if (!result.ok) throw new Error(`${variant}: the first input never became usable`);
        if (variant !== 'floor' && !result.submitted)
          throw new Error(`${variant}: the first submit did not go through`);
        if (i > 0) samples.get(variant)!.push(result);
      }
    }
  } finally {
    await server.close();
  }
  const floorRuns = samples.get('floor')!;
  const esRuns = samples.get('es')!;
  return VARIANTS.map((variant) => {
    const runs = samples.get(variant)!;
    const medianBytes = (pick: (r: ProbeResult) => string[]) => distribution(runs.map((r) => sum(pick(r)))).median;
    return {
      variant,
      firstInput: distribution(runs.map((r) => r.firstInput)),
      roundRatio: distribution(runs.map((r, round) => r.firstInput / floorRuns[round].firstInput)),
      overEs: distribution(runs.map((r, round) => r.firstInput - esRuns[round].firstInput)),
      gzipBeforeInput: medianBytes((r) => r.atInput),
      ...(variant === 'floor'
        ? {}
        : {
            gzipBeforeSubmitDone: medianBytes((r) => r.atSubmit ?? []),
            clickToRequest: distribution(runs.map((r) => r.clickToRequest ?? -1)),
          }),
    };
  });
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** The side-by-side Markdown table of one profile; ratios are to the floor, differences to the ES first load. */
export function firstLoadTable(rows: FirstLoadRow[], profile: LoadProfile = PROFILES[0]): string {
  const floor = rows.find((row) => row.variant === 'floor')!.firstInput.median;
  const es = rows.find((row) => row.variant === 'es')!;
  const classic = rows.find((row) => row.variant === 'classic')!;
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  return [
    '| | first input on screen, median (p90) | ratio to floor (of the medians) | ratio to floor, per round: median (p90) | classic minus ES first load, per round: median (p90) | gzip before first input | gzip before first submit completes | click → request leaves, median (max), submit right after first render |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((row) =>
      [
        '',
        LABELS[row.variant],
        `${ms(row.firstInput.median)} (${ms(row.firstInput.p90)})`,
        `${(row.firstInput.median / floor).toFixed(2)}×`,
        `${row.roundRatio.median.toFixed(2)}× (${row.roundRatio.p90.toFixed(2)}×)`,
        row.variant === 'classic' ? `${ms(row.overEs.median)} (${ms(row.overEs.p90)})` : '—',
        kb(row.gzipBeforeInput),
        row.gzipBeforeSubmitDone === undefined ? '—' : kb(row.gzipBeforeSubmitDone),
        row.clickToRequest ? `${ms(row.clickToRequest.median)} (${ms(row.clickToRequest.max)})` : '—',
        '',
      ]
        .join(' | ')
        .trim(),
    ),
    '',
    `Targets on the ${profile.name} profile: the ES first load at most ${profile.target}× the floor (per round, median): ` +
      `${es.roundRatio.median.toFixed(2)}×, ${met(es.roundRatio.median <= profile.target)}; the classic loader costs ` +
      `${ms(classic.overEs.median)} over the ES module (per round, median)` +
      (profile.rttMs
        ? `, against one round trip (${profile.rttMs} ms): ${met(classic.overEs.median <= profile.rttMs)}.`
        : ' (one loopback round trip and the loader itself).'),
  ].join('\n');
}
