/**
 * Built-in CAPTCHA on the proxy: each provider's token is checked with its
 * verify API (here the stand-in's fake, over real HTTP) before any send.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CAPTCHA_TOKEN_HEADER, VLENS_PATHS } from '../../src/api/paths.js';
import type { CaptchaProvider } from '../../src/api/schemas.js';
import {
  createFakeCaptcha,
  FAKE_CAPTCHA_SECRET,
  FAKE_CAPTCHA_SITE_KEY,
  fakeCaptchaVerifyUrl,
} from '../../src/mock/captcha.js';
import { mountedNodeListener } from '../../src/mock/node-mount.js';
import { jsonAnswer, PHONE, post, startProxy, startUpstream, TEST_API_KEY } from '../helpers/proxy-fixture.js';
import { freeLoopbackPort } from '../helpers/redis-server.js';

const SEND = VLENS_PATHS.verifyPhone;
const fake = createFakeCaptcha();
let fakeServer: Server;
let fakeOrigin: string;
let upstream: Awaited<ReturnType<typeof startUpstream>>;

/** A token as the fake provider script makes it on a page at `hostname` (the proxy's own host, 127.0.0.1). */
const tokenFor = (provider: CaptchaProvider, action = 'vlens_send', hostname = '127.0.0.1') =>
  `fake-${provider}.${action}.${Math.random().toString(36).slice(2)}@${hostname}`;

before(async () => {
  const listener = mountedNodeListener(fake.handler);
  fakeServer = createServer((req, res) => void listener(req, res));
  await new Promise<void>((resolve) => fakeServer.listen(0, '127.0.0.1', resolve));
  fakeOrigin = `http://127.0.0.1:${(fakeServer.address() as AddressInfo).port}`;
  upstream = await startUpstream(
    jsonAnswer({ data: { phoneNumberOtpRequestId: 'b0a1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d' }, error_code: null }),
  );
});
after(async () => {
  await upstream.close();
  await new Promise((resolve) => fakeServer.close(resolve));
});

/** A proxy with the fake `provider`: `extra` goes into the proxy's options, `captchaExtra` into its `captcha`. */
const withCaptcha = (provider: CaptchaProvider, extra: object = {}, captchaExtra: object = {}) =>
  startProxy({
    upstream: upstream.url,
    captcha: {
      provider,
      siteKey: FAKE_CAPTCHA_SITE_KEY,
      secret: FAKE_CAPTCHA_SECRET,
      verifyUrl: fakeCaptchaVerifyUrl(fakeOrigin, provider),
      ...captchaExtra,
    },
    ...extra,
  });

for (const provider of ['turnstile', 'hcaptcha', 'recaptcha'] as const) {
  describe(`${provider}`, () => {
    test('a send needs a token the provider accepts, checked before any upstream call; each token once', async () => {
      fake.control.reset();
      const proxy = await withCaptcha(provider);
      try {
        upstream.requests.length = 0;
        const none = await post(proxy.url, SEND, { phoneNumber: PHONE });
        assert.equal(none.status, 403);
        assert.deepEqual(none.json.error_descriptions, { source: 'proxy', field: 'captcha' });
        const token = tokenFor(provider);
        const sent = await post(proxy.url, SEND, { phoneNumber: PHONE }, { [CAPTCHA_TOKEN_HEADER]: token });
        assert.equal(sent.status, 200, sent.text);
        assert.equal(upstream.requests.length, 1);
        assert.equal(
          upstream.requests[0].headers[CAPTCHA_TOKEN_HEADER.toLowerCase()],
          undefined,
          'the token is not forwarded to Vlens',
        );
        assert.deepEqual(fake.control.checks().at(-1), { provider, token, remoteIp: '127.0.0.1', success: true });
        assert.equal(
          (await post(proxy.url, SEND, { phoneNumber: PHONE }, { [CAPTCHA_TOKEN_HEADER]: token })).status,
          403,
          'replayed',
        );
        assert.equal(
          (await post(proxy.url, SEND, { phoneNumber: PHONE }, { [CAPTCHA_TOKEN_HEADER]: 'forged' })).status,
          403,
        );
        assert.equal(upstream.requests.length, 1);
        const check = await post(proxy.url, SEND, {
          phoneNumber: PHONE,
          phoneNumberOtpRequestId: 'b0a1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d',
          phoneNumberOtp: '123456',
        });
        assert.equal(check.status, 200, 'a code check needs no token');
      } finally {
        await proxy.close();
      }
    });

    test('a refused token gets the 403 envelope; GET config names the provider and site key, never the secret', async () => {
      fake.control.reset();
      fake.control.setVerdict('refuse');
      const proxy = await withCaptcha(provider);
      try {
        upstream.requests.length = 0;
        const res = await post(
          proxy.url,
          VLENS_PATHS.verifyEmail,
          { email: 'a@example.com' },
          { [CAPTCHA_TOKEN_HEADER]: tokenFor(provider) },
        );
        assert.equal(res.status, 403);
        assert.deepEqual(res.json, {
          data: null,
          error_code: 403,
          error_message: 'Human verification failed',
          error_descriptions: { source: 'proxy', field: 'captcha' },
        });
        assert.equal(upstream.requests.length, 0);
        const config = await (await fetch(`${proxy.url}/api/vlens/config`)).text();
        assert.deepEqual(JSON.parse(config).captcha, { provider, siteKey: FAKE_CAPTCHA_SITE_KEY });
        assert.ok(!config.includes(FAKE_CAPTCHA_SECRET) && !config.includes(TEST_API_KEY));
      } finally {
        fake.control.reset();
        await proxy.close();
      }
    });
  });
}

test('reCAPTCHA v3: a low score or another action is refused', async () => {
  fake.control.reset();
  const proxy = await withCaptcha('recaptcha');
  try {
    assert.equal(
      (await post(proxy.url, SEND, { phoneNumber: PHONE }, { [CAPTCHA_TOKEN_HEADER]: tokenFor('recaptcha', 'login') }))
        .status,
      403,
    );
    fake.control.setVerdict('low-score');
    assert.equal(
      (await post(proxy.url, SEND, { phoneNumber: PHONE }, { [CAPTCHA_TOKEN_HEADER]: tokenFor('recaptcha') })).status,
      403,
    );
  } finally {
    fake.control.reset();
    await proxy.close();
  }
});

test('a verify API that is down or never answers: 503 within verifyHumanTimeoutMs, nothing sent', async () => {
  const port = await freeLoopbackPort();
  const down = await startProxy({
    upstream: upstream.url,
    captcha: { provider: 'turnstile', siteKey: 'k', secret: 's', verifyUrl: `http://127.0.0.1:${port}/siteverify` },
  });
  const hanging = createServer(() => {});
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  const slow = await startProxy({
    upstream: upstream.url,
    verifyHumanTimeoutMs: 300,
    captcha: {
      provider: 'hcaptcha',
      siteKey: 'k',
      secret: 's',
      verifyUrl: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/siteverify`,
    },
  });
  try {
    upstream.requests.length = 0;
    const refused = await post(down.url, SEND, { phoneNumber: PHONE }, { [CAPTCHA_TOKEN_HEADER]: 'x' });
    assert.equal(refused.status, 503);
    assert.equal(refused.json.error_descriptions.field, 'captcha');
    const started = performance.now();
    assert.equal((await post(slow.url, SEND, { phoneNumber: PHONE }, { [CAPTCHA_TOKEN_HEADER]: 'x' })).status, 503);
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 290 && elapsed < 3000, `${Math.round(elapsed)} ms`);
    assert.equal(upstream.requests.length, 0);
  } finally {
    await down.close();
    await slow.close();
    hanging.closeAllConnections();
    await new Promise((resolve) => hanging.close(resolve));
  }
});

test('preflights allow the token header for allowed origins', async () => {
  const proxy = await withCaptcha('turnstile', { allowedOrigins: ['https://shop.example'] });
  try {
    const res = await fetch(`${proxy.url}/api/vlens/${SEND}`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://shop.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, vlens-captcha-token',
      },
    });
    assert.equal(res.status, 204);
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /Vlens-Captcha-Token/);
  } finally {
    await proxy.close();
  }
});

test('the fake serves each provider script as JavaScript and refuses production', async () => {
  for (const provider of ['turnstile', 'hcaptcha', 'recaptcha']) {
    const res = await fetch(`${fakeOrigin}/fake-captcha/${provider}/api.js`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.match(
      await res.text(),
      provider === 'recaptcha' ? /window\.grecaptcha =/ : new RegExp(`window\\.${provider} =`),
    );
  }
  assert.equal((await fetch(`${fakeOrigin}/fake-captcha/other/api.js`)).status, 404);
  const saved = process.env.NODE_ENV;
  process.env.NODE_ENV = 'Production';
  try {
    assert.throws(() => createFakeCaptcha(), /refuses to run with NODE_ENV=production/);
  } finally {
    if (saved === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = saved;
  }
});

describe('verdicts checked beyond success (issue 21)', () => {
  const send = (url: string, captchaToken: string) =>
    post(url, SEND, { phoneNumber: PHONE }, { [CAPTCHA_TOKEN_HEADER]: captchaToken });

  test('a token solved on another site (siteverify’s hostname) gets 403; the request’s own host passes', async () => {
    const proxy = await withCaptcha('turnstile');
    try {
      assert.equal((await send(proxy.url, tokenFor('turnstile', 'vlens_send', 'evil.example'))).status, 403);
      assert.equal((await send(proxy.url, tokenFor('turnstile', 'vlens_send', '127.0.0.1'))).status, 200);
    } finally {
      await proxy.close();
    }
  });

  test('expectedHostnames defaults to the hosts of allowedOrigins, and can be set', async () => {
    const byOrigins = await withCaptcha('hcaptcha', { allowedOrigins: ['https://shop.example'] });
    const explicit = await withCaptcha('hcaptcha', {}, { expectedHostnames: ['Checkout.Example'] });
    try {
      assert.equal((await send(byOrigins.url, tokenFor('hcaptcha', '', '127.0.0.1'))).status, 403);
      assert.equal((await send(byOrigins.url, tokenFor('hcaptcha', '', 'shop.example'))).status, 200);
      assert.equal((await send(explicit.url, tokenFor('hcaptcha', '', 'shop.example'))).status, 403);
      assert.equal((await send(explicit.url, tokenFor('hcaptcha', '', 'checkout.example'))).status, 200);
    } finally {
      await byOrigins.close();
      await explicit.close();
    }
  });

  test('reCAPTCHA: no or an empty action gets 403 (as it was, accepted); Turnstile: another action gets 403', async () => {
    const recaptcha = await withCaptcha('recaptcha');
    const turnstile = await withCaptcha('turnstile');
    try {
      assert.equal((await send(recaptcha.url, tokenFor('recaptcha', '', '127.0.0.1'))).status, 403);
      assert.equal((await send(recaptcha.url, tokenFor('recaptcha', 'login', '127.0.0.1'))).status, 403);
      assert.equal((await send(recaptcha.url, tokenFor('recaptcha', 'vlens_send', '127.0.0.1'))).status, 200);
      assert.equal((await send(turnstile.url, tokenFor('turnstile', 'login', '127.0.0.1'))).status, 403);
      assert.equal(
        (await send(turnstile.url, tokenFor('turnstile', '', '127.0.0.1'))).status,
        200,
        'the widget set none',
      );
    } finally {
      await recaptcha.close();
      await turnstile.close();
    }
  });

  test('CheckExistenceOfEmailOrPhone needs a token too, unless existenceCheck is false', async () => {
    const guarded = await withCaptcha('turnstile');
    const open = await withCaptcha('turnstile', {}, { existenceCheck: false });
    try {
      const check = (url: string, headers: Record<string, string> = {}) =>
        post(url, VLENS_PATHS.checkExistence, { phoneNumber: PHONE }, headers);
      const refused = await check(guarded.url);
      assert.equal(refused.status, 403);
      assert.equal(refused.json.error_descriptions.field, 'captcha');
      const tokenHeader = { [CAPTCHA_TOKEN_HEADER]: tokenFor('turnstile', 'vlens_send', '127.0.0.1') };
      assert.equal((await check(guarded.url, tokenHeader)).status, 200);
      assert.equal((await check(open.url)).status, 200);
    } finally {
      await guarded.close();
      await open.close();
    }
  });
});
