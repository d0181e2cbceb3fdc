/**
 * `GET {mount}/readyz` and what the store keeps: ready with memory or a Redis that answers, 503 while
 * Redis cannot answer or the configuration is incomplete, a warning for a Redis without persistence or
 * with an eviction policy; and a Redis with persistence restarted between a code check and its
 * Register loses nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { startStack } from '../helpers/proxy-fixture.js';
import { spawnRedis, type RunningRedis } from '../helpers/redis-server.js';
import { checkCode, registerWith, sendCode } from '../helpers/registration.js';
import { until } from '../helpers/until.js';

interface ReadyBody {
  status: string;
  store: { kind: string; ok: boolean; persistence?: string; evictionPolicy?: string; warnings: string[] };
  config: string[];
}

async function readyz(base: string): Promise<{ status: number; body: ReadyBody }> {
  const res = await fetch(`${base}/api/vlens/readyz`);
  return { status: res.status, body: (await res.json()) as ReadyBody };
}

describe('readyz', () => {
  test('memory: ready, with a warning that each instance counts alone', async () => {
    const stack = await startStack();
    try {
      const { status, body } = await readyz(stack.url);
      assert.equal(status, 200);
      assert.equal(body.status, 'ready');
      assert.equal(body.store.kind, 'memory');
      assert.match(body.store.warnings.join(), /this process only/);
      assert.equal((await fetch(`${stack.url}/api/vlens/readyz`, { method: 'POST' })).status, 405);
    } finally {
      await stack.close();
    }
  });

  test('incomplete configuration: 503 and what is missing', async () => {
    const stack = await startStack({ allowedCountries: [] });
    try {
      const { status, body } = await readyz(stack.url);
      assert.equal(status, 503);
      assert.deepEqual(body.config, ['allowedCountries is empty: no code can be sent']);
      assert.equal((await fetch(`${stack.url}/api/vlens/healthz`)).status, 200, 'healthz stays liveness');
    } finally {
      await stack.close();
    }
  });

  describe('Redis without persistence', () => {
    let redis: RunningRedis;
    let stack: Awaited<ReturnType<typeof startStack>>;
    const warnings: string[] = [];
    before(async () => {
      redis = await spawnRedis();
      stack = await startStack({ redis: redis.url, warn: (line) => warnings.push(line) });
    });
    after(async () => {
      await stack.close();
      await redis.kill();
    });

    test('ready, and says the store has no persistence', async () => {
      const { status, body } = await readyz(stack.url);
      assert.equal(status, 200);
      assert.equal(body.store.persistence, 'none');
      assert.equal(body.store.evictionPolicy, 'noeviction');
      assert.match(body.store.warnings.join(), /no persistence/);
      await until(() => warnings.length > 0, 'the proxy warns once at start');
      assert.equal(warnings.length, 1);
      assert.match(warnings[0], /^vlens proxy: Redis has no persistence/);
    });

    test('says when an eviction policy can drop keys', async () => {
      const admin = new Redis(redis.url);
      try {
        await admin.config('SET', 'maxmemory', '100mb');
        await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
        const { status, body } = await readyz(stack.url);
        assert.equal(status, 200);
        assert.equal(body.store.evictionPolicy, 'allkeys-lru');
        assert.match(body.store.warnings.join(), /evicts keys .*allkeys-lru/);
      } finally {
        await admin.config('SET', 'maxmemory-policy', 'noeviction');
        admin.disconnect();
      }
    });

    test('a Register leaves no proof behind: its request id’s code-check count and the send counts, within their windows', async () => {
      const phone = '+201001120002';
      const requestId = await sendCode(stack.url, phone);
      const code = stack.standIn.control.lastCode(phone)!;
      assert.equal((await checkCode(stack.url, phone, requestId, code)).status, 200);
      assert.equal((await registerWith(stack.url, phone, requestId, code)).status, 200);
      const admin = new Redis(redis.url);
      try {
        const keys = await admin.keys('*');
        // The count stays for its day, so the spent request id gets no further check forwarded (limits.test.ts).
        assert.deepEqual(
          keys.filter((k) => k.includes(requestId.toLowerCase()) || k.startsWith('vlens:proof:')),
          [`vlens:codeChecks:id:${requestId.toLowerCase()}`],
        );
        for (const key of keys) assert.ok((await admin.ttl(key)) > 0, `${key} expires`);
        assert.ok((await admin.ttl(`vlens:codeChecks:id:${requestId.toLowerCase()}`)) <= 86_400);
      } finally {
        admin.disconnect();
      }
    });

    test('503 while Redis cannot answer', async () => {
      const admin = new Redis(redis.url);
      try {
        await admin.ping(); // connected: DEBUG SLEEP is written at once, before the proxy's PING
        // DEBUG SLEEP: Redis hangs (no answer within storeTimeoutMs) rather than refusing.
        const sleeping = admin.call('DEBUG', 'SLEEP', '2');
        const { status, body } = await readyz(stack.url);
        assert.equal(status, 503);
        assert.equal(body.store.ok, false);
        await sleeping;
      } finally {
        admin.disconnect();
      }
    });
  });
});

describe('Redis with persistence restarted between a code check and its Register', () => {
  test('the Register succeeds: the proof survived', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vlens-aof-'));
    let redis = await spawnRedis(undefined, { aofDir: dir });
    const stack = await startStack({ redis: redis.url });
    try {
      assert.equal((await readyz(stack.url)).body.store.persistence, 'aof');
      const phone = '+201001120001';
      const requestId = await sendCode(stack.url, phone);
      const code = stack.standIn.control.lastCode(phone)!;
      assert.equal((await checkCode(stack.url, phone, requestId, code)).status, 200);
      await redis.kill();
      assert.equal((await readyz(stack.url)).status, 503, 'not ready while Redis is down');
      redis = await spawnRedis(redis.port, { aofDir: dir });
      // The proxy's client reconnects on its own; wait on readiness, not on time.
      for (let tries = 0; (await readyz(stack.url)).status !== 200; tries++) {
        assert.ok(tries < 100, 'ready again after the restart');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const registered = await registerWith(stack.url, phone, requestId, code);
      assert.equal(registered.status, 200, registered.text);
      assert.ok(registered.json.data.accessToken);
    } finally {
      await stack.close();
      await redis.kill();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
