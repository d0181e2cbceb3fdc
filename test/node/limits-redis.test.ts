import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { VLENS_PATHS } from '../../src/api/paths.js';
import { EMAIL, jsonAnswer, PHONE, post, ROOMY_LIMITS, startProxy, startUpstream } from '../helpers/proxy-fixture.js';
import { freeLoopbackPort, spawnRedis } from '../helpers/redis-server.js';

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(100);
  }
  return false;
}

describe('limits (Redis)', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  before(async () => {
    upstream = await startUpstream(jsonAnswer({ data: { exists: false }, error_code: null }));
  });
  after(() => upstream.close());

  test('two proxy instances on one Redis share their limits (URL and client forms)', async () => {
    const redis = await spawnRedis();
    const client = new Redis(redis.url);
    const limits = { ...ROOMY_LIMITS, sendShort: { points: 2, durationSec: 600 } };
    const a = await startProxy({ upstream: upstream.url, limits, redis: redis.url });
    const b = await startProxy({ upstream: upstream.url, limits, redis: client });
    try {
      assert.equal((await post(a.url, VLENS_PATHS.verifyPhone, { phoneNumber: PHONE })).status, 200);
      assert.equal((await post(b.url, VLENS_PATHS.verifyPhone, { phoneNumber: PHONE })).status, 200);
      const third = await post(a.url, VLENS_PATHS.verifyPhone, { phoneNumber: PHONE });
      assert.equal(third.status, 429);
      assert.ok(Number(third.headers.get('retry-after')) > 0);
      assert.equal((await post(b.url, VLENS_PATHS.verifyPhone, { phoneNumber: PHONE })).status, 429);
      assert.ok((await client.keys('vlens:sendShort:*')).length > 0, 'the counters live in Redis');
    } finally {
      await a.close();
      await b.close();
      const status = client.status;
      client.disconnect();
      await redis.kill();
      assert.equal(status, 'ready', 'a client passed in is left open');
    }
  });

  test('Redis going away: OTP sends and code checks fail closed (503), other calls go on; back when Redis returns', async () => {
    const port = await freeLoopbackPort();
    let redis = await spawnRedis(port);
    const proxy = await startProxy({ upstream: upstream.url, redis: redis.url });
    try {
      assert.equal((await post(proxy.url, VLENS_PATHS.verifyPhone, { phoneNumber: PHONE })).status, 200);

      await redis.kill();
      upstream.requests.length = 0;
      const send = await post(proxy.url, VLENS_PATHS.verifyPhone, { phoneNumber: PHONE });
      assert.equal(send.status, 503);
      assert.equal(send.json.error_code, 503);
      assert.equal(send.json.error_descriptions.source, 'proxy');
      assert.equal((await post(proxy.url, VLENS_PATHS.verifyEmail, { email: EMAIL })).status, 503);
      const check = await post(proxy.url, VLENS_PATHS.verifyPhone, {
        phoneNumber: PHONE,
        phoneNumberOtpRequestId: 'b0a1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d',
        phoneNumberOtp: '482913',
      });
      assert.equal(check.status, 503);

      assert.equal(
        (await post(proxy.url, VLENS_PATHS.checkExistence, { email: EMAIL })).status,
        200,
        'per-IP limits fall back to memory',
      );
      const register = await post(proxy.url, VLENS_PATHS.register, {
        phoneNumber: PHONE,
        phoneNumberOtpRequestId: 'b0a1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d',
      });
      assert.equal(register.status, 503, 'the proof Register needs cannot be checked: fails closed');
      assert.equal((await fetch(`${proxy.url}/api/vlens/healthz`)).status, 200);
      assert.deepEqual(
        upstream.requests.map((r) => r.url),
        ['/api/DigitalIdentity/CheckExistenceOfEmailOrPhone'],
        'no send, check or Register went upstream',
      );

      redis = await spawnRedis(port);
      const recovered = await until(
        async () => (await post(proxy.url, VLENS_PATHS.verifyPhone, { phoneNumber: '+201001234568' })).status === 200,
        10_000,
      );
      assert.ok(recovered, 'sends work again once Redis is back');
    } finally {
      await proxy.close();
      await redis.kill();
    }
  });
});
