/**
 * The proxy's cost, side by side: CPU per request, req/s, p50 and p99 of
 * (a) the floor (node:http piping to the stand-in), (b) Express with
 * http-proxy-middleware and express-rate-limit, (c) our proxy — each in its
 * own child process in front of the same stand-in (another process), under
 * the same bounded load on loopback: StepVerifyPhone sends to a rotating set
 * of Egyptian numbers, with limits too generous to refuse any.
 *
 * CPU per request is the forwarder process's own CPU time (user + system,
 * process.cpuUsage) over the requests answered while it was measured.
 * Targets are measured in rounds, interleaved (a, b, c, a, b, c, ...), so
 * other work on a shared machine falls on all of them alike; the figures
 * are medians over the rounds, with the spread.
 */
import autocannon, { type AutocannonRequest } from 'autocannon';
import { VLENS_PATHS } from '../../src/api/paths.js';
import type { VlensLimits } from '../../src/server/limits.js';
import { forkServer, type ChildServer, type ForkOptions } from './child-server.js';
import type { ServeConfig } from './serve.js';

const API_KEY = 'bench-api-key';
const HUGE = { points: 1_000_000_000, durationSec: 600 };
const HUGE_LIMITS: VlensLimits = {
  sendShort: HUGE,
  sendDaily: HUGE,
  sendBlock: HUGE,
  sendCountry: HUGE,
  sendIp: HUGE,
  sendIpBlock: HUGE,
  sendGlobal: HUGE,
  codeChecks: HUGE,
  ip: HUGE,
  existence: HUGE,
};

/** 50 Egyptian mobile numbers, one StepVerifyPhone send each, cycled on every connection. */
export const SEND_REQUESTS: AutocannonRequest[] = Array.from({ length: 50 }, (_, i) => ({
  method: 'POST',
  path: `/api/vlens/${VLENS_PATHS.verifyPhone}`,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ phoneNumber: `+2010012345${String(i).padStart(2, '0')}` }),
}));

/** What the bench compares; the `security` row adds variants of `ours`. */
export const FORWARDERS = {
  floor: (upstream: string): ServeConfig => ({ role: 'floor', apiKey: API_KEY, upstream }),
  express: (upstream: string): ServeConfig => ({ role: 'express', apiKey: API_KEY, upstream, limit: HUGE }),
  ours: (upstream: string): ServeConfig => ({
    role: 'proxy',
    apiKey: API_KEY,
    upstream,
    limits: HUGE_LIMITS,
    log: 'stdout',
  }),
} as const;

export interface LoadOptions {
  /** Seconds of measured load per target per round. Default 5. */
  durationSec?: number;
  /** Seconds of unmeasured warm-up per target before its first round. Default 2. */
  warmupSec?: number;
  connections?: number;
  rounds?: number;
  requests?: AutocannonRequest[];
}

/** One measured round of one target. */
export interface RoundFigures {
  cpuMicrosPerRequest: number;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/** A target's rounds. */
export interface CostFigures {
  name: string;
  rounds: RoundFigures[];
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Loads `target` once for `durationSec` and reads its CPU time around the load. */
async function loadOnce(
  target: ChildServer,
  requests: AutocannonRequest[],
  connections: number,
  durationSec: number,
): Promise<RoundFigures> {
  const before = await target.cpuMicros();
  const result = await autocannon({ url: target.url, connections, duration: durationSec, requests, timeout: 15 });
  const cpu = (await target.cpuMicros()) - before;
  return {
    cpuMicrosPerRequest: cpu / Math.max(1, result.requests.total),
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/**
 * Starts one stand-in and every target in `targets` (name → config for the
 * stand-in's URL), warms each up, then measures them in interleaved rounds.
 * `fork` applies to every target, or per target name (e.g. `cpuProfDir` to
 * profile them, `script` to run another checkout's serve.ts).
 */
export async function measureProxyCost(
  targets: Record<string, (upstream: string) => ServeConfig>,
  { durationSec = 5, warmupSec = 2, connections = 10, rounds = 3, requests = SEND_REQUESTS }: LoadOptions = {},
  fork: ForkOptions | ((name: string) => ForkOptions) = {},
): Promise<CostFigures[]> {
  const forkOptions = typeof fork === 'function' ? fork : () => fork;
  const standIn = await forkServer({ role: 'stand-in', apiKey: API_KEY });
  const running: [string, ChildServer][] = [];
  try {
    for (const [name, config] of Object.entries(targets))
      running.push([name, await forkServer(config(standIn.url), forkOptions(name))]);
    for (const [, server] of running) await autocannon({ url: server.url, connections, duration: warmupSec, requests });
    const figures = running.map(([name]) => ({ name, rounds: [] as RoundFigures[] }));
    for (let round = 0; round < rounds; round++) {
      for (const [i, [, server]] of running.entries())
        figures[i].rounds.push(await loadOnce(server, requests, connections, durationSec));
    }
    return figures;
  } finally {
    for (const [, server] of running) await server.stop();
    await standIn.stop();
  }
}

const LABELS: Record<string, string> = {
  floor: '(a) floor: `node:http` piping to the stand-in',
  express: '(b) Express 5 + http-proxy-middleware + express-rate-limit',
  ours: '(c) ours: `createVlensProxy` + `listen` (JSON-line log to /dev/null)',
};

/** `median (min–max)` of one figure over the rounds. */
function spread(rounds: RoundFigures[], pick: (r: RoundFigures) => number, digits: number): string {
  const values = rounds.map(pick);
  const f = (v: number) => v.toFixed(digits);
  return `${f(median(values))} (${f(Math.min(...values))}–${f(Math.max(...values))})`;
}

/** The side-by-side Markdown table; ratios are of medians to the floor's (the first target). */
export function proxyCostTable(
  figures: CostFigures[],
  { durationSec = 5, connections = 10 }: LoadOptions = {},
): string {
  const floorCpu = median(figures[0].rounds.map((r) => r.cpuMicrosPerRequest));
  const lines = [
    `| Forwarder in front of the stand-in | CPU µs / request | × floor | req/s | p50 ms | p99 ms | non-2xx, errors |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: |`,
    ...figures.map(({ name, rounds }) => {
      const cpu = median(rounds.map((r) => r.cpuMicrosPerRequest));
      const bad = `${rounds.reduce((n, r) => n + r.non2xx, 0)}, ${rounds.reduce((n, r) => n + r.errors, 0)}`;
      return `| ${LABELS[name] ?? name} | ${spread(rounds, (r) => r.cpuMicrosPerRequest, 0)} | ${(cpu / floorCpu).toFixed(2)}× | ${spread(rounds, (r) => r.rps, 0)} | ${spread(rounds, (r) => r.p50, 1)} | ${spread(rounds, (r) => r.p99, 1)} | ${bad} |`;
    }),
    '',
    `Each forwarder and the stand-in run in their own Node process; autocannon (${connections} connections, ${durationSec} s per round, ` +
      `${figures[0].rounds.length} interleaved rounds after a warm-up) runs in the bench process, all on one machine. ` +
      'Requests: StepVerifyPhone sends to 50 Egyptian numbers in turn, limits too generous to refuse. ' +
      "CPU / request is the forwarder process's own user + system time over the requests it answered; " +
      'figures are medians over the rounds (min–max in brackets).',
  ];
  return lines.join('\n');
}

/** Variants of our proxy side by side (the first is the base), medians over the rounds. */
export function variantCostTable(figures: CostFigures[], what: string, base: string): string {
  const baseCpu = median(figures[0].rounds.map((r) => r.cpuMicrosPerRequest));
  return [
    `| ${what} | CPU µs / request | × ${base} | req/s | p50 ms | p99 ms | non-2xx, errors |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...figures.map(({ name, rounds }) => {
      const cpu = median(rounds.map((r) => r.cpuMicrosPerRequest));
      const bad = `${rounds.reduce((n, r) => n + r.non2xx, 0)}, ${rounds.reduce((n, r) => n + r.errors, 0)}`;
      return `| ${name} | ${cpu.toFixed(0)} | ${(cpu / baseCpu).toFixed(2)}× | ${median(rounds.map((r) => r.rps)).toFixed(0)} | ${median(rounds.map((r) => r.p50)).toFixed(1)} | ${median(rounds.map((r) => r.p99)).toFixed(1)} | ${bad} |`;
    }),
  ].join('\n');
}
