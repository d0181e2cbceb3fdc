/** `GET {mount}/config`: what the browser may know about the proxy, never a secret. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PROXY_CONFIG_PATH } from '../../src/api/paths.js';
import { ProxyConfig } from '../../src/api/schemas.js';
import { jsonAnswer, startProxy, startUpstream, TEST_API_KEY } from '../helpers/proxy-fixture.js';

let upstream: Awaited<ReturnType<typeof startUpstream>>;
before(async () => {
  upstream = await startUpstream(jsonAnswer({ data: { exists: false }, error_code: null }));
});
after(() => upstream.close());

test('answers the allowed countries, the resend interval and no CAPTCHA by default, without calling upstream', async () => {
  const proxy = await startProxy({ upstream: upstream.url });
  try {
    const res = await fetch(`${proxy.url}/api/vlens/${PROXY_CONFIG_PATH}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const body = await res.json();
    assert.deepEqual(body, { allowedCountries: ['EG'], resendAfterSec: 60, captcha: null });
    assert.ok(ProxyConfig.safeParse(body).success, 'matches the shared schema');
    assert.equal(upstream.requests.length, 0);
    assert.equal(proxy.logs.at(-1)!.path, '/api/vlens/config');
  } finally {
    await proxy.close();
  }
});

test('reflects the options; GET and HEAD only; the key never appears', async () => {
  const proxy = await startProxy({
    upstream: upstream.url,
    allowedCountries: ['EG', 'SA'],
    resendAfterSec: 90,
    mountPath: '/vlens',
  });
  try {
    const res = await fetch(`${proxy.url}/vlens/config`);
    const text = await res.text();
    assert.deepEqual(JSON.parse(text), { allowedCountries: ['EG', 'SA'], resendAfterSec: 90, captcha: null });
    assert.ok(!text.includes(TEST_API_KEY));
    const head = await fetch(`${proxy.url}/vlens/config`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    const posted = await fetch(`${proxy.url}/vlens/config`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(posted.status, 405);
    assert.equal(posted.headers.get('allow'), 'GET, HEAD');
    assert.equal(
      ((await posted.json()) as { error_descriptions: { source: string } }).error_descriptions.source,
      'proxy',
    );
  } finally {
    await proxy.close();
  }
});

test('the schema knows the three CAPTCHA providers and no other', () => {
  assert.equal(
    ProxyConfig.safeParse({
      allowedCountries: ['EG'],
      resendAfterSec: 60,
      captcha: { provider: 'other', siteKey: 'k' },
    }).success,
    false,
  );
  assert.equal(
    ProxyConfig.safeParse({
      allowedCountries: ['EG'],
      resendAfterSec: 60,
      captcha: { provider: 'turnstile', siteKey: 'k' },
    }).success,
    true,
  );
});
