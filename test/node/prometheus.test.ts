/**
 * `npm start`'s metrics scraped by a real Prometheus server (Debian's `prometheus`): after a
 * registration and a refused send, the expected series are read back through Prometheus' HTTP API.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VLENS_PATHS } from '../../src/api/paths.js';
import { createVlensStandIn } from '../../src/mock/index.js';
import { INSTRUMENTS } from '../../src/server/metrics.js';
import { startStandIn } from '../../src/mock/server.js';
import { post, TEST_API_KEY } from '../helpers/proxy-fixture.js';
import { freeLoopbackPort } from '../helpers/redis-server.js';
import { registration } from '../helpers/registration.js';
import { until } from '../helpers/until.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const standIn = createVlensStandIn({ apiKey: TEST_API_KEY });
let upstream: Awaited<ReturnType<typeof startStandIn>>;
let cli: ChildProcess;
let prometheus: ChildProcess;
let dir: string;
let base: string;
let metricsUrl: URL;
let prometheusUrl: string;
let output = '';

before(async () => {
  upstream = await startStandIn(standIn);
  dir = await mkdtemp(join(tmpdir(), 'vlens-prometheus-'));
  cli = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      METRICS_PORT: '0',
      VLENS_API_KEY: TEST_API_KEY,
      VLENS_API_URL: upstream.url,
      REDIS_URL: '',
      NODE_ENV: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cli.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  cli.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  // Bounds for lines that never come (tsx starting on a busy machine), not times anything takes.
  await until(() => /^Metrics \(Prometheus\): /m.test(output), `npm start serves metrics:\n${output}`, 60_000);
  base = output.match(/^vlens-register demo: (http:\S+?)\/$/m)![1]!;
  metricsUrl = new URL(output.match(/^Metrics \(Prometheus\): (\S+)$/m)![1]);

  const port = await freeLoopbackPort();
  prometheusUrl = `http://127.0.0.1:${port}`;
  const config = join(dir, 'prometheus.yml');
  await writeFile(
    config,
    [
      'global:',
      '  scrape_interval: 1s',
      'scrape_configs:',
      '  - job_name: vlens-proxy',
      `    metrics_path: ${metricsUrl.pathname}`,
      '    static_configs:',
      `      - targets: ['${metricsUrl.host}']`,
      '',
    ].join('\n'),
  );
  prometheus = spawn(
    process.env.PROMETHEUS ?? 'prometheus',
    [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
    { stdio: 'ignore' },
  );
  let ready = false;
  await until(
    () => {
      void fetch(`${prometheusUrl}/-/ready`).then(
        (r) => (ready = r.ok),
        () => {},
      );
      return ready || prometheus.exitCode !== null;
    },
    'Prometheus is ready',
    60_000,
  );
  assert.equal(prometheus.exitCode, null, 'prometheus runs');
});

after(async () => {
  for (const child of [prometheus, cli]) {
    if (child && child.exitCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
  }
  await upstream.close();
  await rm(dir, { recursive: true, force: true });
});

/** The value of an instant query's single series, or undefined while Prometheus has none. */
async function query(promql: string): Promise<number | undefined> {
  const res = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await res.json()) as { data: { result: { value: [number, string] }[] } };
  const [first] = body.data.result;
  return first ? Number(first.value[1]) : undefined;
}

/** Waits until `promql` reads `expected` (Prometheus scrapes every second). */
async function expectSeries(promql: string, expected: number) {
  let last: number | undefined;
  let pending = false;
  await until(
    () => {
      if (!pending) {
        pending = true;
        void query(promql).then(
          (v) => ((last = v), (pending = false)),
          () => (pending = false),
        );
      }
      return last === expected;
    },
    `${promql} = ${expected} (last read: ${last})`,
    30_000,
  );
}

test('a registration and a refused send, read back from a real Prometheus', async () => {
  await registration(base, (to) => standIn.control.lastCode(to), '+201001140001');
  const refused = await post(base, VLENS_PATHS.verifyPhone, { phoneNumber: '+12015550123' });
  assert.equal(refused.status, 400);

  await expectSeries('sum(vlens_proxy_code_sends_total{channel="sms",country="EG",outcome="sent"})', 1);
  await expectSeries('sum(vlens_proxy_code_sends_total{country="US",outcome="refused",defence="country"})', 1);
  await expectSeries('sum(vlens_proxy_code_checks_total{channel="sms",country="EG",outcome="verified"})', 1);
  await expectSeries('sum(vlens_proxy_registrations_total{country="EG",outcome="registered"})', 1);
  await expectSeries(`sum(vlens_proxy_upstream_duration_count{path="${VLENS_PATHS.register}",status="200"})`, 1);
  await expectSeries('sum(vlens_proxy_send_breaker_open)', 0);
  await expectSeries('up{job="vlens-proxy"}', 1);

  // Never on the public origin.
  assert.equal((await fetch(`${base}/metrics`)).status, 404);
  assert.equal((await fetch(`${base}/api/vlens/metrics`)).status, 404);
  // The demo page's funnel is the same counts.
  const funnel = (await (await fetch(`${base}/demo-funnel.json`)).json()) as { countries: unknown[] };
  assert.deepEqual(funnel.countries, [
    { country: 'EG', codeSent: 1, phoneVerified: 1, emailVerified: 0, registered: 1 },
  ]);
});

test('the Grafana dashboard (docs/grafana/vlens-proxy.json) queries series Prometheus has, and each query runs', async () => {
  const dashboard = JSON.parse(await readFile(join(REPO_ROOT, 'docs/grafana/vlens-proxy.json'), 'utf8')) as {
    panels: { title: string; targets: { expr: string }[] }[];
  };
  const names = await fetch(`${prometheusUrl}/api/v1/label/__name__/values`).then(
    async (r) => ((await r.json()) as { data: string[] }).data,
  );
  for (const { title, targets } of dashboard.panels) {
    for (const { expr } of targets) {
      for (const [name] of expr.matchAll(/vlens_proxy_\w+/g)) {
        // A series this run made, or one of the instruments' (store failures need a failing Redis).
        const known = names.includes(name) || name === `${INSTRUMENTS.storeFailures.name.replaceAll('.', '_')}_total`;
        assert.ok(known, `${title}: ${name}`);
      }
      const promql = expr
        .replaceAll('$__rate_interval', '1m')
        .replaceAll('$__range', '1h')
        .replaceAll('$country', '.*');
      const res = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
      const body = (await res.json()) as { status: string; error?: string };
      assert.equal(body.status, 'success', `${title}: ${promql}: ${body.error}`);
    }
  }
});
