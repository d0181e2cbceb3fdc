/**
 * SIGTERM during 20 slow upstream calls, for `listen` and for `npm start`'s server process (npm does
 * not pass signals on: the test signals the server process itself): the process stops accepting,
 * answers each call in flight, stores the proof of the code check among them (the next instance,
 * sharing Redis, registers with it), and exits 0.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { VLENS_PATHS } from '../../src/api/paths.js';
import { createVlensStandIn, type VlensStandIn } from '../../src/mock/index.js';
import { startStandIn } from '../../src/mock/server.js';
import { post, startProxy, TEST_API_KEY } from '../helpers/proxy-fixture.js';
import { spawnRedis, type RunningRedis } from '../helpers/redis-server.js';
import { checkCode, registerWith, sendCode } from '../helpers/registration.js';
import { until } from '../helpers/until.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

let redis: RunningRedis;
let standIn: VlensStandIn;
let upstream: Awaited<ReturnType<typeof startStandIn>>;
before(async () => {
  redis = await spawnRedis();
  standIn = createVlensStandIn({ apiKey: TEST_API_KEY });
  upstream = await startStandIn(standIn);
});
after(async () => {
  await upstream.close();
  await redis.kill();
});

/** A child process with its output gathered; `base` once it printed the URL it serves. */
async function start(args: string[], env: NodeJS.ProcessEnv, urlLine: RegExp) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
  // Bound for a line that never comes (tsx starting on a busy machine), not a time anything takes.
  await until(() => urlLine.test(output) || child.exitCode !== null, `the server starts:\n${output}`, 60_000);
  const base = output.match(urlLine)?.[1];
  assert.ok(base, output);
  return { child, base, exited, output: () => output };
}

/** Empties the shared Redis, so each server starts with fresh budgets. */
async function flushRedis() {
  const client = new Redis(redis.url);
  await client.flushall();
  client.disconnect();
}

async function drainsOnSigterm(server: Awaited<ReturnType<typeof start>>, phone: string) {
  try {
    await drains(server, phone);
  } finally {
    // On a failure: nothing left held upstream, and no server process outliving the test.
    standIn.control.release();
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  }
}

async function drains(server: Awaited<ReturnType<typeof start>>, phone: string) {
  const { base, child } = server;
  const requestId = await sendCode(base, phone);
  const code = standIn.control.lastCode(phone)!;
  standIn.control.fault({ kind: 'hold' }, { times: 20 });
  const calls = [
    checkCode(base, phone, requestId, code),
    ...Array.from({ length: 19 }, (_, i) =>
      // Sends: within npm start's default limits (20 per client address an hour with the first one), each
      // to a number block of its own (10 sends an hour per block).
      post(base, VLENS_PATHS.verifyPhone, { phoneNumber: `+2010${String(i).padStart(2, '0')}1${phone.slice(-3)}00` }),
    ),
  ];
  await until(() => standIn.control.held() === 20, 'all 20 calls are held upstream');
  child.kill('SIGTERM');
  await until(() => /draining 20 call\(s\)/.test(server.output()), `it starts draining:\n${server.output()}`);
  await assert.rejects(fetch(`${base}/api/vlens/healthz`), 'no new connection is accepted');
  standIn.control.release();
  const answers = await Promise.all(calls);
  assert.deepEqual(
    answers.map((a) => a.status),
    Array(20).fill(200),
    'every call in flight is answered',
  );
  const [exitCode, signal] = await server.exited;
  assert.equal(signal, null, server.output());
  assert.equal(exitCode, 0, server.output());

  // The next instance, sharing Redis, has the proof of the check that was in flight.
  const next = await startProxy({ upstream: upstream.url, redis: redis.url });
  try {
    const registered = await registerWith(next.url, phone, requestId, code);
    assert.equal(registered.status, 200, registered.text);
  } finally {
    await next.close();
  }
}

describe('SIGTERM drains calls in flight', () => {
  test('listen (src/server/node.ts)', async () => {
    await flushRedis();
    const server = await start(
      ['test/helpers/listen-process.ts'],
      { UPSTREAM: upstream.url, REDIS_URL: redis.url },
      /^listening (http:\S+)$/m,
    );
    await drainsOnSigterm(server, '+201001130101');
  });

  test("npm start's server process (src/server/cli.ts)", async () => {
    await flushRedis();
    const env: NodeJS.ProcessEnv = {
      PORT: '0',
      HOST: '127.0.0.1',
      METRICS_PORT: 'off',
      VLENS_API_KEY: TEST_API_KEY,
      VLENS_API_URL: upstream.url,
      REDIS_URL: redis.url,
      NODE_ENV: '',
    };
    const server = await start(['src/server/cli.ts'], env, /^vlens-register demo: (http:\S+?)\/$/m);
    await drainsOnSigterm(server, '+201001130102');
  });
});
