/** Proxy throughput on loopback: the proxy in front of the stand-in against the stand-in alone, same run. */
import autocannon, { type AutocannonResult } from 'autocannon';
import { VLENS_API_PREFIX, VLENS_PATHS } from '../../src/api/paths.js';
import { forkServer } from './child-server.js';

const API_KEY = 'bench-api-key';
const huge = { points: 1_000_000_000, durationSec: 600 };

export interface HttpFigures {
  endpoint: string;
  durationSec: number;
  connections: number;
  standIn: Throughput;
  proxy: Throughput;
}

export interface Throughput {
  rps: number;
  /** Server CPU (user + system) per answered request, µs: the stand-in's alone; the proxy's plus the stand-in's behind it. */
  cpuMicrosPerRequest: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

const figures = (r: AutocannonResult, cpuMicros: number): Throughput => ({
  rps: r.requests.average,
  cpuMicrosPerRequest: cpuMicros / Math.max(1, r.requests.total),
  p50: r.latency.p50,
  p99: r.latency.p99,
  non2xx: r.non2xx,
  errors: r.errors + r.timeouts,
});

/**
 * Runs autocannon against `CheckExistenceOfEmailOrPhone` on the stand-in
 * (its own process) and then on the proxy (its own process) in front of it,
 * each for `durationSec` after a short warm-up. Limits are raised so the
 * limiter runs on every request without refusing.
 */
export async function benchProxy({ durationSec = 10, connections = 10 } = {}): Promise<HttpFigures> {
  const standIn = await forkServer({ role: 'stand-in', apiKey: API_KEY });
  const proxy = await forkServer({
    role: 'proxy',
    apiKey: API_KEY,
    upstream: standIn.url,
    limits: { sendShort: huge, sendDaily: huge, sendIp: huge, sendGlobal: huge, codeChecks: huge, ip: huge, existence: huge },
  });
  const body = JSON.stringify({ phoneNumber: '+201001234567' });
  const path = VLENS_PATHS.checkExistence;
  const run = (url: string, headers: Record<string, string>, duration: number) =>
    autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, connections, duration });
  try {
    const direct = `${standIn.url}${VLENS_API_PREFIX}${path}`;
    const viaProxy = `${proxy.url}/api/vlens/${path}`;
    const cpu = async () => (await standIn.cpuMicros()) + (await proxy.cpuMicros());
    await run(direct, { ApiKey: API_KEY }, 2);
    let before = await cpu();
    const alone = await run(direct, { ApiKey: API_KEY }, durationSec);
    const aloneCpu = (await cpu()) - before;
    await run(viaProxy, {}, 2);
    before = await cpu();
    const fronted = await run(viaProxy, {}, durationSec);
    const frontedCpu = (await cpu()) - before;
    return { endpoint: path, durationSec, connections, standIn: figures(alone, aloneCpu), proxy: figures(fronted, frontedCpu) };
  } finally {
    await proxy.stop();
    await standIn.stop();
  }
}
