/**
 * `npm run bench`: measures and prints (never passes or fails) a Markdown
 * table, also written to bench-results/latest.md. Takes about 2 minutes.
 * Environment: BENCH_LOADS (page loads, default 25), BENCH_HTTP_SECONDS
 * (autocannon duration per proxy target and round, default 5),
 * BENCH_PROXY_ROUNDS (default 3), BENCH_FIRST_LOADS (fresh loads of each of
 * floor / ES / classic for the first-screen table, per profile: desktop and phone, default 15),
 * BENCH_PROFILE_LOADS (profiled loads of each for where the first screen's time goes, default 10),
 * BENCH_PARTS (what to run, comma-separated, default all: load, first, profile, proxy), CHROME_PATH.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { bundleSize, ensureBuilt } from './bench/bundle.js';
import { heapAfterMounting, launchChromium, startBenchServer, timeToInteractive } from './bench/browser.js';
import { firstLoadTable, measureFirstLoad, PROFILES, type FirstLoadRow } from './bench/first-load.js';
import { firstProfileTable, profileFirstLoad } from './bench/first-profile.js';
import { captchaCostTable, measureCaptchaCost } from './bench/captcha.js';
import { measureMetricsCost, metricsCostTable } from './bench/metrics.js';
import { FORWARDERS, measureProxyCost, proxyCostTable } from './bench/proxy.js';

const loads = Number(process.env.BENCH_LOADS ?? 25);
const firstLoads = Number(process.env.BENCH_FIRST_LOADS ?? 15);
const profileLoads = Number(process.env.BENCH_PROFILE_LOADS ?? 10);
const proxyLoad = {
  durationSec: Number(process.env.BENCH_HTTP_SECONDS ?? 5),
  rounds: Number(process.env.BENCH_PROXY_ROUNDS ?? 3),
};

const parts = new Set((process.env.BENCH_PARTS ?? 'load,first,profile,proxy').split(',').map((p) => p.trim()));

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main() {
  const started = Date.now();
  const cpuList = cpus();
  const machine = `${cpuList.length} × ${cpuList[0]?.model.trim() ?? 'unknown CPU'}, ${mb(totalmem())} RAM, Node ${process.version}`;
  const loadAtStart = loadavg()[0].toFixed(2);
  console.error(`bench: ${machine}, load average ${loadAtStart}`);

  ensureBuilt();
  const size = bundleSize();
  const rows: [string, string][] = [
    ['Machine', machine],
    ['CPU count (os.cpus().length)', String(cpuList.length)],
    ['Load average at start (1 min), other work on the machine skews every figure', loadAtStart],
  ];
  const sections: string[] = [];

  const browser = await launchChromium();
  rows.push(['Browser', `headless Chromium ${browser.version()}`]);
  try {
    if (parts.has('load')) {
      console.error(`bench: ${loads} page loads and heap in headless Chromium...`);
      const server = await startBenchServer();
      let interactive, heap;
      try {
        interactive = await timeToInteractive(browser, server.url, loads);
        heap = await heapAfterMounting(browser, server.url);
      } finally {
        await server.close();
      }
      const one = heap.mounted[1] - heap.baseline;
      const hundred = heap.mounted[100] - heap.baseline;
      rows.push(
        [`Bundle \`${size.file}\` raw`, `${size.raw} B (${kb(size.raw)})`],
        ['Bundle gzip (-9)', `${size.gzip} B (${kb(size.gzip)})`],
        ['Bundle brotli (q11)', `${size.brotli} B (${kb(size.brotli)})`],
        [
          `Evaluation → first step interactive, median (p90) over ${interactive.samples} fresh loads`,
          `${ms(interactive.median)} (${ms(interactive.p90)}); min ${ms(interactive.min)}, max ${ms(interactive.max)}`,
        ],
        ['JS heap, bundle loaded, no widget (after GC)', mb(heap.baseline)],
        ['JS heap after mounting 1 widget', `${mb(heap.mounted[1])} (+${kb(one)})`],
        [
          'JS heap after mounting 100 widgets',
          `${mb(heap.mounted[100])} (+${kb(hundred)}, ${kb(hundred / 100)} per widget)`,
        ],
      );
    }
    if (parts.has('first')) {
      const tables: string[] = [];
      for (const profile of PROFILES) {
        console.error(
          `bench: first screen (${profile.name}), ${firstLoads} fresh loads each of floor / ES / classic...`,
        );
        const firstLoad: FirstLoadRow[] = await measureFirstLoad(browser, firstLoads, profile);
        tables.push(
          `### ${profile.name === 'phone' ? 'Phone' : 'Desktop'} profile` +
            (profile.name === 'phone'
              ? ` (CPU ${profile.cpu}× slower, ${profile.rttMs} ms round trip, ${profile.downKbps / 1000} Mbps down, ${profile.upKbps} kbps up)`
              : ' (this machine, loopback)') +
            `, load average ${loadavg()[0].toFixed(2)} when it ended`,
          '',
          firstLoadTable(firstLoad, profile),
          '',
        );
      }
      sections.push(
        '## The first screen, side by side',
        '',
        ...tables,
        `Median of ${firstLoads} fresh loads each per profile (a new browser context per load, interleaved floor / ES / ` +
          'classic, after one uncounted warm-up round), from navigation start; every file is served gzip-compressed ' +
          '(level 9). The phone profile is applied through the DevTools protocol (CPU throttling and network ' +
          'emulation). The floor is a minimal Lit element (a heading, a labelled input and a button) bundled here by ' +
          'esbuild from the same Lit. Bytes are the sum of gzip -9 sizes of the scripts fetched by then. The ' +
          "widget's first submit is clicked as soon as its input is usable, so the ES first load may still be " +
          "fetching its submit path: click → request is that wait. The bench lifts the proxy's per-IP and send limits " +
          '(every load submits from one address). The per-round ratio divides each load by the floor loaded in the ' +
          'same round, so a busy moment on the machine weighs on both sides of it.',
        '',
      );
    }
    if (parts.has('profile')) {
      console.error(`bench: where the first screen's time goes, ${profileLoads} profiled loads each...`);
      const firstProfile = await profileFirstLoad(browser, profileLoads);
      sections.push(
        "### Where the first screen's time goes",
        '',
        firstProfileTable(firstProfile),
        '',
        `Self time of a V8 CPU profile (200 µs sampling) on the main thread from the page's head to its first input, ` +
          `mean of ${profileLoads} fresh loads each (desktop profile), attributed through source maps to the parts ` +
          '`npm run size` weighs. The profiler slows JavaScript down, so read the shares, not the totals, against the ' +
          'tables above.',
        '',
      );
    }
  } finally {
    await browser.close();
  }

  if (parts.has('proxy')) {
    console.error(
      `bench: proxy cost, floor / Express / ours, ${proxyLoad.rounds} rounds of ${proxyLoad.durationSec} s each...`,
    );
    const proxyCost = await measureProxyCost(FORWARDERS, proxyLoad);
    console.error(`bench: proxy CPU with and without CAPTCHA verification, ${proxyLoad.rounds} rounds...`);
    const captchaCost = await measureCaptchaCost(proxyLoad);
    console.error(`bench: proxy CPU with metrics off and on, ${proxyLoad.rounds} rounds...`);
    const metricsCost = await measureMetricsCost(proxyLoad);
    sections.push(
      "## The proxy's cost, side by side",
      '',
      proxyCostTable(proxyCost, proxyLoad),
      '',
      '## The proxy with and without CAPTCHA verification',
      '',
      captchaCostTable(captchaCost),
      '',
      '## The proxy with metrics off and on',
      '',
      metricsCostTable(metricsCost),
      '',
      'Off: `@opentelemetry/api` without an SDK (every instrument a no-op). On: the SDK’s meter provider and the Prometheus ' +
        'exporter installed before the proxy, as `npm start` does; nothing scrapes during the rounds. Spans are no-ops in both.',
      '',
    );
  }

  const table = [
    `# vlens-register benchmark (${new Date().toISOString()})`,
    '',
    '| Measure | Value |',
    '| --- | --- |',
    ...rows.map(([name, value]) => `| ${name} | ${value} |`),
    '',
    "Evaluation start is the later of a module script that runs just before the bundle and the bundle's download end; " +
      'interactive is when the phone input and its submit button are rendered and enabled (after `updateComplete`). ' +
      'The heap is `Runtime.getHeapUsage` after two forced GCs (CDP), median of 3 fresh pages. ' +
      'On a busy or small machine req/s and latency swing from run to run; CPU per request is the steadier figure.',
    '',
    ...sections,
    `Total bench time: ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    '',
  ].join('\n');
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/latest.md', table);
  console.log(table);
}

await main();
