/**
 * The framework adapters (`vlens-register/server/next`, `/server/h3`) against the stand-in: the
 * proxy is made at the first request (creating the handlers needs no key; a request without one is
 * answered with a 500 envelope, the reason logged once, and the next request with the key works);
 * the client address comes from `X-Forwarded-For` as `trustProxy` or `trustedProxies` say, or from
 * h3's socket, so clients keep their own per-IP budgets; with no address and no trust the proxy
 * warns once. Also the client address as a route handler (no socket address) reads it.
 */
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { createApp, createRouter, toNodeListener } from 'h3';
import { createVlensStandIn } from '../../src/mock/index.js';
import { startStandIn } from '../../src/mock/server.js';
import { createVlensRouteHandlers } from '../../src/server/next.js';
import { createVlensEventHandler } from '../../src/server/h3.js';
import { createClientAddress, type ClientAddressOptions } from '../../src/server/client-address.js';
import { createVlensProxy, type VlensProxyLogEntry, type VlensProxyOptions } from '../../src/server/proxy.js';
import { ROOMY_LIMITS, TEST_API_KEY } from '../helpers/proxy-fixture.js';

let upstream: { url: string; close(): Promise<void> };
before(async () => {
  upstream = await startStandIn(createVlensStandIn({ apiKey: TEST_API_KEY }));
});
after(() => upstream.close());

/** Options as a tenant's app reads them at the first request, with the log and warnings captured. */
function tenant(extra: Partial<VlensProxyOptions> = {}) {
  const logs: VlensProxyLogEntry[] = [];
  const warnings: string[] = [];
  const options = (): VlensProxyOptions => ({
    apiKey: TEST_API_KEY,
    upstream: upstream.url,
    limits: { ...ROOMY_LIMITS, existence: { points: 2, durationSec: 600 } },
    log: (entry) => logs.push(entry),
    warn: (message) => warnings.push(message),
    ...extra,
  });
  return { options, logs, warnings };
}

const existence = (headers: Record<string, string> = {}) =>
  new Request('http://shop.example/api/vlens/CheckExistenceOfEmailOrPhone', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ phoneNumber: '+201001234567' }),
  });

interface Envelope {
  data: unknown;
  error_descriptions?: { source?: string };
}

/** Silences console.error for one test and returns what it received. */
function consoleErrors(t: TestContext): string[] {
  const seen: string[] = [];
  t.mock.method(console, 'error', (...args: unknown[]) => seen.push(args.map(String).join(' ')));
  return seen;
}

describe('vlens-register/server/next', () => {
  test('no key at creation is fine; the first request answers a 500 envelope and logs why once; the key then works', async (t) => {
    const errors = consoleErrors(t);
    const env: { VLENS_API_KEY?: string } = {};
    const { options } = tenant();
    const { GET, POST, OPTIONS } = createVlensRouteHandlers(() => ({ ...options(), apiKey: env.VLENS_API_KEY! }));
    assert.equal(typeof OPTIONS, 'function');
    for (let i = 0; i < 2; i++) {
      const response = await POST(existence({ 'X-Forwarded-For': '203.0.113.1' }));
      assert.equal(response.status, 500);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.deepEqual(await response.json(), {
        data: null,
        error_code: 500,
        error_message: 'The registration service is not configured',
        error_descriptions: { source: 'proxy' },
      });
    }
    assert.equal(errors.length, 1, 'the reason is logged once');
    assert.match(errors[0], /vlens-register\/server\/next: the Vlens proxy could not be created.*apiKey is required/);
    env.VLENS_API_KEY = TEST_API_KEY;
    const config = await GET(new Request('http://shop.example/api/vlens/config'));
    assert.equal(config.status, 200);
    assert.deepEqual(((await config.json()) as { allowedCountries: string[] }).allowedCountries, ['EG']);
  });

  test('a proxy is made once for requests that arrive together', async () => {
    let made = 0;
    const { options } = tenant();
    const { GET } = createVlensRouteHandlers(async () => {
      made++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return options();
    });
    const answers = await Promise.all([1, 2, 3].map(() => GET(new Request('http://shop.example/api/vlens/healthz'))));
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 200],
    );
    assert.equal(made, 1);
  });

  test('trustProxy: 1 keys each client on its X-Forwarded-For entry: one client spent does not lock out another', async () => {
    const { options, logs, warnings } = tenant({ trustProxy: 1 });
    const { POST } = createVlensRouteHandlers(options);
    // What a proxy in front appends: the client-sent part first, then the address it saw.
    for (let i = 0; i < 2; i++)
      assert.equal((await POST(existence({ 'X-Forwarded-For': '198.51.100.7, 203.0.113.1' }))).status, 200);
    assert.equal((await POST(existence({ 'X-Forwarded-For': '198.51.100.7, 203.0.113.1' }))).status, 429);
    assert.equal((await POST(existence({ 'X-Forwarded-For': '198.51.100.7, 203.0.113.2' }))).status, 200);
    assert.deepEqual(
      logs.map((entry) => entry.ip),
      ['203.0.113.1', '203.0.113.1', '203.0.113.1', '203.0.113.2'],
    );
    assert.deepEqual(warnings, []);
  });

  test('trustedProxies: the right-most entry that is not a trusted proxy', async () => {
    const { options, logs } = tenant({ trustedProxies: ['10.0.0.0/8', '2001:db8::1'] });
    const { POST } = createVlensRouteHandlers(options);
    await POST(existence({ 'X-Forwarded-For': '198.51.100.7, 203.0.113.5, 10.1.2.3, 2001:db8::1' }));
    assert.equal(logs[0].ip, '203.0.113.5');
  });

  test('with neither trustProxy nor trustedProxies: one warning at the first request, every client "unknown"', async () => {
    const { options, logs, warnings } = tenant();
    const { POST } = createVlensRouteHandlers(options);
    await POST(existence({ 'X-Forwarded-For': '203.0.113.1' }));
    await POST(existence({ 'X-Forwarded-For': '203.0.113.2' }));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /without a client address and no trustProxy\/trustedProxies/);
    assert.doesNotMatch(warnings[0], /\n/, 'one line');
    assert.deepEqual(
      logs.map((entry) => entry.ip),
      ['unknown', 'unknown'],
    );
  });

  test('a trustedProxies entry that is not an address or range: a 500 envelope and the reason logged', async (t) => {
    const errors = consoleErrors(t);
    const { options } = tenant({ trustedProxies: ['10.0.0.0/33'] });
    const { POST } = createVlensRouteHandlers(options);
    assert.equal((await POST(existence())).status, 500);
    assert.match(errors[0], /trustedProxies entry "10\.0\.0\.0\/33" is not an address or CIDR/);
  });
});

describe('vlens-register/server/h3', () => {
  async function serve(handler: ReturnType<typeof createVlensEventHandler>) {
    const app = createApp();
    app.use(createRouter().use('/api/vlens/**', handler));
    const server = createServer(toNodeListener(app));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
      post: (headers: Record<string, string> = {}) =>
        fetch(`${base}/api/vlens/CheckExistenceOfEmailOrPhone`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...headers },
          body: JSON.stringify({ phoneNumber: '+201001234567' }),
        }),
      get: (path: string) => fetch(`${base}/api/vlens/${path}`),
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    };
  }

  test('the socket address is the client: no warning; the answers are the proxy’s', async () => {
    const { options, logs, warnings } = tenant();
    const server = await serve(createVlensEventHandler(options));
    try {
      const response = await server.post();
      assert.equal(response.status, 200);
      assert.notEqual(((await response.json()) as Envelope).data, null, 'the stand-in answered through the proxy');
      assert.equal((await server.get('config')).status, 200);
      assert.equal(logs[0].ip, '127.0.0.1');
      assert.deepEqual(warnings, []);
    } finally {
      await server.close();
    }
  });

  test('behind a proxy (trustProxy: 1) the X-Forwarded-For entry is the client', async () => {
    const { options, logs } = tenant({ trustProxy: 1 });
    const server = await serve(createVlensEventHandler(options));
    try {
      await server.post({ 'X-Forwarded-For': '203.0.113.9' });
      assert.equal(logs[0].ip, '203.0.113.9');
    } finally {
      await server.close();
    }
  });

  test('no key: a 500 envelope, the reason logged once', async (t) => {
    const errors = consoleErrors(t);
    const { options } = tenant();
    const server = await serve(createVlensEventHandler(() => ({ ...options(), apiKey: '' })));
    try {
      const response = await server.post();
      assert.equal(response.status, 500);
      assert.equal(((await response.json()) as Envelope).error_descriptions?.source, 'proxy');
      await server.post();
      assert.equal(errors.length, 1);
      assert.match(errors[0], /vlens-register\/server\/h3: .*apiKey is required/);
    } finally {
      await server.close();
    }
  });
});

describe('the client address as the adapters see it (client-address.ts)', () => {
  const headers = (xff: string | null) => new Headers(xff === null ? {} : { 'x-forwarded-for': xff });
  const reader = (options: Omit<ClientAddressOptions, 'warn'>) => {
    const warnings: string[] = [];
    const read = createClientAddress({ ...options, warn: (message) => warnings.push(message) });
    return { read: (xff: string | null, peer?: string) => read(headers(xff), peer), warnings };
  };

  test('hop counts read the header from the right; the left-most when it is shorter; non-IP entries skipped', () => {
    const { read } = reader({ trustProxy: 2 });
    assert.equal(read('1.1.1.1, 2.2.2.2, 3.3.3.3'), '2.2.2.2', 'no peer (a route handler): the missing peer is a hop');
    assert.equal(read('1.1.1.1, 2.2.2.2', '10.0.0.1'), '1.1.1.1', 'the peer is the first hop');
    assert.equal(read('unknown, 3.3.3.3'), '3.3.3.3');
    assert.equal(read('2.2.2.2, not-an-ip, 3.3.3.3'), '2.2.2.2');
    assert.equal(read(null, '10.0.0.1'), '10.0.0.1');
    const untrusting = reader({});
    assert.equal(untrusting.read('1.1.1.1', '10.0.0.1'), '10.0.0.1', 'nothing trusted: the header is not read');
    assert.equal(untrusting.warnings.length, 1, 'and a private peer sending it is named once');
  });

  test('trustedProxies: the header is read only when the peer is trusted', () => {
    const { read } = reader({ trustedProxies: ['10.0.0.0/8'] });
    assert.equal(read('203.0.113.1', '198.51.100.1'), '198.51.100.1', 'an untrusted peer is the client');
    assert.equal(read('203.0.113.1, 10.0.0.2', '10.0.0.1'), '203.0.113.1');
    assert.equal(read('203.0.113.1', '::ffff:10.0.0.1'), '203.0.113.1', 'a dual-stack socket’s IPv4-mapped peer');
    assert.equal(read('10.0.0.3, 10.0.0.2', '10.0.0.1'), '10.0.0.3', 'all trusted: the left-most');
    assert.equal(read('203.0.113.1, 10.0.0.2'), '203.0.113.1', 'no peer: the missing peer counts as trusted');
  });

  test('createVlensProxy refuses a trustedProxies entry that is not an address or range, at creation', () => {
    for (const entry of ['10.0.0.0/33', 'proxy.internal', '10.0.0.1/8/2'])
      assert.throws(
        () => createVlensProxy({ apiKey: TEST_API_KEY, trustedProxies: [entry] }),
        /trustedProxies entry ".*" is not an address or CIDR/,
      );
  });
});
