/**
 * The widget in headless Chromium: time from the bundle's evaluation to the
 * first step being interactive over fresh page loads, and the JS heap after
 * mounting 1 and 100 widgets.
 */
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createVlensStandIn } from '../../src/mock/index.js';
import { startStandIn } from '../../src/mock/server.js';
import { createVlensProxy, type VlensLimits } from '../../src/server/proxy.js';
import { serveNode, toNodeListener } from '../../src/server/node.js';

const API_KEY = 'bench-api-key';
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html', '.map': 'application/json' };

/** Finds the widget's phone input and submit button (shadow or light DOM); resolves once both are enabled. */
const WAIT_INTERACTIVE = `
const el = document.querySelector('vlens-register');
const ready = () => {
  const find = (selector) => el.shadowRoot?.querySelector(selector) ?? el.querySelector(selector);
  const input = find('input[type="tel"]');
  const submit = find('button[type="submit"]');
  return Boolean(input && !input.disabled && submit && !submit.disabled);
};
await customElements.whenDefined('vlens-register');
await el.updateComplete;
for (let i = 0; !ready() && i < 10000; i++) await new Promise((r) => setTimeout(r, 0));
const interactive = performance.now();
const start = performance.getEntriesByName('eval-start')[0].startTime;
const script = performance.getEntriesByName(new URL('/dist/vlens-register.js', location.href).href)[0];
window.__bench = { ok: ready(), interactive, evalStart: Math.max(start, script ? script.responseEnd : 0) };
`;

const LOAD_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench: load</title>
<script type="module">performance.mark('eval-start')</script>
<script type="module" src="/dist/vlens-register.js"></script>
<script type="module">${WAIT_INTERACTIVE}</script>
</head><body><vlens-register endpoint="/api/vlens"></vlens-register></body></html>`;

const HEAP_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench: heap</title>
<script type="module" src="/dist/vlens-register.js"></script>
<script type="module">
window.mountWidgets = async (n) => {
  const els = [];
  for (let i = 0; i < n; i++) {
    const el = document.createElement('vlens-register');
    el.setAttribute('endpoint', '/api/vlens');
    document.body.append(el);
    els.push(el);
  }
  await Promise.all(els.map((el) => el.updateComplete));
  return document.querySelectorAll('vlens-register').length;
};
window.benchReady = true;
</script></head><body></body></html>`;

/** Extra pages and scripts the bench serves by path, and proxy options for them. */
export interface BenchServerExtras {
  pages?: Record<string, string>;
  scripts?: Record<string, string>;
  limits?: Partial<VlensLimits>;
  /** Serve pages and scripts gzip-compressed (level 9, as `npm run size` weighs them) to a browser that asks. */
  gzip?: boolean;
}

/** Serves dist/, the bench pages and the proxy (in front of an in-process stand-in) on loopback. */
export async function startBenchServer(root = process.cwd(), extras: BenchServerExtras = {}) {
  const standIn = createVlensStandIn({ apiKey: API_KEY });
  const upstream = await startStandIn(standIn, { quiet: true });
  const proxy = createVlensProxy({ apiKey: API_KEY, upstream: upstream.url, log: () => {}, limits: extras.limits });
  const proxyListener = toNodeListener(proxy);
  const dist = join(root, 'dist');
  const compressed = new Map<string, Buffer>();
  /** Ends `res` with `body`, gzip-compressed when the bench asks for it and the browser accepts it. */
  const send = (req: IncomingMessage, res: ServerResponse, path: string, type: string, body: string | Buffer) => {
    const headers: Record<string, string> = { 'content-type': type, 'cache-control': 'no-store' };
    if (!extras.gzip || !/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      res.writeHead(200, headers);
      return res.end(body);
    }
    if (!compressed.has(path)) compressed.set(path, gzipSync(body, { level: 9 }));
    res.writeHead(200, { ...headers, 'content-encoding': 'gzip', vary: 'accept-encoding' });
    return res.end(compressed.get(path));
  };
  const listener = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/api/vlens/')) return proxyListener(req, res);
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    const page =
      path === '/bench/load.html' ? LOAD_PAGE : path === '/bench/heap.html' ? HEAP_PAGE : extras.pages?.[path];
    const script = extras.scripts?.[path];
    if (script !== undefined) return send(req, res, path, 'text/javascript', script);
    if (page) return send(req, res, path, 'text/html; charset=utf-8', page);
    const file = normalize(join(root, path));
    if (path.startsWith('/dist/') && file.startsWith(dist)) {
      try {
        const body = await readFile(file);
        return send(req, res, path, TYPES[extname(file)] ?? 'application/octet-stream', body);
      } catch {
        // fall through to 404
      }
    }
    res.writeHead(404).end();
  };
  const server = await serveNode((req, res) => void listener(req, res));
  return {
    url: server.url,
    close: async () => {
      await server.close();
      await proxy.close();
      await upstream.close();
    },
  };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface Distribution {
  median: number;
  p90: number;
  min: number;
  max: number;
  samples: number;
}

export function distribution(values: number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, p90: at(0.9), min: sorted[0], max: sorted[sorted.length - 1], samples: sorted.length };
}

/** What the bench pages above put on `window`, as seen from callbacks that run in the page. */
interface BenchPage {
  __bench?: { ok: boolean; interactive: number; evalStart: number };
  benchReady?: boolean;
  mountWidgets(count: number): Promise<number>;
}

/** `loads` fresh page loads (a new browser context each: no HTTP or code cache): ms from evaluation start to interactive. */
export async function timeToInteractive(browser: Browser, base: string, loads = 25): Promise<Distribution> {
  const times: number[] = [];
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/bench/load.html`);
    const result = await page.waitForFunction(() => (globalThis as unknown as BenchPage).__bench, undefined, {
      timeout: 10_000,
    });
    const { ok, interactive, evalStart } = (await result.jsonValue()) as {
      ok: boolean;
      interactive: number;
      evalStart: number;
    };
    if (!ok) throw new Error('the widget never became interactive');
    times.push(interactive - evalStart);
    await context.close();
  }
  return distribution(times);
}

async function usedHeap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

export interface HeapFigures {
  /** Used JS heap with the bundle loaded and no widget, bytes (median of runs). */
  baseline: number;
  /** Used JS heap after mounting N widgets, bytes, by N. */
  mounted: Record<number, number>;
}

/** Used JS heap after a forced GC, with the bundle loaded, then after mounting each count (a fresh page per count). */
export async function heapAfterMounting(
  browser: Browser,
  base: string,
  counts = [1, 100],
  runs = 3,
): Promise<HeapFigures> {
  const baselines: number[] = [];
  const mounted: Record<number, number[]> = {};
  for (let run = 0; run < runs; run++) {
    for (const n of counts) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${base}/bench/heap.html`);
      await page.waitForFunction(() => (globalThis as unknown as BenchPage).benchReady === true);
      baselines.push(await usedHeap(page));
      const present = await page.evaluate((count) => (globalThis as unknown as BenchPage).mountWidgets(count), n);
      if (present !== n) throw new Error(`mounted ${present} widgets, expected ${n}`);
      (mounted[n] ??= []).push(await usedHeap(page));
      await context.close();
    }
  }
  return {
    baseline: distribution(baselines).median,
    mounted: Object.fromEntries(Object.entries(mounted).map(([n, values]) => [n, distribution(values).median])),
  };
}
