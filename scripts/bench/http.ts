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
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

const figures = (r: AutocannonResult): Throughput => ({
  rps: r.requests.average,
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
    limits: { sendShort: huge, sendDaily: huge, codeChecks: huge, ip: huge, existence: huge },
  });
  const body = JSON.stringify({ phoneNumber: '+201001234567' });
  const path = VLENS_PATHS.checkExistence;
  const run = (url: string, headers: Record<string, string>, duration: number) =>
    autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, connections, duration });
  try {
    const direct = `${standIn.url}${VLENS_API_PREFIX}${path}`;
    const viaProxy = `${proxy.url}/api/vlens/${path}`;
    await run(direct, { ApiKey: API_KEY }, 2);
    const alone = await run(direct, { ApiKey: API_KEY }, durationSec);
    await run(viaProxy, {}, 2);
    const fronted = await run(viaProxy, {}, durationSec);
    return { endpoint: path, durationSec, connections, standIn: figures(alone), proxy: figures(fronted) };
  } finally {
    await proxy.stop();
    await standIn.stop();
  }
}
