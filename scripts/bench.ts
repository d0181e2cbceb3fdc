/**
 * `npm run bench`: measures and prints (never passes or fails) a Markdown
 * table, also written to bench-results/latest.md. Takes about 1.5 minutes.
 * Environment: BENCH_LOADS (page loads, default 25), BENCH_HTTP_SECONDS
 * (autocannon duration per target, default 10), CHROME_PATH.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { bundleSize, ensureBuilt } from './bench/bundle.js';
import { heapAfterMounting, launchChromium, startBenchServer, timeToInteractive } from './bench/browser.js';
import { benchProxy } from './bench/http.js';

const loads = Number(process.env.BENCH_LOADS ?? 25);
const httpSeconds = Number(process.env.BENCH_HTTP_SECONDS ?? 10);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const us = (value: number) => `${Math.round(value)} µs`;

async function main() {
  const started = Date.now();
  const cpuList = cpus();
  const machine = `${cpuList.length} × ${cpuList[0]?.model.trim() ?? 'unknown CPU'}, ${mb(totalmem())} RAM, Node ${process.version}`;
  const loadAtStart = loadavg()[0]!.toFixed(2);
  console.error(`bench: ${machine}, load average ${loadAtStart}`);

  ensureBuilt();
  const size = bundleSize();

  console.error(`bench: ${loads} page loads and heap in headless Chromium...`);
  const server = await startBenchServer();
  const browser = await launchChromium();
  const chromeVersion = browser.version();
  let interactive, heap;
  try {
    interactive = await timeToInteractive(browser, server.url, loads);
    heap = await heapAfterMounting(browser, server.url);
  } finally {
    await browser.close();
    await server.close();
  }

  console.error(`bench: proxy vs stand-in, ${httpSeconds} s each...`);
  const http = await benchProxy({ durationSec: httpSeconds });

  const one = heap.mounted[1]! - heap.baseline;
  const hundred = heap.mounted[100]! - heap.baseline;
  const rows: [string, string][] = [
    ['Machine', machine],
    ['CPU count (os.cpus().length)', String(cpuList.length)],
    ['Load average at start (1 min), other work on the machine skews every figure', loadAtStart],
    ['Browser', `headless Chromium ${chromeVersion}`],
    [`Bundle \`${size.file}\` raw`, `${size.raw} B (${kb(size.raw)})`],
    ['Bundle gzip (-9)', `${size.gzip} B (${kb(size.gzip)})`],
    ['Bundle brotli (q11)', `${size.brotli} B (${kb(size.brotli)})`],
    [
      `Evaluation → first step interactive, median (p90) over ${interactive.samples} fresh loads`,
      `${ms(interactive.median)} (${ms(interactive.p90)}); min ${ms(interactive.min)}, max ${ms(interactive.max)}`,
    ],
    ['JS heap, bundle loaded, no widget (after GC)', mb(heap.baseline)],
    ['JS heap after mounting 1 widget', `${mb(heap.mounted[1]!)} (+${kb(one)})`],
    ['JS heap after mounting 100 widgets', `${mb(heap.mounted[100]!)} (+${kb(hundred)}, ${kb(hundred / 100)} per widget)`],
    [
      `Stand-in alone, POST ${http.endpoint} (${http.connections} connections, ${http.durationSec} s)`,
      `${Math.round(http.standIn.rps)} req/s; p50 ${ms(http.standIn.p50)}, p99 ${ms(http.standIn.p99)}; server CPU ${us(http.standIn.cpuMicrosPerRequest)}/request; non-2xx ${http.standIn.non2xx}, errors ${http.standIn.errors}`,
    ],
    [
      'Proxy (node listen, limiter on) in front of the stand-in, same run',
      `${Math.round(http.proxy.rps)} req/s; p50 ${ms(http.proxy.p50)}, p99 ${ms(http.proxy.p99)}; server CPU (proxy + stand-in) ${us(http.proxy.cpuMicrosPerRequest)}/request; non-2xx ${http.proxy.non2xx}, errors ${http.proxy.errors}`,
    ],
    [
      'Ratio proxy / stand-in alone',
      `throughput ${(http.proxy.rps / http.standIn.rps).toFixed(2)}×; p50 latency ${(http.proxy.p50 / Math.max(http.standIn.p50, 0.001)).toFixed(2)}×; ` +
        `server CPU per request ${(http.proxy.cpuMicrosPerRequest / http.standIn.cpuMicrosPerRequest).toFixed(2)}× (the proxy itself: ${us(http.proxy.cpuMicrosPerRequest - http.standIn.cpuMicrosPerRequest)}/request)`,
    ],
  ];
  const table = [
    `# vlens-register benchmark (${new Date().toISOString()})`,
    '',
    '| Measure | Value |',
    '| --- | --- |',
    ...rows.map(([name, value]) => `| ${name} | ${value} |`),
    '',
    'Evaluation start is the later of a module script that runs just before the bundle and the bundle\'s download end; ' +
      'interactive is when the phone input and its submit button are rendered and enabled (after `updateComplete`). ' +
      'The heap is `Runtime.getHeapUsage` after two forced GCs (CDP), median of 3 fresh pages. ' +
      'Stand-in and proxy each run in their own Node process; autocannon runs in this one, on the same machine, ' +
      'so on a busy or small machine req/s and latency swing from run to run; server CPU per request (process.cpuUsage of the server processes) is the steadier figure.',
    `Total bench time: ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    '',
  ].join('\n');
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/latest.md', table);
  console.log(table);
}

await main();
