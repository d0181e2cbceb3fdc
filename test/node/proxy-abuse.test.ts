/**
 * The ten abuse findings of issue 10, each reproduced as the attacker would
 * (real HTTP on loopback, a real redis-server) and now failing for them.
 * The widget's side (landline message, signin-url, CAPTCHA) also has browser
 * tests: test/browser/abuse.test.ts and captcha.test.ts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { VLENS_PATHS } from '../../src/api/paths.js';
import { createDevOAuthHandler } from '../../src/mock/dev-oauth.js';
import { createVlensStandIn } from '../../src/mock/index.js';
import { safeLinkUrl } from '../../src/register/link-url.js';
import { canonicalEmail, checkPhone } from '../../src/server/canonical.js';
import { clientLimitKey } from '../../src/server/client-address.js';
import { createLimitStore, DEFAULT_LIMITS } from '../../src/server/limits.js';
import { createVlensProxy } from '../../src/server/proxy.js';
import {
  jsonAnswer,
  PHONE,
  post,
  provePhone,
  ROOMY_LIMITS,
  spawnCli,
  startProxy,
  startStack,
  startUpstream,
  TEST_API_KEY,
} from '../helpers/proxy-fixture.js';
import { spawnRedis } from '../helpers/redis-server.js';

const REQUEST_ID = 'b0a1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';
const OTHER_ID = 'c0a1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';
const SEND = VLENS_PATHS.verifyPhone;

type Answer = Awaited<ReturnType<typeof post>>;

function assertRefused(res: Answer, status: number, field?: string) {
  assert.equal(res.status, status, res.text);
  assert.equal(res.json.error_code, status);
  assert.equal(res.json.data, null);
  assert.equal(res.json.error_descriptions.source, 'proxy');
  if (field) assert.equal(res.json.error_descriptions.field, field);
}

const from = (ip: string) => ({ 'X-Forwarded-For': ip });

let upstream: Awaited<ReturnType<typeof startUpstream>>;
before(async () => {
  upstream = await startUpstream(jsonAnswer({ data: { exists: false }, error_code: null }));
});
after(() => upstream.close());

describe('1. one handset, one budget', () => {
  test('3 sends in total across every spelling of one number (+20 0…, +20…); upstream sees one E.164', async () => {
    const proxy = await startProxy({
      upstream: upstream.url,
      limits: { ...ROOMY_LIMITS, sendShort: DEFAULT_LIMITS.sendShort },
    });
    try {
      upstream.requests.length = 0;
      const spellings = [
        '+2001001234567',
        '+201001234567',
        '+2001001234567',
        '+201001234567',
        '+2001001234567',
        '+201001234567',
      ];
      const statuses = [];
      for (const phoneNumber of spellings) statuses.push((await post(proxy.url, SEND, { phoneNumber })).status);
      assert.deepEqual(statuses, [200, 200, 200, 429, 429, 429]);
      assert.deepEqual(
        upstream.requests.map((r) => JSON.parse(r.body).phoneNumber),
        [PHONE, PHONE, PHONE],
        'forwarded as libphonenumber normalises it',
      );
      assert.deepEqual(new Set(proxy.logs.map((e) => e.phone)), new Set(['+20******4567']), 'logged as one handset');
    } finally {
      await proxy.close();
    }
  });

  test('checkPhone normalises the national 0 after +20', () => {
    assert.deepEqual(checkPhone('+2001001234567'), { ok: true, e164: PHONE, country: 'EG' });
  });
});

describe('2. numbers that cannot receive an SMS', () => {
  test('invalid numbers and landlines get a 400 naming phoneNumber, with 0 upstream calls, on every path', async () => {
    const proxy = await startProxy({ upstream: upstream.url });
    try {
      upstream.requests.length = 0;
      const refused = {
        '+2012345678': 'not a valid phone number',
        '+20999999999999': 'not a valid phone number',
        '+2090000000': 'not a valid phone number',
        '+201001234567000': 'not a valid phone number',
        '+20501234567': 'cannot receive text messages', // a Mansoura landline, typed as 050 123 4567
        '+20223456789': 'cannot receive text messages', // Cairo
        '+208001234567': 'cannot receive text messages', // toll-free
      };
      for (const [phoneNumber, reason] of Object.entries(refused)) {
        for (const [path, body] of [
          [SEND, { phoneNumber }],
          [VLENS_PATHS.checkExistence, { phoneNumber }],
          [VLENS_PATHS.register, { phoneNumber, phoneNumberOtpRequestId: REQUEST_ID }],
        ] as const) {
          const res = await post(proxy.url, path, body);
          assertRefused(res, 400, 'phoneNumber');
          assert.match(res.json.error_message, new RegExp(reason), `${path} ${phoneNumber}`);
        }
      }
      assert.equal(upstream.requests.length, 0);
      assert.equal((await post(proxy.url, SEND, { phoneNumber: '+201101234567' })).status, 200, 'a mobile passes');
    } finally {
      await proxy.close();
    }
  });

  test('MOBILE and FIXED_LINE_OR_MOBILE pass; FIXED_LINE, TOLL_FREE and invalid do not', () => {
    assert.equal(checkPhone('+201001234567').ok, true, 'EG mobile');
    assert.equal(checkPhone('+12015550123').ok, true, 'US: FIXED_LINE_OR_MOBILE');
    assert.deepEqual(checkPhone('+20501234567'), {
      ok: false,
      reason: 'not-mobile',
      message: 'this number cannot receive text messages (it is not a mobile number)',
    });
    const invalid = checkPhone('+2012345678');
    assert.equal(!invalid.ok && invalid.reason, 'invalid');
  });
});

describe('3. send caps per client', () => {
  test('per IPv4 address, across numbers and emails', async () => {
    const proxy = await startProxy({
      upstream: upstream.url,
      trustProxy: true,
      limits: { ...ROOMY_LIMITS, sendIp: { points: 3, durationSec: 3600 } },
    });
    try {
      upstream.requests.length = 0;
      assert.equal((await post(proxy.url, SEND, { phoneNumber: '+201001234501' }, from('198.51.100.7'))).status, 200);
      assert.equal((await post(proxy.url, SEND, { phoneNumber: '+201001234502' }, from('198.51.100.7'))).status, 200);
      assert.equal(
        (await post(proxy.url, VLENS_PATHS.verifyEmail, { email: 'a@example.com' }, from('198.51.100.7'))).status,
        200,
      );
      assertRefused(
        await post(proxy.url, SEND, { phoneNumber: '+201001234503' }, from('198.51.100.7')),
        429,
        'phoneNumber',
      );
      assertRefused(
        await post(proxy.url, VLENS_PATHS.verifyEmail, { email: 'b@example.com' }, from('::ffff:198.51.100.7')),
        429,
        'email',
      );
      assert.equal(upstream.requests.length, 3);
      assert.equal(
        (await post(proxy.url, SEND, { phoneNumber: '+201001234503' }, from('198.51.100.8'))).status,
        200,
        'another client',
      );
      const check = await post(
        proxy.url,
        SEND,
        { phoneNumber: PHONE, phoneNumberOtpRequestId: REQUEST_ID, phoneNumberOtp: '123456' },
        from('198.51.100.7'),
      );
      assert.equal(check.status, 200, 'a code check is not a send');
    } finally {
      await proxy.close();
    }
  });

  test('IPv6 clients are grouped by /64: a new address in the same prefix shares its budget', async () => {
    const proxy = await startProxy({
      upstream: upstream.url,
      trustProxy: true,
      limits: { ...ROOMY_LIMITS, sendIp: { points: 2, durationSec: 3600 } },
    });
    try {
      assert.equal(
        (await post(proxy.url, SEND, { phoneNumber: '+201001234511' }, from('2001:db8:1:2::1'))).status,
        200,
      );
      assert.equal(
        (await post(proxy.url, SEND, { phoneNumber: '+201001234512' }, from('2001:db8:1:2:aaaa:bbbb:cccc:dddd')))
          .status,
        200,
      );
      assertRefused(
        await post(proxy.url, SEND, { phoneNumber: '+201001234513' }, from('2001:0db8:0001:0002:0:0:0:ffff')),
        429,
        'phoneNumber',
      );
      assert.equal(
        (await post(proxy.url, SEND, { phoneNumber: '+201001234513' }, from('2001:db8:1:3::1'))).status,
        200,
        'another /64',
      );
    } finally {
      await proxy.close();
    }
    assert.equal(clientLimitKey('2001:db8:1:2:3:4:5:6'), clientLimitKey('2001:db8:1:2::9'));
    assert.notEqual(clientLimitKey('2001:db8:1:2::9'), clientLimitKey('2001:db8:1:3::9'));
    assert.equal(clientLimitKey('::ffff:203.0.113.9'), '203.0.113.9');
  });

  test('the global send budget trips a circuit breaker that logs one clear line', async () => {
    const warnings: string[] = [];
    const proxy = await startProxy({
      upstream: upstream.url,
      trustProxy: true,
      limits: { ...ROOMY_LIMITS, sendGlobal: { points: 3, durationSec: 3600 } },
      warn: (line) => warnings.push(line),
    });
    try {
      upstream.requests.length = 0;
      for (let i = 0; i < 3; i++) {
        assert.equal(
          (await post(proxy.url, SEND, { phoneNumber: `+20100123452${i}` }, from(`203.0.113.${i + 1}`))).status,
          200,
        );
      }
      const refused: Answer[] = [];
      for (let i = 3; i < 6; i++)
        refused.push(await post(proxy.url, SEND, { phoneNumber: `+20100123452${i}` }, from(`203.0.113.${i + 1}`)));
      refused.push(await post(proxy.url, VLENS_PATHS.verifyEmail, { email: 'c@example.com' }, from('203.0.113.50')));
      for (const res of refused) {
        assert.equal(res.status, 429);
        assert.ok(Number(res.headers.get('retry-after')) > 3000 && Number(res.headers.get('retry-after')) <= 3600);
      }
      assert.equal(upstream.requests.length, 3);
      assert.equal(warnings.length, 1, warnings.join('\n'));
      assert.match(
        warnings[0],
        /^vlens proxy: the global send budget \(3 codes per 3600 s\) is spent; every send is refused until \d{4}-/,
      );
      assert.ok(!warnings[0].includes('\n'));
      assert.equal(
        (await post(proxy.url, VLENS_PATHS.checkExistence, { phoneNumber: PHONE })).status,
        200,
        'other calls go on',
      );
    } finally {
      await proxy.close();
    }
  });

  test('the global budget is shared by every proxy on one Redis', async () => {
    const redis = await spawnRedis();
    const limits = { ...ROOMY_LIMITS, sendGlobal: { points: 2, durationSec: 3600 } };
    const a = await startProxy({ upstream: upstream.url, limits, redis: redis.url, warn: () => {} });
    const b = await startProxy({ upstream: upstream.url, limits, redis: redis.url, warn: () => {} });
    try {
      assert.equal((await post(a.url, SEND, { phoneNumber: '+201001234531' })).status, 200);
      assert.equal((await post(b.url, SEND, { phoneNumber: '+201001234532' })).status, 200);
      assert.equal((await post(a.url, SEND, { phoneNumber: '+201001234533' })).status, 429);
      assert.equal((await post(b.url, SEND, { phoneNumber: '+201001234534' })).status, 429);
    } finally {
      await a.close();
      await b.close();
      await redis.kill();
    }
  });
});

describe('4. Register only with proof this proxy saw', () => {
  test('a known number alone, a made-up id, or another number’s id: 403 and no upstream Register; the victim registers', async () => {
    const stack = await startStack();
    try {
      const { control } = stack.standIn;
      const sent = await post(stack.url, SEND, { phoneNumber: PHONE });
      const requestId = sent.json.data.phoneNumberOtpRequestId as string;
      const code = control.lastCode(PHONE)!;
      // The victim is between the code and the last step.
      assert.equal(
        (await post(stack.url, SEND, { phoneNumber: PHONE, phoneNumberOtpRequestId: requestId, phoneNumberOtp: code }))
          .status,
        200,
      );

      assertRefused(
        await post(stack.url, VLENS_PATHS.register, { phoneNumber: PHONE, password: 'Attacker-pass-1' }),
        403,
        'phoneNumberOtpRequestId',
      );
      assertRefused(
        await post(stack.url, VLENS_PATHS.registerStepCreate, {
          phoneNumber: PHONE,
          phoneNumberOtpRequestId: REQUEST_ID,
        }),
        403,
        'phoneNumberOtpRequestId',
      );
      assertRefused(
        await post(stack.url, VLENS_PATHS.register, {
          phoneNumber: '+201112345678',
          phoneNumberOtpRequestId: requestId,
        }),
        403,
        'phoneNumberOtpRequestId',
      );
      assert.equal(control.calls()[VLENS_PATHS.register], undefined, 'no Register reached the stand-in');
      assert.equal(control.calls()[VLENS_PATHS.registerStepCreate], undefined);

      const victim = await post(stack.url, VLENS_PATHS.register, {
        phoneNumber: '+2001001234567',
        phoneNumberOtpRequestId: requestId.toUpperCase(),
        phoneNumberOtp: code,
        password: 'Victim-pass-1',
      });
      assert.equal(victim.status, 200, victim.text);
      assert.ok(victim.json.data.accessToken);
      assertRefused(
        await post(stack.url, VLENS_PATHS.register, { phoneNumber: PHONE, phoneNumberOtpRequestId: requestId }),
        403,
        'phoneNumberOtpRequestId',
      );
    } finally {
      await stack.close();
    }
  });

  test('when the email step is required: the email or OAuth verification must have been seen too', async () => {
    const stack = await startStack();
    try {
      const { control, issuers } = stack.standIn;
      control.configure({ emailRequired: true });
      const phone = '+201112345678';
      const sent = await post(stack.url, SEND, { phoneNumber: phone });
      const requestId = sent.json.data.phoneNumberOtpRequestId as string;
      const checked = await post(stack.url, SEND, {
        phoneNumber: phone,
        phoneNumberOtpRequestId: requestId,
        phoneNumberOtp: control.lastCode(phone)!,
      });
      assert.equal(checked.json.data.isEmailConfirmationRequired, true);
      const register = (extra: object) =>
        post(stack.url, VLENS_PATHS.register, { phoneNumber: phone, phoneNumberOtpRequestId: requestId, ...extra });

      assertRefused(await register({}), 403, 'email');
      assertRefused(await register({ email: 'someone@example.com' }), 403, 'email');
      assertRefused(
        await register({ oAuthTokenVerificationRequestId: OTHER_ID }),
        403,
        'oAuthTokenVerificationRequestId',
      );
      assert.equal(control.calls()[VLENS_PATHS.register], undefined);

      const google = await post(stack.url, VLENS_PATHS.verifyOAuthForRegister, {
        provider: 'Google',
        IdToken: await issuers.google.signIdToken({ email: 'omar@example.com' }),
        phoneNumber: phone,
        phoneNumberOtpRequestId: requestId,
      });
      const oauthId = google.json.data.oAuthTokenVerificationRequestId as string;
      const registered = await register({ email: 'omar@example.com', oAuthTokenVerificationRequestId: oauthId });
      assert.equal(registered.status, 200, registered.text);
    } finally {
      await stack.close();
    }
  });

  test('a verified email is proof for the email step', async () => {
    const stack = await startStack();
    try {
      const { control } = stack.standIn;
      control.configure({ emailRequired: true });
      const phone = '+201212345678';
      const email = 'Nour@Example.com';
      const sent = await post(stack.url, SEND, { phoneNumber: phone });
      const requestId = sent.json.data.phoneNumberOtpRequestId as string;
      await post(stack.url, SEND, {
        phoneNumber: phone,
        phoneNumberOtpRequestId: requestId,
        phoneNumberOtp: control.lastCode(phone)!,
      });
      const flow = { phoneNumber: phone, phoneNumberOtpRequestId: requestId };
      const emailSent = await post(stack.url, VLENS_PATHS.verifyEmail, { email, ...flow });
      const emailCode = control.lastCode(email)!;
      const emailChecked = await post(stack.url, VLENS_PATHS.verifyEmail, {
        email,
        emailOtpRequestId: emailSent.json.data.emailOtpRequestId,
        emailOtp: emailCode,
        ...flow,
      });
      assert.equal(emailChecked.status, 200, emailChecked.text);
      const registered = await post(stack.url, VLENS_PATHS.register, {
        phoneNumber: phone,
        phoneNumberOtpRequestId: requestId,
        email: email.toLowerCase(),
      });
      assert.equal(registered.status, 200, registered.text);
    } finally {
      await stack.close();
    }
  });

  test('proofs expire after proofTtlSec (memory store)', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: 1_000_000 });
    const store = createLimitStore();
    assert.equal(await store.remember('phone:x', 'v', 600), true);
    t.mock.timers.tick(599_999);
    assert.deepEqual(await store.recall('phone:x'), { ok: true, value: 'v' });
    t.mock.timers.tick(2);
    assert.deepEqual(await store.recall('phone:x'), { ok: true, value: null });
    await store.close();
  });

  test('proofs live in Redis: one instance validates, another forwards the Register', async () => {
    const redis = await spawnRedis();
    const a = await startProxy({ upstream: upstream.url, redis: redis.url });
    const b = await startProxy({ upstream: upstream.url, redis: redis.url });
    try {
      await provePhone(a.url, PHONE, REQUEST_ID);
      const client = new Redis(redis.url);
      const ttl = await client.ttl(`vlens:proof:phone:${REQUEST_ID}`);
      client.disconnect();
      assert.ok(ttl > 590 && ttl <= 600, `kept for the code's lifetime (${ttl} s)`);
      assert.equal(
        (await post(b.url, VLENS_PATHS.register, { phoneNumber: PHONE, phoneNumberOtpRequestId: REQUEST_ID })).status,
        200,
      );
      assert.equal(
        (await post(a.url, VLENS_PATHS.register, { phoneNumber: PHONE, phoneNumberOtpRequestId: REQUEST_ID })).status,
        403,
        'spent',
      );
    } finally {
      await a.close();
      await b.close();
      await redis.kill();
    }
  });
});

describe('5. Register counts toward the enumeration limit', () => {
  test('CheckExistence and Register share the 10-per-10-min style budget per IP', async () => {
    const proxy = await startProxy({
      upstream: upstream.url,
      limits: { ...ROOMY_LIMITS, existence: { points: 2, durationSec: 600 } },
    });
    try {
      await provePhone(proxy.url, PHONE, REQUEST_ID);
      upstream.requests.length = 0;
      assert.equal((await post(proxy.url, VLENS_PATHS.checkExistence, { phoneNumber: PHONE })).status, 200);
      assertRefused(
        await post(proxy.url, VLENS_PATHS.register, {
          phoneNumber: '+201001234599',
          phoneNumberOtpRequestId: OTHER_ID,
        }),
        403,
      );
      assertRefused(
        await post(proxy.url, VLENS_PATHS.register, { phoneNumber: PHONE, phoneNumberOtpRequestId: REQUEST_ID }),
        429,
      );
      assertRefused(await post(proxy.url, VLENS_PATHS.checkExistence, { phoneNumber: PHONE }), 429);
      assert.equal(upstream.requests.length, 1);
    } finally {
      await proxy.close();
    }
  });
});

describe('6. documented fields only', () => {
  test('an undocumented field never reaches the browser, whatever its name or depth', async () => {
    const leaky = await startUpstream(
      jsonAnswer({
        data: {
          phoneNumberOtpRequestId: REQUEST_ID,
          isPhoneNumberConfirmed: false,
          otpCode: '111111',
          verificationCode: '222222',
          code: '333333',
          user: { id: 7, phoneNumber: PHONE, pin: '444444', nested: { code: '555555' } },
          debug: { sms: 'Your code is 666666' },
          accessToken: { raw: '777777' },
        },
        error_code: null,
        error_message: null,
        error_descriptions: { code: '888888' },
        trace: '999999',
      }),
    );
    const proxy = await startProxy({ upstream: leaky.url });
    try {
      const res = await post(proxy.url, SEND, { phoneNumber: PHONE });
      assert.equal(res.status, 200);
      assert.deepEqual(res.json, {
        data: {
          phoneNumberOtpRequestId: REQUEST_ID,
          isPhoneNumberConfirmed: false,
          user: { id: 7, phoneNumber: PHONE },
        },
        error_code: null,
        error_message: null,
      });
      assert.doesNotMatch(res.text, /111111|222222|333333|444444|555555|666666|777777|888888|999999/);
    } finally {
      await proxy.close();
      await leaky.close();
    }
  });

  test("a failure keeps Vlens's free-form error_descriptions, without OTP fields", async () => {
    const failing = await startUpstream(
      jsonAnswer(
        {
          data: null,
          error_code: 12,
          error_message: 'Wrong code',
          error_descriptions: { field: 'otp', emailOtp: '123123' },
          extra: 1,
        },
        422,
      ),
    );
    const proxy = await startProxy({ upstream: failing.url });
    try {
      const res = await post(proxy.url, SEND, { phoneNumber: PHONE });
      assert.equal(res.status, 422);
      assert.deepEqual(res.json, {
        data: null,
        error_code: 12,
        error_message: 'Wrong code',
        error_descriptions: { field: 'otp' },
      });
    } finally {
      await proxy.close();
      await failing.close();
    }
  });
});

describe('7. one inbox, one budget', () => {
  test('+tag addresses share one budget; Gmail ignores dots and googlemail.com', async () => {
    const proxy = await startProxy({
      upstream: upstream.url,
      limits: { ...ROOMY_LIMITS, sendShort: DEFAULT_LIMITS.sendShort },
    });
    try {
      const send = (email: string) => post(proxy.url, VLENS_PATHS.verifyEmail, { email });
      assert.deepEqual(
        [
          (await send('victim+1@example.com')).status,
          (await send('victim+2@example.com')).status,
          (await send('Victim@Example.com')).status,
          (await send('victim+3@example.com')).status,
        ],
        [200, 200, 200, 429],
      );
      assert.deepEqual(
        [
          (await send('v.ictim@gmail.com')).status,
          (await send('victim@googlemail.com')).status,
          (await send('vic.tim+x@gmail.com')).status,
          (await send('VICTIM@gmail.com')).status,
        ],
        [200, 200, 200, 429],
      );
      assert.equal((await send('v.ictim@example.com')).status, 200, 'dots count outside Gmail');
    } finally {
      await proxy.close();
    }
    assert.equal(canonicalEmail('V.Ictim+promo@GoogleMail.com'), 'victim@gmail.com');
  });
});

describe('8. slow is down', () => {
  test('a hanging Redis (DEBUG SLEEP) is answered within the store timeout: sends 503, per-IP limits still apply from memory', async () => {
    const redis = await spawnRedis();
    const proxy = await startProxy({
      upstream: upstream.url,
      redis: redis.url,
      storeTimeoutMs: 200,
      limits: { ...ROOMY_LIMITS, existence: { points: 3, durationSec: 600 } },
    });
    // No reconnects: a sleeper that is reconnecting when it is disconnected never settles its pending command.
    const sleeper = new Redis(redis.url, { retryStrategy: () => null });
    let sleeping: Promise<unknown> | undefined;
    try {
      // A send waits for the connection; then the existence limit counts in Redis. On a loaded machine the
      // first calls (the connection, the scripts loading) can pass the 200 ms deadline: send until one is in time.
      let up = 0;
      for (let tries = 0; up !== 200 && tries < 10; tries++)
        up = (await post(proxy.url, SEND, { phoneNumber: '+201001234576' })).status;
      assert.equal(up, 200, 'Redis up');
      assert.equal((await post(proxy.url, VLENS_PATHS.checkExistence, { phoneNumber: PHONE })).status, 200, 'Redis up');
      await sleeper.ping();
      sleeping = sleeper.call('DEBUG', 'SLEEP', '5').catch(() => 'killed');
      upstream.requests.length = 0;
      const started = performance.now();
      const send = await post(proxy.url, SEND, { phoneNumber: '+201001234577' });
      // Register takes 1 point of the existence limit (from memory now), then its proof cannot be read.
      const register = await post(proxy.url, VLENS_PATHS.register, {
        phoneNumber: PHONE,
        phoneNumberOtpRequestId: REQUEST_ID,
      });
      const answers = [];
      for (let i = 0; i < 3; i++)
        answers.push(await post(proxy.url, VLENS_PATHS.checkExistence, { phoneNumber: PHONE }));
      const elapsed = performance.now() - started;
      assert.deepEqual(
        answers.map((a) => a.status),
        [200, 200, 429],
        'the existence limit holds from memory while Redis hangs',
      );
      assertRefused(send, 503);
      assertRefused(register, 503);
      assert.equal(upstream.requests.length, 2);
      assert.ok(
        elapsed < 4000,
        `answered within the store timeouts, not after the 5 s sleep (${Math.round(elapsed)} ms)`,
      );
    } finally {
      // Disconnected while DEBUG SLEEP is pending, the sleeper rejects it: 'killed' below.
      sleeper.disconnect();
      await proxy.close();
      await redis.kill();
    }
    assert.equal(await sleeping, 'killed', 'Redis was still asleep when the answers came');
  });

  test('a verifyHuman that never settles gets a 503 at its timeout, with no upstream call', async () => {
    const proxy = await startProxy({
      upstream: upstream.url,
      verifyHuman: () => new Promise<boolean>(() => {}),
      verifyHumanTimeoutMs: 300,
    });
    try {
      upstream.requests.length = 0;
      const started = performance.now();
      const res = await post(proxy.url, SEND, { phoneNumber: PHONE });
      const elapsed = performance.now() - started;
      assertRefused(res, 503);
      assert.equal(upstream.requests.length, 0);
      assert.ok(elapsed >= 290 && elapsed < 3000, `${Math.round(elapsed)} ms`);
    } finally {
      await proxy.close();
    }
  });
});

describe('9. deployment traps', () => {
  test('the stand-in and /dev-oauth refuse NODE_ENV=production in any casing', () => {
    const saved = process.env.NODE_ENV;
    try {
      for (const value of ['production', 'Production', 'PRODUCTION', ' production ']) {
        process.env.NODE_ENV = value;
        assert.throws(() => createVlensStandIn(), /refuses to start with NODE_ENV=production/, value);
        assert.throws(
          () => createDevOAuthHandler({ issuers: {} as never }),
          /refuses to run with NODE_ENV=production/,
          value,
        );
      }
    } finally {
      if (saved === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = saved;
    }
  });

  test('npm start with NODE_ENV=Production and no VLENS_API_KEY exits non-zero with a clear message', async () => {
    const { child, output } = spawnCli({ NODE_ENV: 'Production', VLENS_API_KEY: '', REDIS_URL: undefined });
    const [code] = await once(child, 'exit');
    assert.equal(code, 1);
    assert.match(
      output.stderr,
      /NODE_ENV is production but VLENS_API_KEY is not set: refusing to serve the Vlens stand-in/,
    );
    assert.doesNotMatch(output.stdout, /http:\/\//, 'nothing was served');
  });

  test('one warning when X-Forwarded-For arrives from a private address while trustProxy is off', async () => {
    const warnings: string[] = [];
    const proxy = createVlensProxy({
      apiKey: TEST_API_KEY,
      upstream: upstream.url,
      log: () => {},
      warn: (w) => warnings.push(w),
    });
    const call = (clientIp: string, xff?: string) =>
      proxy(new Request('http://localhost/api/vlens/healthz', { headers: xff ? { 'X-Forwarded-For': xff } : {} }), {
        clientIp,
      });
    try {
      await call('10.0.0.5');
      await call('198.51.100.20', '203.0.113.1');
      assert.equal(warnings.length, 0, 'no header, or a public peer: nothing to say');
      await call('10.0.0.5', '203.0.113.1');
      await call('::ffff:172.16.0.9', '203.0.113.2');
      assert.equal(warnings.length, 1);
      assert.match(warnings[0], /private address 10\.0\.0\.5 with X-Forwarded-For, but trustProxy is off/);
    } finally {
      await proxy.close();
    }
    const trusting = createVlensProxy({
      apiKey: TEST_API_KEY,
      upstream: upstream.url,
      trustProxy: 1,
      log: () => {},
      warn: (w) => warnings.push(w),
    });
    await trusting(
      new Request('http://localhost/api/vlens/healthz', { headers: { 'X-Forwarded-For': '203.0.113.1' } }),
      { clientIp: '10.0.0.5' },
    );
    await trusting.close();
    assert.equal(warnings.length, 1, 'no warning with trustProxy on');
  });
});

describe('10. the widget links only to web addresses', () => {
  test('signin-url: http:, https: and relative URLs pass; javascript:, data: and the like do not', () => {
    const base = 'https://shop.example/register/';
    for (const url of [
      '/signin',
      'signin?next=%2F',
      '../login',
      'https://shop.example/login',
      'http://localhost/x',
      '//cdn.example/x',
    ]) {
      assert.equal(safeLinkUrl(url, base), url, url);
    }
    for (const url of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'java\nscript:alert(1)',
      'java\tscript:x',
      'data:text/html,x',
      'vbscript:x',
      'file:///etc/passwd',
      '',
      '  ',
    ]) {
      assert.equal(safeLinkUrl(url, base), null, JSON.stringify(url));
    }
  });
});
