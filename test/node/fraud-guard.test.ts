/**
 * The fraud guard against a patient attacker (issue 21): each finding of the
 * attack run, reproduced over real HTTP on loopback (with a real
 * redis-server where instances share state), as it was and as it is refused
 * now.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { VLENS_PATHS } from '../../src/api/paths.js';
import { numberBlock } from '../../src/server/budgets.js';
import { canonicalEmail } from '../../src/server/canonical.js';
import { clientBlockKey, clientLimitKey } from '../../src/server/client-address.js';
import { createVlensProxy } from '../../src/server/proxy.js';
import {
  jsonAnswer,
  post,
  provePhone,
  ROOMY_LIMITS,
  spawnCli,
  startProxy,
  startRefusingUpstream,
  startStack,
  startUpstream,
  TEST_API_KEY,
  type RecordedRequest,
} from '../helpers/proxy-fixture.js';
import { spawnRedis } from '../helpers/redis-server.js';
import { until } from '../helpers/until.js';

const SEND = VLENS_PATHS.verifyPhone;
const REQUEST_ID = 'b0a1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';
const from = (ip: string) => ({ 'X-Forwarded-For': ip });

let upstream: Awaited<ReturnType<typeof startUpstream>>;
before(async () => {
  upstream = await startUpstream(
    jsonAnswer({ data: { phoneNumberOtpRequestId: REQUEST_ID, exists: false, accessToken: 't' }, error_code: null }),
  );
});
after(() => upstream.close());

describe('1. SMS pumping through a number range', () => {
  /** +201005500000 … +201005500059, each from one of three /64s of one IPv6 /48. */
  const range = Array.from({ length: 60 }, (_, i) => ({
    phone: `+2010055000${String(i).padStart(2, '0')}`,
    ip: `2001:db8:77:${['a', 'b', 'c'][i % 3]}::${i + 1}`,
  }));

  const pump = async (url: string, targets: typeof range) => {
    const statuses: number[] = [];
    for (const { phone, ip } of targets)
      statuses.push((await post(url, SEND, { phoneNumber: phone }, from(ip))).status);
    return statuses;
  };

  test('as it was (no number-block or /48 budget): all 60 sends of the range are accepted', async () => {
    const proxy = await startProxy({
      upstream: upstream.url,
      trustProxy: 1,
      limits: { ...ROOMY_LIMITS, sendIp: { points: 20, durationSec: 3600 } },
    });
    try {
      assert.deepEqual(await pump(proxy.url, range), new Array(60).fill(200));
    } finally {
      await proxy.close();
    }
  });

  test('now: the range stops at the number-block budget (default 10 an hour), with one log line', async () => {
    const warnings: string[] = [];
    const { sendBlock, sendIpBlock, sendIp, sendCountry } = (await import('../../src/server/limits.js')).DEFAULT_LIMITS;
    const proxy = await startProxy({
      upstream: upstream.url,
      trustProxy: 1,
      limits: { ...ROOMY_LIMITS, sendBlock, sendIpBlock, sendIp, sendCountry },
      warn: (line) => warnings.push(line),
    });
    try {
      upstream.requests.length = 0;
      const statuses = await pump(proxy.url, range);
      assert.deepEqual(statuses.slice(0, 10), new Array(10).fill(200));
      assert.deepEqual(statuses.slice(10), new Array(50).fill(429));
      assert.equal(upstream.requests.length, 10, 'ten codes left the proxy');
      const refused = await post(proxy.url, SEND, { phoneNumber: '+201005500077' }, from('198.51.100.1'));
      assert.equal(refused.json.error_descriptions.field, 'phoneNumber');
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      assert.equal(warnings.length, 1, warnings.join('\n'));
      assert.match(warnings[0], /number block budget \(limits\.sendBlock: 10 codes per 3600 s\) of \+201005500xxx/);
      assert.equal(
        (await post(proxy.url, SEND, { phoneNumber: '+201005501000' }, from('198.51.100.1'))).status,
        200,
        'the next block has its own budget',
      );
    } finally {
      await proxy.close();
    }
  });

  test('now: sends spread over many blocks from one /48 stop at the /48 budget (default 40 an hour)', async () => {
    const warnings: string[] = [];
    const { sendIpBlock } = (await import('../../src/server/limits.js')).DEFAULT_LIMITS;
    const proxy = await startProxy({
      upstream: upstream.url,
      trustProxy: 1,
      limits: { ...ROOMY_LIMITS, sendIpBlock },
      warn: (line) => warnings.push(line),
    });
    try {
      // One number per block, so only the address budgets apply.
      const spread = range.map(({ ip }, i) => ({ phone: `+2010055${String(i).padStart(2, '0')}000`, ip }));
      const statuses = await pump(proxy.url, spread);
      assert.deepEqual(statuses.slice(0, 40), new Array(40).fill(200));
      assert.deepEqual(statuses.slice(40), new Array(20).fill(429));
      assert.equal(warnings.length, 1, warnings.join('\n'));
      assert.match(warnings[0], /IPv6 \/48 budget .* of 2001:db8:77::\/48/);
      assert.equal(
        (await post(proxy.url, SEND, { phoneNumber: '+201005599000' }, from('2001:db8:78:a::1'))).status,
        200,
        'another /48 has its own budget',
      );
    } finally {
      await proxy.close();
    }
  });

  test('the country budget: sends to one country per hour, with one log line', async () => {
    const warnings: string[] = [];
    const proxy = await startProxy({
      upstream: upstream.url,
      limits: { ...ROOMY_LIMITS, sendCountry: { points: 3, durationSec: 3600 } },
      warn: (line) => warnings.push(line),
      allowedCountries: ['EG', 'SA'],
    });
    try {
      for (let i = 0; i < 3; i++)
        assert.equal((await post(proxy.url, SEND, { phoneNumber: `+2010${i}1234567` })).status, 200);
      assert.equal((await post(proxy.url, SEND, { phoneNumber: '+201051234567' })).status, 429);
      assert.equal((await post(proxy.url, SEND, { phoneNumber: '+966501234567' })).status, 200, 'another country');
      assert.equal(warnings.length, 1);
      assert.match(warnings[0], /country budget \(limits\.sendCountry: 3 codes per 3600 s\) of EG/);
    } finally {
      await proxy.close();
    }
  });

  test('number blocks drop the last 3 digits; address blocks: IPv6 /64 and /48, IPv4 none', () => {
    assert.equal(numberBlock('+201005500059'), '+201005500xxx');
    assert.equal(clientBlockKey('2001:db8:77:a::1'), '2001:db8:77::/48');
    assert.equal(clientBlockKey('2001:db8:77:ffff:1:2:3:4'), clientBlockKey('2001:db8:77::9'));
    assert.notEqual(clientBlockKey('2001:db8:77::1'), clientBlockKey('2001:db8:78::1'));
    assert.equal(clientBlockKey('203.0.113.9'), undefined);
    assert.equal(clientBlockKey('::ffff:203.0.113.9'), undefined);
  });
});

describe('2. X-Forwarded-For and trusted hops', () => {
  test('hex IPv4-mapped addresses key as the IPv4 address they carry', () => {
    assert.equal(clientLimitKey('::ffff:7f00:1'), '127.0.0.1');
    assert.equal(clientLimitKey('::FFFF:cb00:7109'), '203.0.113.9');
    assert.equal(clientLimitKey('::ffff:203.0.113.9'), '203.0.113.9');
    assert.notEqual(clientLimitKey('::ffff:7f00:1'), clientLimitKey('::ffff:7f00:2'));
    assert.equal(clientLimitKey('garbage-30264'), 'garbage-30264');
  });

  const oneSendPerClient = { ...ROOMY_LIMITS, sendIp: { points: 1, durationSec: 3600 } };

  test('from an untrusted peer, forged entries change nothing (trustedProxies names the load balancer only)', async () => {
    const proxy = await startProxy({
      upstream: upstream.url,
      trustedProxies: ['10.0.0.0/8'],
      limits: oneSendPerClient,
    });
    try {
      assert.equal((await post(proxy.url, SEND, { phoneNumber: '+201001111111' }, from('203.0.113.1'))).status, 200);
      for (const forged of ['203.0.113.2', '198.51.100.7, 10.0.0.1', 'garbage-30264', '::ffff:cb00:7103']) {
        assert.equal(
          (await post(proxy.url, SEND, { phoneNumber: '+201001111112' }, from(forged))).status,
          429,
          `${forged}: the socket's address, not the header`,
        );
      }
      assert.ok(proxy.logs.every((entry) => entry.ip === '127.0.0.1'));
    } finally {
      await proxy.close();
    }
  });

  test('from a trusted peer: the right-most entry that is not trusted; non-IP entries are skipped, never a client', async () => {
    const proxy = await startProxy({
      upstream: upstream.url,
      trustedProxies: ['127.0.0.1', '10.0.0.0/8', '2001:db8:ffff::/48'],
      limits: oneSendPerClient,
    });
    try {
      const send = async (xff: string, phone: string) =>
        (await post(proxy.url, SEND, { phoneNumber: phone }, from(xff))).status;
      assert.equal(await send('198.51.100.9, 203.0.113.5, 10.1.2.3', '+201002222221'), 200);
      assert.equal(proxy.logs.at(-1)!.ip, '203.0.113.5', 'the left-most entry is the client’s claim, not trusted');
      assert.equal(await send('203.0.113.5, 2001:db8:ffff::7', '+201002222222'), 429, 'same client behind a CDN hop');
      // As it was, each non-IP value was a fresh client: now it is skipped and the address left of it counts.
      assert.equal(await send('203.0.113.5, garbage-30264', '+201002222223'), 429);
      assert.equal(await send('203.0.113.5, garbage-30265, unknown', '+201002222224'), 429);
      assert.equal(await send('garbage-30266', '+201002222225'), 200, 'no address at all: the peer is the client');
      assert.equal(proxy.logs.at(-1)!.ip, '127.0.0.1');
      assert.equal(await send('garbage-30267', '+201002222226'), 429);
      // As it was, every hex-mapped address shared one bucket; now each is its IPv4 address.
      assert.equal(await send('::ffff:cb00:7101', '+201002222227'), 200);
      assert.equal(await send('::ffff:cb00:7102', '+201002222228'), 200);
      assert.equal(await send('203.0.113.2', '+201002222229'), 429, '::ffff:cb00:7102 is 203.0.113.2');
    } finally {
      await proxy.close();
    }
  });

  test('a hop count trusts that many hops in front; without a socket address the missing peer is one of them', async () => {
    const seen: string[] = [];
    const proxy = createVlensProxy({
      apiKey: TEST_API_KEY,
      upstream: upstream.url,
      trustProxy: 2,
      limits: ROOMY_LIMITS,
      log: (entry) => seen.push(entry.ip!),
    });
    const request = (xff?: string) =>
      new Request('http://shop.example/api/vlens/CheckExistenceOfEmailOrPhone', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(xff ? { 'x-forwarded-for': xff } : {}) },
        body: JSON.stringify({ phoneNumber: '+201001234567' }),
      });
    try {
      await proxy(request('198.51.100.1, 203.0.113.9, 10.0.0.2'), { clientIp: '10.0.0.1' });
      await proxy(request('198.51.100.1, 203.0.113.9, 10.0.0.2'));
      await proxy(request('198.51.100.1, 203.0.113.9'));
      // With or without the peer's address, two hops in front are trusted: the same client.
      assert.deepEqual(seen, ['203.0.113.9', '203.0.113.9', '198.51.100.1']);
    } finally {
      await proxy.close();
    }
  });

  test('no client address and no trust setting: one shared budget, and one warning that says so', async () => {
    const warnings: string[] = [];
    const proxy = createVlensProxy({
      apiKey: TEST_API_KEY,
      upstream: upstream.url,
      limits: ROOMY_LIMITS,
      log: () => {},
      warn: (line) => warnings.push(line),
    });
    try {
      for (let i = 0; i < 2; i++) {
        await proxy(
          new Request('http://shop.example/api/vlens/healthz', { headers: { 'x-forwarded-for': '203.0.113.9' } }),
        );
      }
      assert.equal(warnings.length, 1);
      assert.match(warnings[0], /without a client address/);
    } finally {
      await proxy.close();
    }
  });

  test('a trustedProxies entry that is neither an address nor a CIDR throws at creation', () => {
    assert.throws(
      () => createVlensProxy({ apiKey: TEST_API_KEY, trustedProxies: ['10.0.0.0/8', 'lb.internal'] }),
      /trustedProxies entry "lb.internal" is not an address or CIDR/,
    );
  });
});

/** A phone flow through the proxy against the stand-in: send, then validate the real code. */
async function verifiedPhone(stack: Awaited<ReturnType<typeof startStack>>, phone: string) {
  const sent = await post(stack.url, SEND, { phoneNumber: phone });
  const requestId = sent.json.data.phoneNumberOtpRequestId as string;
  const checked = await post(stack.url, SEND, {
    phoneNumber: phone,
    phoneNumberOtpRequestId: requestId,
    phoneNumberOtp: stack.standIn.control.lastCode(phone)!,
  });
  assert.equal(checked.status, 200, checked.text);
  return { phoneNumber: phone, phoneNumberOtpRequestId: requestId };
}

describe('3. one flow, one proof', () => {
  test('a victim’s verified email is no proof for an attacker’s Register (403); the victim registers (200)', async () => {
    const stack = await startStack();
    try {
      const { control } = stack.standIn;
      const victim = await verifiedPhone(stack, '+201001234567');
      const email = 'victim@example.com';
      const sent = await post(stack.url, VLENS_PATHS.verifyEmail, { email, ...victim });
      const checked = await post(stack.url, VLENS_PATHS.verifyEmail, {
        email,
        emailOtpRequestId: sent.json.data.emailOtpRequestId,
        emailOtp: control.lastCode(email),
        ...victim,
      });
      assert.equal(checked.status, 200, checked.text);
      assert.equal(
        (control.lastRequest(VLENS_PATHS.verifyEmail) as Record<string, unknown>).phoneNumberOtpRequestId,
        undefined,
        'the flow is stripped before forwarding',
      );

      const attacker = await verifiedPhone(stack, '+201112345678');
      const hijack = await post(stack.url, VLENS_PATHS.register, {
        ...attacker,
        email: 'VICTIM@example.com',
        password: 'Attacker-pass-1',
      });
      assert.equal(hijack.status, 403, hijack.text);
      assert.equal(hijack.json.error_descriptions.field, 'email');
      assert.equal(control.calls()[VLENS_PATHS.register], undefined, 'the hijack never reached Vlens');

      const own = await post(stack.url, VLENS_PATHS.register, { ...victim, email, password: 'Victim-pass-1' });
      assert.equal(own.status, 200, own.text);
      assert.ok(own.json.data.accessToken);
    } finally {
      await stack.close();
    }
  });

  test('an OAuth verification counts only for the phone flow it was made in', async () => {
    const stack = await startStack();
    try {
      const { control, issuers } = stack.standIn;
      control.configure({ emailRequired: true });
      const victim = await verifiedPhone(stack, '+201001234567');
      const google = await post(stack.url, VLENS_PATHS.verifyOAuthForRegister, {
        provider: 'Google',
        IdToken: await issuers.google.signIdToken({ email: 'omar@example.com' }),
        ...victim,
      });
      const oauthId = google.json.data.oAuthTokenVerificationRequestId as string;
      const attacker = await verifiedPhone(stack, '+201112345678');
      const hijack = await post(stack.url, VLENS_PATHS.register, {
        ...attacker,
        oAuthTokenVerificationRequestId: oauthId,
      });
      assert.equal(hijack.status, 403);
      assert.equal(hijack.json.error_descriptions.field, 'oAuthTokenVerificationRequestId');
      const own = await post(stack.url, VLENS_PATHS.register, { ...victim, oAuthTokenVerificationRequestId: oauthId });
      assert.equal(own.status, 200, own.text);
    } finally {
      await stack.close();
    }
  });

  test('an older widget (no phone flow on its email code check or OAuth call) gets a clear 400; its code is not spent', async () => {
    const stack = await startStack();
    try {
      const { control, issuers } = stack.standIn;
      const email = 'nour@example.com';
      const sent = await post(stack.url, VLENS_PATHS.verifyEmail, { email });
      assert.equal(sent.status, 200, 'an email send without the flow still works');
      const check = { email, emailOtpRequestId: sent.json.data.emailOtpRequestId, emailOtp: control.lastCode(email) };
      const old = await post(stack.url, VLENS_PATHS.verifyEmail, check);
      assert.equal(old.status, 400);
      assert.equal(old.json.error_descriptions.field, 'phoneNumberOtpRequestId');
      assert.match(old.json.error_message, /update vlens-register/);
      const oauth = await post(stack.url, VLENS_PATHS.verifyOAuthForRegister, {
        provider: 'Google',
        IdToken: await issuers.google.signIdToken({ email }),
      });
      assert.equal(oauth.status, 400);
      assert.equal(control.calls()[VLENS_PATHS.verifyOAuthForRegister], undefined);
      const flow = await verifiedPhone(stack, '+201001234567');
      assert.equal((await post(stack.url, VLENS_PATHS.verifyEmail, { ...check, ...flow })).status, 200, 'code intact');
    } finally {
      await stack.close();
    }
  });
});

/** An upstream that answers Register by `register` (counting calls) and everything else with success. */
async function registerUpstream(register: (n: number) => { status: number; body: unknown }) {
  let registers = 0;
  const server = await startUpstream((req: RecordedRequest, res) => {
    const isRegister = req.url.endsWith('/Register');
    const { status, body } = isRegister
      ? register(++registers)
      : { status: 200, body: { data: { isEmailConfirmationRequired: false }, error_code: null } };
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  return Object.assign(server, { registers: () => registers });
}

const REGISTERED = { status: 200, body: { data: { accessToken: 'token' }, error_code: null } };

describe('4. one proof, one Register', () => {
  test('20 parallel Registers with one proof: forwarded once (one proxy)', async () => {
    const vlens = await registerUpstream(() => REGISTERED);
    const proxy = await startProxy({ upstream: vlens.url });
    try {
      await provePhone(proxy.url, '+201001234567', REQUEST_ID);
      const body = { phoneNumber: '+201001234567', phoneNumberOtpRequestId: REQUEST_ID };
      const answers = await Promise.all(Array.from({ length: 20 }, () => post(proxy.url, VLENS_PATHS.register, body)));
      assert.equal(answers.filter((a) => a.status === 200).length, 1);
      assert.equal(answers.filter((a) => a.status === 403).length, 19);
      assert.equal(vlens.registers(), 1);
    } finally {
      await proxy.close();
      await vlens.close();
    }
  });

  test('20 parallel Registers with one proof across two proxies sharing Redis: forwarded once', async () => {
    const redis = await spawnRedis();
    const vlens = await registerUpstream(() => REGISTERED);
    const a = await startProxy({ upstream: vlens.url, redis: redis.url });
    const b = await startProxy({ upstream: vlens.url, redis: redis.url });
    try {
      await provePhone(a.url, '+201001234567', REQUEST_ID);
      const body = { phoneNumber: '+201001234567', phoneNumberOtpRequestId: REQUEST_ID };
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => post((i % 2 ? a : b).url, VLENS_PATHS.register, body)),
      );
      assert.deepEqual(
        answers.map((x) => x.status).sort(),
        [200, ...new Array(19).fill(403)].sort(),
        answers.map((x) => x.text).join('\n'),
      );
      assert.equal(vlens.registers(), 1);
    } finally {
      await a.close();
      await b.close();
      await vlens.close();
      await redis.kill();
    }
  });

  test('the proof returns when the upstream refuses what the person can fix; it is spent when the upstream says it is gone', async () => {
    const answers = [
      { status: 400, body: { data: null, error_code: 1001, error_message: 'The request is invalid.' } },
      { status: 409, body: { data: null, error_code: 3003, error_message: 'Already exists.' } },
      REGISTERED,
    ];
    const vlens = await registerUpstream((n) => answers[n - 1] ?? REGISTERED);
    const proxy = await startProxy({ upstream: vlens.url });
    try {
      await provePhone(proxy.url, '+201001234567', REQUEST_ID);
      const body = { phoneNumber: '+201001234567', phoneNumberOtpRequestId: REQUEST_ID };
      assert.equal((await post(proxy.url, VLENS_PATHS.register, body)).status, 400);
      assert.equal((await post(proxy.url, VLENS_PATHS.register, body)).status, 409);
      assert.equal((await post(proxy.url, VLENS_PATHS.register, body)).status, 200, 'the proof came back each time');
      assert.equal((await post(proxy.url, VLENS_PATHS.register, body)).status, 403, 'spent by the success');
    } finally {
      await proxy.close();
      await vlens.close();
    }
    const gone = await registerUpstream(() => ({
      status: 404,
      body: { data: null, error_code: 2004, error_message: 'The verification request is unknown.' },
    }));
    const proxy2 = await startProxy({ upstream: gone.url });
    try {
      await provePhone(proxy2.url, '+201001234567', REQUEST_ID);
      const body = { phoneNumber: '+201001234567', phoneNumberOtpRequestId: REQUEST_ID };
      assert.equal((await post(proxy2.url, VLENS_PATHS.register, body)).status, 404);
      assert.equal((await post(proxy2.url, VLENS_PATHS.register, body)).status, 403, 'gone upstream: spent here too');
      assert.equal(gone.registers(), 1);
    } finally {
      await proxy2.close();
      await gone.close();
    }
  });
});

// 5. CAPTCHA verdicts (hostname, action, CheckExistence): see captcha.test.ts, beside the fake provider's setup.

describe('6. one inbox, one budget', () => {
  test('iCloud’s @icloud.com, @me.com and @mac.com share one budget (as it was, one each); Proton and Yandex fold too', async () => {
    const proxy = await startProxy({
      upstream: upstream.url,
      limits: { ...ROOMY_LIMITS, sendShort: { points: 3, durationSec: 600 } },
    });
    try {
      const sendTo = async (email: string) => (await post(proxy.url, VLENS_PATHS.verifyEmail, { email })).status;
      assert.equal(await sendTo('victim@icloud.com'), 200);
      assert.equal(await sendTo('victim@me.com'), 200);
      assert.equal(await sendTo('victim@mac.com'), 200);
      assert.equal(await sendTo('Victim+4@ICLOUD.com'), 429);
      for (const email of ['jo.doe@proton.me', 'jodoe@pm.me', 'jo_doe+x@protonmail.com'])
        assert.equal(await sendTo(email), 200);
      assert.equal(await sendTo('jo-doe@protonmail.ch'), 429);
    } finally {
      await proxy.close();
    }
    assert.equal(canonicalEmail('a.b@ya.ru'), canonicalEmail('a.b@yandex.com'));
    assert.equal(canonicalEmail('x+shop@hotmail.com'), 'x@hotmail.com');
    assert.notEqual(
      canonicalEmail('a.b@yandex.ru'),
      canonicalEmail('ab@yandex.ru'),
      'no rule where none is documented',
    );
  });
});

describe('7. tries left that match the upstream', () => {
  test('code_checks_left is 0 once the upstream burnt the code, and the proxy forwards no further check', async () => {
    const stack = await startStack({ limits: { ...ROOMY_LIMITS, codeChecks: { points: 5, durationSec: 86_400 } } });
    try {
      const { control } = stack.standIn;
      control.configure({ maxTries: 2 });
      const sent = await post(stack.url, SEND, { phoneNumber: '+201001234567' });
      const code = control.lastCode('+201001234567')!;
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      const check = () =>
        post(stack.url, SEND, {
          phoneNumber: '+201001234567',
          phoneNumberOtpRequestId: sent.json.data.phoneNumberOtpRequestId,
          phoneNumberOtp: wrong,
        });
      assert.equal((await check()).json.code_checks_left, 4);
      assert.equal((await check()).json.code_checks_left, 3);
      const burnt = await check();
      assert.equal(burnt.json.error_code, 2003, 'the stand-in’s "too many tries"');
      assert.equal(burnt.json.code_checks_left, 0, 'as it was, 2');
      const calls = control.calls()[SEND];
      assert.equal((await check()).status, 429, 'the proxy itself refuses the next try');
      assert.equal(control.calls()[SEND], calls);
    } finally {
      await stack.close();
    }
  });

  test('a Register with a code and no proof gets 403 and spends no check', async () => {
    const refusing = await startRefusingUpstream();
    const proxy = await startProxy({
      upstream: refusing.url,
      limits: { ...ROOMY_LIMITS, codeChecks: { points: 3, durationSec: 600 } },
    });
    try {
      const body = { phoneNumber: '+201001234567', phoneNumberOtpRequestId: REQUEST_ID, phoneNumberOtp: '000000' };
      for (let i = 0; i < 3; i++) assert.equal((await post(proxy.url, VLENS_PATHS.register, body)).status, 403);
      assert.equal((await post(proxy.url, SEND, body)).json.code_checks_left, 2, 'no check was spent');
      assert.equal(refusing.requests.length, 1);
    } finally {
      await proxy.close();
      await refusing.close();
    }
  });
});

describe('8. a Redis stall after the upstream accepted a code', () => {
  test('the person gets the success; Register during the stall gets 503, after it 200: a registration, not a dead end', async () => {
    const redis = await spawnRedis();
    const sleeper = new Redis(redis.url);
    const probe = new Redis(redis.url, { maxRetriesPerRequest: 0 });
    const stack = await startStack({ redis: redis.url, storeTimeoutMs: 1500 });
    try {
      const { control } = stack.standIn;
      const phone = '+201001234567';
      const sent = await post(stack.url, SEND, { phoneNumber: phone });
      const requestId = sent.json.data.phoneNumberOtpRequestId as string;
      control.fault({ kind: 'hold' }, { path: SEND, times: 1 });
      const checking = post(stack.url, SEND, {
        phoneNumber: phone,
        phoneNumberOtpRequestId: requestId,
        phoneNumberOtp: control.lastCode(phone)!,
      });
      await until(() => control.held() === 1, 'the code check reached the stand-in');
      // Redis stalls while the upstream accepts the code.
      const slept = sleeper.call('DEBUG', 'SLEEP', '6');
      await until(() => sleeper.commandQueue.length === 1, 'DEBUG SLEEP sent');
      const stalled = await Promise.race([probe.ping(), new Promise((r) => setTimeout(r, 300, 'stalled'))]);
      assert.equal(stalled, 'stalled', 'Redis does not answer');

      control.release();
      const started = performance.now();
      const checked = await checking;
      assert.equal(checked.status, 200, `the person sees the upstream's success (as it was, 503): ${checked.text}`);
      assert.ok(performance.now() - started < 3000, 'one store deadline after the upstream call, not two');

      const during = await post(stack.url, VLENS_PATHS.register, {
        phoneNumber: phone,
        phoneNumberOtpRequestId: requestId,
      });
      assert.equal(during.status, 503, during.text);

      // A CheckExistence during the stall spends two budgets: it waits one store deadline, not one per budget.
      const t0 = performance.now();
      assert.equal((await post(stack.url, VLENS_PATHS.checkExistence, { phoneNumber: '+201112345678' })).status, 200);
      assert.ok(performance.now() - t0 < 3000, `${Math.round(performance.now() - t0)} ms`);

      await slept;
      // Redis is back: the proof (kept in memory, written in the background) is there for Register. A retry only
      // while the store still answers 503, bounded; never a 403 or the upstream's "unknown request".
      const statuses: number[] = [];
      for (let tries = 0; tries < 50 && statuses.at(-1) !== 200; tries++) {
        if (tries) await sleep(100);
        const body = { phoneNumber: phone, phoneNumberOtpRequestId: requestId, password: 'Person-pass-1' };
        statuses.push((await post(stack.url, VLENS_PATHS.register, body)).status);
      }
      assert.equal(statuses.at(-1), 200, statuses.join(' '));
      assert.ok(
        statuses.every((s) => s === 503 || s === 200),
        statuses.join(' '),
      );
      assert.equal(control.calls()[VLENS_PATHS.register], 1, 'registered once');
    } finally {
      sleeper.disconnect();
      probe.disconnect();
      await stack.close();
      await redis.kill();
    }
  });
});

describe('production defaults', () => {
  test('npm start with NODE_ENV=production and no CAPTCHA warns in one line', async () => {
    const { child, output } = spawnCli({
      NODE_ENV: 'production',
      VLENS_API_KEY: 'a-tenant-key',
      VLENS_API_URL: 'http://127.0.0.1:9',
      REDIS_URL: undefined,
      CAPTCHA_PROVIDER: undefined,
    });
    try {
      await until(
        () => output.stdout.includes('Press Ctrl-C') || child.exitCode !== null,
        'the server started',
        30_000,
      );
      const lines = output.stderr.split('\n').filter((line) => line.includes('CAPTCHA'));
      assert.equal(lines.length, 1, output.stderr);
      assert.match(lines[0], /NODE_ENV is production and no CAPTCHA is configured/);
    } finally {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
  });
});
