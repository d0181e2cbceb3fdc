import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { VLENS_PATHS } from '../../src/api/paths.js';
import { createLimitStore, DEFAULT_LIMITS } from '../../src/server/limits.js';
import {
  EMAIL,
  jsonAnswer,
  PHONE,
  post,
  ROOMY_LIMITS,
  startProxy,
  startRefusingUpstream,
  startUpstream,
} from '../helpers/proxy-fixture.js';

const REQUEST_ID = 'b0a1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';
/** The phone flow an email code check belongs to. */
const FLOW = { phoneNumber: PHONE, phoneNumberOtpRequestId: 'd0a1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d' };
const OTHER_ID = 'c0a1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';

function assertLimited(res: Awaited<ReturnType<typeof post>>, maxSeconds: number) {
  assert.equal(res.status, 429);
  assert.equal(res.json.error_code, 429);
  assert.equal(res.json.data, null);
  assert.equal(res.json.error_descriptions.source, 'proxy');
  const retryAfter = Number(res.headers.get('retry-after'));
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= maxSeconds, `Retry-After ${retryAfter}`);
}

describe('limits (memory)', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  before(async () => {
    upstream = await startUpstream(jsonAnswer({ data: { exists: false }, error_code: null }));
  });
  after(() => upstream.close());

  test('the defaults are the CONTRACT values, plus the send caps per number block, country, client and proxy', () => {
    assert.deepEqual(DEFAULT_LIMITS, {
      sendShort: { points: 3, durationSec: 600 },
      sendDaily: { points: 10, durationSec: 86_400 },
      sendBlock: { points: 10, durationSec: 3600 },
      sendCountry: { points: 500, durationSec: 3600 },
      sendIp: { points: 20, durationSec: 3600 },
      sendIpBlock: { points: 40, durationSec: 3600 },
      sendGlobal: { points: 1000, durationSec: 3600 },
      codeChecks: { points: 5, durationSec: 86_400 },
      ip: { points: 100, durationSec: 600 },
      existence: { points: 10, durationSec: 600 },
    });
  });

  test('with default limits, a 4th send to one number in 10 minutes gets 429 and never reaches upstream', async () => {
    const proxy = await startProxy({ upstream: upstream.url, limits: undefined });
    try {
      upstream.requests.length = 0;
      for (let i = 0; i < 3; i++)
        assert.equal((await post(proxy.url, VLENS_PATHS.verifyPhone, { phoneNumber: PHONE })).status, 200);
      const fourth = await post(proxy.url, VLENS_PATHS.verifyPhone, { phoneNumber: PHONE });
      assertLimited(fourth, 600);
      assert.equal(fourth.json.error_descriptions.field, 'phoneNumber');
      assert.equal(upstream.requests.length, 3);
      assert.equal(
        (await post(proxy.url, VLENS_PATHS.verifyPhone, { phoneNumber: '+201001234568' })).status,
        200,
        'another number',
      );
      assert.equal(
        (
          await post(proxy.url, VLENS_PATHS.verifyPhone, {
            phoneNumber: PHONE,
            phoneNumberOtpRequestId: REQUEST_ID,
            phoneNumberOtp: '482913',
          })
        ).status,
        200,
        'checking a code is not a send',
      );
    } finally {
      await proxy.close();
    }
  });

  test('sends per day are limited separately from the 10-minute window', async () => {
    const proxy = await startProxy({
      upstream: upstream.url,
      limits: { ...ROOMY_LIMITS, sendDaily: { points: 2, durationSec: 86_400 } },
    });
    try {
      await post(proxy.url, VLENS_PATHS.verifyPhone, { phoneNumber: PHONE });
      await post(proxy.url, VLENS_PATHS.verifyPhone, { phoneNumber: PHONE });
      assertLimited(await post(proxy.url, VLENS_PATHS.verifyPhone, { phoneNumber: PHONE }), 86_400);
    } finally {
      await proxy.close();
    }
  });

  test('email sends are keyed on the lowercased address', async () => {
    const proxy = await startProxy({
      upstream: upstream.url,
      limits: { ...ROOMY_LIMITS, sendShort: { points: 2, durationSec: 600 } },
    });
    try {
      assert.equal((await post(proxy.url, VLENS_PATHS.verifyEmail, { email: EMAIL })).status, 200);
      assert.equal((await post(proxy.url, VLENS_PATHS.verifyEmail, { email: EMAIL.toUpperCase() })).status, 200);
      const third = await post(proxy.url, VLENS_PATHS.verifyEmail, { email: 'Layla@Example.COM' });
      assertLimited(third, 600);
      assert.equal(third.json.error_descriptions.field, 'email');
      assert.equal((await post(proxy.url, VLENS_PATHS.verifyEmail, { email: 'omar@example.com' })).status, 200);
    } finally {
      await proxy.close();
    }
  });

  test('code checks are limited per request id, counting Register calls that carry a code', async () => {
    const proxy = await startProxy({
      upstream: upstream.url,
      limits: { ...ROOMY_LIMITS, codeChecks: { points: 5, durationSec: 86_400 } },
    });
    try {
      upstream.requests.length = 0;
      const check = (id: string) =>
        post(proxy.url, VLENS_PATHS.verifyPhone, {
          phoneNumber: PHONE,
          phoneNumberOtpRequestId: id,
          phoneNumberOtp: '000000',
        });
      // Against this upstream every validation succeeds, so the checks also give Register its proof.
      for (let i = 0; i < 4; i++) assert.equal((await check(REQUEST_ID)).status, 200);
      const register = (
        await post(proxy.url, VLENS_PATHS.register, {
          phoneNumber: PHONE,
          phoneNumberOtpRequestId: REQUEST_ID.toUpperCase(),
          phoneNumberOtp: '000000',
        })
      ).status;
      assert.equal(register, 200, 'the 5th check is a Register call');
      const sixth = await check(REQUEST_ID);
      assertLimited(sixth, 86_400);
      assert.equal(sixth.json.error_descriptions.field, 'phoneNumberOtp');
      // Its proof spent, a Register is refused before it could spend a check (403, not 429).
      assert.equal(
        (
          await post(proxy.url, VLENS_PATHS.register, {
            phoneNumber: PHONE,
            phoneNumberOtpRequestId: REQUEST_ID,
            phoneNumberOtp: '1234',
          })
        ).status,
        403,
      );
      assert.equal(upstream.requests.length, 5);
      assert.equal((await check(OTHER_ID)).status, 200, 'another request id has its own budget');
      await check(OTHER_ID);
      const noCode = await post(proxy.url, VLENS_PATHS.register, {
        phoneNumber: PHONE,
        phoneNumberOtpRequestId: OTHER_ID,
      });
      assert.equal(noCode.status, 200, 'Register without a code is not a check');
    } finally {
      await proxy.close();
    }
  });

  test('a refused code check carries code_checks_left, the checks the proxy still forwards for that request id', async () => {
    const refusing = await startRefusingUpstream();
    const proxy = await startProxy({
      upstream: refusing.url,
      limits: { ...ROOMY_LIMITS, codeChecks: { points: 3, durationSec: 600 } },
    });
    try {
      const check = () =>
        post(proxy.url, VLENS_PATHS.verifyPhone, {
          phoneNumber: PHONE,
          phoneNumberOtpRequestId: REQUEST_ID,
          phoneNumberOtp: '000000',
        });
      const first = await check();
      assert.equal(first.status, 400);
      assert.deepEqual(first.json, {
        data: null,
        error_code: 2001,
        error_message: 'Invalid OTP',
        error_descriptions: null,
        code_checks_left: 2,
      });
      assert.equal((await check()).json.code_checks_left, 1);
      assert.equal((await check()).json.code_checks_left, 0);
      assertLimited(await check(), 600);
      const send = await post(proxy.url, VLENS_PATHS.verifyPhone, { phoneNumber: PHONE });
      assert.equal(send.json.code_checks_left, undefined, 'a send is not a code check');
      const register = await post(proxy.url, VLENS_PATHS.register, {
        phoneNumber: PHONE,
        phoneNumberOtpRequestId: OTHER_ID,
        phoneNumberOtp: '1',
      });
      assert.equal(register.json.code_checks_left, undefined, 'Register is counted but not annotated');
    } finally {
      await proxy.close();
      await refusing.close();
    }
  });

  test('a code check that succeeds carries no code_checks_left', async () => {
    const proxy = await startProxy({
      upstream: upstream.url,
      limits: { ...ROOMY_LIMITS, codeChecks: { points: 3, durationSec: 600 } },
    });
    try {
      const ok = await post(proxy.url, VLENS_PATHS.verifyEmail, {
        email: EMAIL,
        emailOtpRequestId: OTHER_ID,
        emailOtp: '000000',
        ...FLOW,
      });
      assert.equal(ok.status, 200);
      assert.equal(ok.json.code_checks_left, undefined);
    } finally {
      await proxy.close();
    }
  });

  test('email code checks are limited per emailOtpRequestId', async () => {
    const proxy = await startProxy({
      upstream: upstream.url,
      limits: { ...ROOMY_LIMITS, codeChecks: { points: 1, durationSec: 600 } },
    });
    try {
      const check = () =>
        post(proxy.url, VLENS_PATHS.verifyEmail, {
          email: EMAIL,
          emailOtpRequestId: REQUEST_ID,
          emailOtp: '000000',
          ...FLOW,
        });
      assert.equal((await check()).status, 200);
      const second = await check();
      assertLimited(second, 600);
      assert.equal(second.json.error_descriptions.field, 'emailOtp');
    } finally {
      await proxy.close();
    }
  });

  test('calls per client IP are limited across endpoints; X-Forwarded-For is ignored unless trusted', async () => {
    const proxy = await startProxy({
      upstream: upstream.url,
      limits: { ...ROOMY_LIMITS, ip: { points: 3, durationSec: 600 } },
    });
    try {
      await post(proxy.url, VLENS_PATHS.checkExistence, { email: EMAIL }, { 'X-Forwarded-For': '198.51.100.1' });
      await post(proxy.url, VLENS_PATHS.verifyEmail, { email: EMAIL }, { 'X-Forwarded-For': '198.51.100.2' });
      await post(
        proxy.url,
        VLENS_PATHS.register,
        { phoneNumber: PHONE, phoneNumberOtpRequestId: REQUEST_ID },
        { 'X-Forwarded-For': '198.51.100.3' },
      );
      assertLimited(
        await post(proxy.url, VLENS_PATHS.verifyPhone, { phoneNumber: PHONE }, { 'X-Forwarded-For': '198.51.100.4' }),
        600,
      );
      assert.equal((await fetch(`${proxy.url}/api/vlens/healthz`)).status, 200, 'healthz is not limited');
    } finally {
      await proxy.close();
    }
  });

  test('with trustProxy the client IP is the entry the trusted proxy appended', async () => {
    const proxy = await startProxy({
      upstream: upstream.url,
      trustProxy: true,
      limits: { ...ROOMY_LIMITS, ip: { points: 1, durationSec: 600 } },
    });
    try {
      const from = (xff: string) =>
        post(proxy.url, VLENS_PATHS.checkExistence, { email: EMAIL }, { 'X-Forwarded-For': xff });
      assert.equal((await from('203.0.113.9, 198.51.100.1')).status, 200);
      assertLimited(await from('203.0.113.10, 198.51.100.1'), 600);
      assert.equal((await from('198.51.100.2')).status, 200, 'another client');
      assert.equal(proxy.logs.at(-1)!.ip, '198.51.100.2');
    } finally {
      await proxy.close();
    }
  });

  test('CheckExistenceOfEmailOrPhone has its own per-IP limit', async () => {
    const proxy = await startProxy({
      upstream: upstream.url,
      limits: { ...ROOMY_LIMITS, existence: { points: 2, durationSec: 600 } },
    });
    try {
      await post(proxy.url, VLENS_PATHS.checkExistence, { email: EMAIL });
      await post(proxy.url, VLENS_PATHS.checkExistence, { phoneNumber: PHONE });
      assertLimited(await post(proxy.url, VLENS_PATHS.checkExistence, { email: 'omar@example.com' }), 600);
      assert.equal(
        (await post(proxy.url, VLENS_PATHS.verifyPhone, { phoneNumber: PHONE })).status,
        200,
        'other endpoints still served',
      );
    } finally {
      await proxy.close();
    }
  });

  test('Retry-After is readable by an allowed origin', async () => {
    const origin = 'https://shop.example';
    const proxy = await startProxy({
      upstream: upstream.url,
      allowedOrigins: [origin],
      limits: { ...ROOMY_LIMITS, existence: { points: 1, durationSec: 600 } },
    });
    try {
      await post(proxy.url, VLENS_PATHS.checkExistence, { email: EMAIL }, { Origin: origin });
      const res = await post(proxy.url, VLENS_PATHS.checkExistence, { email: EMAIL }, { Origin: origin });
      assertLimited(res, 600);
      assert.equal(res.headers.get('access-control-allow-origin'), origin);
      assert.equal(res.headers.get('access-control-expose-headers'), 'Retry-After');
    } finally {
      await proxy.close();
    }
  });

  test('the store counts per key and says how long to wait', async () => {
    const store = createLimitStore({ limits: { sendShort: { points: 1, durationSec: 30 } } });
    assert.deepEqual(await store.consume('sendShort', 'a'), { ok: true, remaining: 0 });
    const second = await store.consume('sendShort', 'a');
    assert.equal(second.ok, false);
    assert.ok(!second.ok && second.reason === 'limited' && second.retryAfterSec > 0 && second.retryAfterSec <= 30);
    assert.deepEqual(await store.consume('sendShort', 'b'), { ok: true, remaining: 0 });
    await store.close();
  });
});
