import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_VLENS_PATHS, VLENS_PATHS } from '../../src/api/paths.js';
import { createVlensProxy } from '../../src/server/proxy.js';
import {
  EMAIL,
  jsonAnswer,
  PHONE,
  post,
  provePhone,
  startProxy,
  startStack,
  startUpstream,
  TEST_API_KEY,
} from '../helpers/proxy-fixture.js';

const REQUEST_ID = '3f2a8c1e-5b7d-4e9f-a1c2-0d3e4f5a6b7c';

describe('createVlensProxy', () => {
  test('refuses to be created without an api key', () => {
    assert.throws(() => createVlensProxy({ apiKey: '' }), /apiKey/);
  });
});

describe('forwarding', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  before(async () => {
    upstream = await startUpstream(jsonAnswer({ data: { exists: false }, error_code: null }));
    proxy = await startProxy({ upstream: upstream.url });
  });
  after(async () => {
    await proxy.close();
    await upstream.close();
  });

  test('forwards every served path to /api/DigitalIdentity/<path> with the tenant ApiKey only', async () => {
    // The phone flow an email or OAuth verification belongs to: the proxy keys its proof on it and strips it.
    const flow = { phoneNumber: PHONE, phoneNumberOtpRequestId: REQUEST_ID };
    const bodies: Record<string, unknown> = {
      [VLENS_PATHS.checkExistence]: { phoneNumber: PHONE },
      [VLENS_PATHS.verifyPhone]: { phoneNumber: PHONE },
      [VLENS_PATHS.verifyEmail]: { email: EMAIL, ...flow },
      [VLENS_PATHS.verifyOAuthForRegister]: { provider: 'Google', IdToken: 'x.y.z', ...flow },
      [VLENS_PATHS.verifyOAuth]: { provider: 'Microsoft', IdToken: 'x.y.z', ...flow },
      [VLENS_PATHS.register]: { phoneNumber: PHONE, phoneNumberOtpRequestId: REQUEST_ID },
      [VLENS_PATHS.registerStepCreate]: { phoneNumber: PHONE, phoneNumberOtpRequestId: REQUEST_ID },
    };
    for (const path of ALL_VLENS_PATHS) {
      // Register needs a phone validation this proxy saw (each successful Register spends it).
      if (path === VLENS_PATHS.register || path === VLENS_PATHS.registerStepCreate)
        await provePhone(proxy.url, PHONE, REQUEST_ID);
      upstream.requests.length = 0;
      const res = await post(proxy.url, path, bodies[path], {
        ApiKey: 'browser-key',
        Authorization: 'Bearer browser-token',
        Cookie: 'session=1',
        'X-Custom': 'nope',
        Accept: 'application/json',
      });
      assert.equal(res.status, 200, path);
      assert.equal(upstream.requests.length, 1, path);
      const sent = upstream.requests[0];
      assert.equal(sent.method, 'POST');
      assert.equal(sent.url, `/api/DigitalIdentity/${path}`);
      assert.equal(sent.headers.apikey, TEST_API_KEY);
      assert.equal(sent.headers.authorization, undefined);
      assert.equal(sent.headers.cookie, undefined);
      assert.equal(sent.headers['x-custom'], undefined);
      assert.match(String(sent.headers['content-type']), /^application\/json/);
      // The email and OAuth calls' phone flow stays with the proxy.
      const expected = { ...(bodies[path] as Record<string, unknown>) };
      if (path === VLENS_PATHS.verifyEmail || path.includes('OAuth')) {
        delete expected.phoneNumber;
        delete expected.phoneNumberOtpRequestId;
      }
      assert.deepEqual(JSON.parse(sent.body), expected, path);
    }
  });

  test('drops unknown request keys before forwarding', async () => {
    upstream.requests.length = 0;
    await post(proxy.url, VLENS_PATHS.checkExistence, { phoneNumber: PHONE, isAdmin: true, __proto__x: 1 });
    assert.deepEqual(JSON.parse(upstream.requests[0].body), { phoneNumber: PHONE });
  });

  test('refuses an invalid body with a 400 envelope naming the field, without calling upstream', async () => {
    upstream.requests.length = 0;
    const cases: [string, unknown, string][] = [
      [VLENS_PATHS.verifyPhone, { phoneNumber: '01001234567' }, 'phoneNumber'],
      [VLENS_PATHS.verifyEmail, { email: 'not-an-email' }, 'email'],
      [VLENS_PATHS.verifyPhone, { phoneNumber: PHONE, phoneNumberOtpRequestId: REQUEST_ID }, 'phoneNumberOtp'],
      [VLENS_PATHS.register, { phoneNumber: PHONE, password: 'short' }, 'password'],
    ];
    for (const [path, body, field] of cases) {
      const res = await post(proxy.url, path, body);
      assert.equal(res.status, 400, `${path} ${field}`);
      assert.equal(res.json.error_code, 400);
      assert.equal(res.json.data, null);
      assert.equal(typeof res.json.error_message, 'string');
      assert.deepEqual(res.json.error_descriptions, { source: 'proxy', field });
    }
    const notJson = await post(proxy.url, VLENS_PATHS.verifyPhone, '{"phoneNumber":');
    assert.equal(notJson.status, 400);
    assert.equal(notJson.json.error_descriptions.source, 'proxy');
    assert.equal(upstream.requests.length, 0);
  });

  test('answers 404 for other paths and 405 for other methods, as envelopes', async () => {
    const outside = await fetch(`${proxy.url}/api/DigitalIdentity/Register`, { method: 'POST' });
    assert.equal(outside.status, 404);
    const unknown = await post(proxy.url, 'Admin/DeleteUser', {});
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.json, {
      data: null,
      error_code: 404,
      error_message: 'Not found',
      error_descriptions: { source: 'proxy' },
    });
    const traversal = await post(proxy.url, 'Register/../Register', { phoneNumber: PHONE });
    assert.notEqual(traversal.status, 500);
    const get = await fetch(`${proxy.url}/api/vlens/Register`);
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST');
    assert.equal(((await get.json()) as { error_code: number }).error_code, 405);
  });

  test('GET healthz answers without calling upstream', async () => {
    upstream.requests.length = 0;
    const res = await fetch(`${proxy.url}/api/vlens/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
    assert.equal(upstream.requests.length, 0);
  });

  test('honours a custom mount path', async () => {
    const custom = await startProxy({ upstream: upstream.url, mountPath: '/vlens/' });
    try {
      const res = await fetch(`${custom.url}/vlens/CheckExistenceOfEmailOrPhone`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: EMAIL }),
      });
      assert.equal(res.status, 200);
      assert.equal((await post(custom.url, VLENS_PATHS.checkExistence, { email: EMAIL })).status, 404);
    } finally {
      await custom.close();
    }
  });
});

describe('responses', () => {
  test('pass documented fields only, at any depth: OTP fields and undocumented keys are dropped', async () => {
    const upstream = await startUpstream(
      jsonAnswer(
        {
          data: {
            phoneNumberOtp: '918273',
            phoneNumberOtpRequestId: REQUEST_ID,
            emailOtpRequestId: REQUEST_ID,
            user: { emailOtp: '746352', smsOtp: '564738', phoneNumber: PHONE },
            list: [{ futureOtp: '192837', keep: 1 }],
          },
          error_code: 0,
          error_message: null,
          error_descriptions: { emailOtp: '283746', note: 'kept' },
        },
        201,
      ),
    );
    const proxy = await startProxy({ upstream: upstream.url });
    try {
      const res = await post(proxy.url, VLENS_PATHS.verifyPhone, { phoneNumber: PHONE });
      assert.equal(res.status, 201);
      assert.deepEqual(res.json, {
        data: {
          phoneNumberOtpRequestId: REQUEST_ID,
          emailOtpRequestId: REQUEST_ID,
          user: { phoneNumber: PHONE },
        },
        error_code: 0,
        error_message: null,
      });
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.doesNotMatch(res.text, /918273|746352|564738|192837|283746/);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  test('strip the code the stand-in leaks on a send, and pass its error status through', async () => {
    const stack = await startStack();
    try {
      const sent = await post(stack.url, VLENS_PATHS.verifyPhone, { phoneNumber: PHONE });
      assert.equal(sent.status, 200);
      const code = stack.standIn.control.lastCode(PHONE)!;
      assert.match(code, /^\d{6}$/);
      assert.ok(!('phoneNumberOtp' in sent.json.data));
      assert.ok(!sent.text.includes(code));
      assert.match(sent.json.data.phoneNumberOtpRequestId, /^[0-9a-f-]{36}$/i);

      const wrong = await post(stack.url, VLENS_PATHS.verifyPhone, {
        phoneNumber: PHONE,
        phoneNumberOtpRequestId: sent.json.data.phoneNumberOtpRequestId,
        phoneNumberOtp: code === '000000' ? '111111' : '000000',
      });
      assert.ok(wrong.status >= 400 && wrong.status < 500, String(wrong.status));
      assert.ok(wrong.json.error_code, 'Vlens error_code is kept');
      assert.notEqual(wrong.json.error_descriptions?.source, 'proxy');
    } finally {
      await stack.close();
    }
  });
});

describe('SMS-pumping defence', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  before(async () => {
    upstream = await startUpstream(jsonAnswer({ data: { phoneNumberOtpRequestId: REQUEST_ID }, error_code: null }));
  });
  after(() => upstream.close());

  test('sends only to allowed countries (default Egypt), before any upstream call', async () => {
    const proxy = await startProxy({ upstream: upstream.url });
    try {
      upstream.requests.length = 0;
      const us = await post(proxy.url, VLENS_PATHS.verifyPhone, { phoneNumber: '+12015550123' });
      assert.equal(us.status, 400);
      assert.deepEqual(us.json.error_descriptions, { source: 'proxy', field: 'phoneNumber' });
      const saudi = await post(proxy.url, VLENS_PATHS.verifyPhone, { phoneNumber: '+966501234567' });
      assert.equal(saudi.status, 400);
      assert.equal(upstream.requests.length, 0);
      assert.equal((await post(proxy.url, VLENS_PATHS.verifyPhone, { phoneNumber: PHONE })).status, 200);
    } finally {
      await proxy.close();
    }
    const wider = await startProxy({ upstream: upstream.url, allowedCountries: ['EG', 'SA'] });
    try {
      assert.equal((await post(wider.url, VLENS_PATHS.verifyPhone, { phoneNumber: '+966501234567' })).status, 200);
    } finally {
      await wider.close();
    }
  });

  test('asks verifyHuman before every send, and only then', async () => {
    const asked: string[] = [];
    let verdict = false;
    const proxy = await startProxy({
      upstream: upstream.url,
      verifyHuman: async (request) => {
        asked.push(`${request.headers.get('x-captcha')}:${((await request.json()) as { captcha: string }).captcha}`);
        return verdict;
      },
    });
    try {
      upstream.requests.length = 0;
      const refused = await post(
        proxy.url,
        VLENS_PATHS.verifyPhone,
        { phoneNumber: PHONE, captcha: 'c1' },
        { 'X-Captcha': 'h1' },
      );
      assert.equal(refused.status, 403);
      assert.equal(refused.json.error_descriptions.source, 'proxy');
      assert.equal(upstream.requests.length, 0);
      verdict = true;
      assert.equal(
        (await post(proxy.url, VLENS_PATHS.verifyEmail, { email: EMAIL, captcha: 'c2' }, { 'X-Captcha': 'h2' })).status,
        200,
      );
      assert.deepEqual(JSON.parse(upstream.requests[0].body), { email: EMAIL });
      await post(proxy.url, VLENS_PATHS.checkExistence, { phoneNumber: PHONE });
      await post(proxy.url, VLENS_PATHS.verifyPhone, {
        phoneNumber: PHONE,
        phoneNumberOtpRequestId: REQUEST_ID,
        phoneNumberOtp: '123456',
      });
      assert.deepEqual(asked, ['h1:c1', 'h2:c2']);
      const broken = await startProxy({
        upstream: upstream.url,
        verifyHuman: async () => Promise.reject(new Error('captcha down')),
      });
      try {
        const res = await post(broken.url, VLENS_PATHS.verifyPhone, { phoneNumber: PHONE });
        assert.equal(res.status, 503);
        assert.equal(res.json.error_descriptions.source, 'proxy');
      } finally {
        await broken.close();
      }
    } finally {
      await proxy.close();
    }
  });
});

describe('CORS', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  before(async () => {
    upstream = await startUpstream(jsonAnswer({ data: { exists: true }, error_code: null }));
  });
  after(() => upstream.close());

  const preflight = (url: string, origin: string) =>
    fetch(`${url}/api/vlens/Register/StepVerifyPhone`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });

  test('same-origin only by default: no CORS headers, preflights refused', async () => {
    const proxy = await startProxy({ upstream: upstream.url });
    try {
      const res = await post(
        proxy.url,
        VLENS_PATHS.checkExistence,
        { email: EMAIL },
        { Origin: 'https://evil.example' },
      );
      assert.equal(res.headers.get('access-control-allow-origin'), null);
      const pre = await preflight(proxy.url, 'https://evil.example');
      assert.equal(pre.status, 403);
      assert.equal(pre.headers.get('access-control-allow-origin'), null);
    } finally {
      await proxy.close();
    }
  });

  test('allowed origins get CORS headers and preflights; credentials only when configured', async () => {
    const origin = 'https://shop.example';
    const plain = await startProxy({ upstream: upstream.url, allowedOrigins: [origin] });
    const withCredentials = await startProxy({
      upstream: upstream.url,
      allowedOrigins: [origin],
      allowCredentials: true,
    });
    try {
      const res = await post(plain.url, VLENS_PATHS.checkExistence, { email: EMAIL }, { Origin: origin });
      assert.equal(res.headers.get('access-control-allow-origin'), origin);
      assert.equal(res.headers.get('access-control-expose-headers'), 'Retry-After');
      assert.equal(res.headers.get('access-control-allow-credentials'), null);
      assert.match(res.headers.get('vary') ?? '', /Origin/);

      const pre = await preflight(plain.url, origin);
      assert.equal(pre.status, 204);
      assert.equal(pre.headers.get('access-control-allow-origin'), origin);
      assert.equal(pre.headers.get('access-control-allow-methods'), 'POST');
      assert.match(pre.headers.get('access-control-allow-headers') ?? '', /Content-Type/i);
      assert.equal(pre.headers.get('access-control-allow-credentials'), null);

      const other = await preflight(plain.url, 'https://shop.example.evil.example');
      assert.equal(other.status, 403);
      assert.equal(other.headers.get('access-control-allow-origin'), null);

      const cred = await preflight(withCredentials.url, origin);
      assert.equal(cred.headers.get('access-control-allow-credentials'), 'true');
      const refusal = await post(withCredentials.url, 'Nope', {}, { Origin: origin });
      assert.equal(refusal.status, 404);
      assert.equal(
        refusal.headers.get('access-control-allow-origin'),
        origin,
        'refusals are readable by allowed origins',
      );
    } finally {
      await plain.close();
      await withCredentials.close();
    }
  });
});

describe('log', () => {
  test('one entry per request, with no key, code, password, token or full phone number', async () => {
    const stack = await startStack();
    const password = 'Sup3r-secret-pass';
    try {
      const send = await post(
        stack.url,
        VLENS_PATHS.verifyPhone,
        { phoneNumber: PHONE },
        { ApiKey: 'browser-sent-key' },
      );
      const code = stack.standIn.control.lastCode(PHONE)!;
      const requestId = send.json.data.phoneNumberOtpRequestId;
      await post(stack.url, VLENS_PATHS.verifyPhone, {
        phoneNumber: PHONE,
        phoneNumberOtpRequestId: requestId,
        phoneNumberOtp: code,
      });
      const registered = await post(stack.url, VLENS_PATHS.register, {
        phoneNumber: PHONE,
        phoneNumberOtpRequestId: requestId,
        phoneNumberOtp: code,
        password,
      });
      assert.equal(registered.status, 200, registered.text);
      const token = registered.json.data.accessToken as string;
      assert.ok(token);
      assert.equal(registered.headers.get('cache-control'), 'no-store');
      await fetch(`${stack.url}/api/vlens/Secret/${code}?token=${token}`);

      assert.equal(stack.logs.length, 4);
      const text = stack.logs.map((e) => JSON.stringify(e)).join('\n');
      for (const secret of [
        TEST_API_KEY,
        'browser-sent-key',
        code,
        requestId,
        password,
        token,
        PHONE,
        PHONE.slice(1),
      ]) {
        assert.ok(!text.includes(secret), `log leaks ${secret}`);
      }
      const first = stack.logs[0];
      assert.deepEqual(Object.keys(first).sort(), ['ip', 'method', 'path', 'phone', 'status', 'time', 'upstreamMs']);
      assert.equal(first.path, '/api/vlens/Register/StepVerifyPhone');
      assert.equal(first.status, 200);
      assert.equal(first.phone, '+20******4567');
      assert.equal(typeof first.upstreamMs, 'number');
      assert.ok(!Number.isNaN(Date.parse(first.time)));
      assert.equal(stack.logs[3].path, '(other)');
      assert.equal(stack.logs[3].status, 404);
    } finally {
      await stack.close();
    }
  });

  test('by default writes one JSON line per request to stdout', async () => {
    const upstream = await startUpstream(jsonAnswer({ data: { exists: false } }));
    const proxy = createVlensProxy({ apiKey: TEST_API_KEY, upstream: upstream.url });
    const lines: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = (chunk: string) => (lines.push(String(chunk)), true);
    try {
      const res = await proxy(
        new Request('http://localhost/api/vlens/CheckExistenceOfEmailOrPhone', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: EMAIL }),
        }),
        { clientIp: '10.0.0.7' },
      );
      assert.equal(res.status, 200);
      // Lines go out together after the turn they were logged in: the write is queued before this.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.stdout.write = write;
      await proxy.close();
      await upstream.close();
    }
    // The test runner reports on stdout too: keep the lines that are log entries.
    const entries = lines.filter((line) => line.startsWith('{"time"'));
    assert.equal(entries.length, 1);
    assert.ok(entries[0].endsWith('\n') && !entries[0].slice(0, -1).includes('\n'));
    const entry = JSON.parse(entries[0]);
    assert.equal(entry.ip, '10.0.0.7');
    assert.equal(entry.status, 200);
    assert.equal(entry.method, 'POST');
  });
});
