/**
 * The proxy's metrics and traces with the OpenTelemetry SDK installed in this process: the counters a
 * registration and refusals leave, no personal data in any attribute, one span per proxied call with
 * the upstream call as its child (W3C traceparent sent upstream), refusals as span events.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { metrics, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { MeterProvider, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ALL_VLENS_PATHS, CAPTCHA_TOKEN_HEADER, VLENS_PATHS } from '../../src/api/paths.js';
import {
  createFakeCaptcha,
  FAKE_CAPTCHA_SECRET,
  FAKE_CAPTCHA_SITE_KEY,
  fakeCaptchaVerifyUrl,
} from '../../src/mock/captcha.js';
import { mountedNodeListener } from '../../src/mock/node-mount.js';
import type { VlensLimits } from '../../src/server/limits.js';
import type { VlensProxyOptions } from '../../src/server/proxy.js';
import {
  CHANNELS,
  DEFENCES,
  INSTRUMENTS,
  OUTCOMES,
  OWN_PATHS,
  STORE_FAILURES,
  STORE_OPERATIONS,
  UNKNOWN_COUNTRY,
} from '../../src/server/metrics.js';
import { funnelOf } from '../../src/server/metrics-export.js';
import {
  EMAIL,
  jsonAnswer,
  post,
  provePhone,
  ROOMY_LIMITS,
  startProxy,
  startStack,
  startUpstream,
} from '../helpers/proxy-fixture.js';
import { freeLoopbackPort } from '../helpers/redis-server.js';
import { registration, sendCode } from '../helpers/registration.js';
import { until } from '../helpers/until.js';

/** A reader the test collects from when it wants. */
class TestReader extends MetricReader {
  protected async onShutdown() {}
  protected async onForceFlush() {}
}

const reader = new TestReader();
const spans = new InMemorySpanExporter();
before(() => {
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: spans })] }));
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
});

interface Point {
  name: string;
  attributes: Record<string, unknown>;
  value: number;
}

async function points(): Promise<Point[]> {
  const { resourceMetrics } = await reader.collect();
  return flatten(resourceMetrics);
}

function flatten(resourceMetrics: ResourceMetrics): Point[] {
  return resourceMetrics.scopeMetrics.flatMap((scope) =>
    scope.metrics.flatMap((metric) =>
      metric.dataPoints.map((p) => ({
        name: metric.descriptor.name,
        attributes: p.attributes,
        value: typeof p.value === 'number' ? p.value : (p.value as { count: number }).count,
      })),
    ),
  );
}

/** The sum of `name`'s points whose attributes include `match`. */
async function sum(name: string, match: Record<string, string>): Promise<number> {
  return (await points())
    .filter((p) => p.name === name && Object.entries(match).every(([k, v]) => p.attributes[k] === v))
    .reduce((n, p) => n + p.value, 0);
}

/** Every value each attribute may take: fixed sets, ISO countries, HTTP statuses. */
const ALLOWED: Record<string, (value: unknown) => boolean> = {
  path: (v) => [...ALL_VLENS_PATHS, ...OWN_PATHS].includes(v as never),
  outcome: (v) => Object.values(OUTCOMES).some((set) => (set as readonly unknown[]).includes(v)),
  status: (v) => /^[1-5]\d\d$|^(timeout|unreachable|busy)$/.test(String(v)),
  country: (v) => v === UNKNOWN_COUNTRY || /^[A-Z]{2}$/.test(String(v)),
  channel: (v) => (CHANNELS as readonly unknown[]).includes(v),
  defence: (v) => (DEFENCES as readonly unknown[]).includes(v),
  operation: (v) => (STORE_OPERATIONS as readonly unknown[]).includes(v),
  failure: (v) => (STORE_FAILURES as readonly unknown[]).includes(v),
};

describe('metrics (an SDK installed)', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  before(async () => {
    stack = await startStack({ allowedCountries: ['EG'] });
  });
  after(() => stack.close());
  beforeEach(() => spans.reset());

  test('a registration and refused sends: sends by country and defence, checks, registrations, the funnel', async () => {
    const phone = '+201001110001';
    await registration(stack.url, (to) => stack.standIn.control.lastCode(to), phone);
    const us = await post(stack.url, VLENS_PATHS.verifyPhone, { phoneNumber: '+12015550123' });
    assert.equal(us.status, 400);

    const sends = INSTRUMENTS.sends.name;
    assert.equal(await sum(sends, { country: 'EG', channel: 'sms', outcome: 'sent' }), 1);
    assert.equal(await sum(sends, { country: 'US', outcome: 'refused', defence: 'country' }), 1);
    assert.equal(await sum(INSTRUMENTS.checks.name, { country: 'EG', channel: 'sms', outcome: 'verified' }), 1);
    assert.equal(await sum(INSTRUMENTS.registrations.name, { country: 'EG', outcome: 'registered' }), 1);
    assert.equal(await sum(INSTRUMENTS.requests.name, { path: VLENS_PATHS.register, outcome: 'ok', status: '200' }), 1);
    assert.equal(await sum(INSTRUMENTS.upstreamDuration.name, { path: VLENS_PATHS.verifyPhone, status: '200' }), 2);
    assert.equal(await sum(INSTRUMENTS.sendBreaker.name, {}), 0);
    const { resourceMetrics } = await reader.collect();
    assert.deepEqual(
      funnelOf(resourceMetrics).find((row) => row.country === 'EG'),
      { country: 'EG', codeSent: 1, phoneVerified: 1, emailVerified: 0, registered: 1 },
    );
  });

  test('a wrong code is a rejected check, Register without proof a refusal by proof', async () => {
    const phone = '+201001110002';
    const requestId = await sendCode(stack.url, phone);
    const wrong = await post(stack.url, VLENS_PATHS.verifyPhone, {
      phoneNumber: phone,
      phoneNumberOtpRequestId: requestId,
      phoneNumberOtp: '000000',
    });
    assert.notEqual(wrong.status, 200);
    assert.ok((await sum(INSTRUMENTS.checks.name, { outcome: 'rejected', channel: 'sms' })) >= 1);
    const noProof = await post(stack.url, VLENS_PATHS.register, {
      phoneNumber: phone,
      phoneNumberOtpRequestId: requestId,
      password: 'Correct-horse-9',
    });
    assert.equal(noProof.status, 403);
    assert.equal(await sum(INSTRUMENTS.registrations.name, { outcome: 'refused', defence: 'proof' }), 1);
    const email = await post(stack.url, VLENS_PATHS.verifyEmail, { email: EMAIL });
    assert.equal(email.status, 200);
    assert.ok(
      (await sum(INSTRUMENTS.sends.name, { channel: 'email', outcome: 'sent', country: UNKNOWN_COUNTRY })) >= 1,
    );
  });

  test('an email send in a phone flow (as the widget sends it) counts under the flow’s country', async () => {
    const phone = '+201001110004';
    const requestId = await sendCode(stack.url, phone);
    const before = await sum(INSTRUMENTS.sends.name, { channel: 'email', outcome: 'sent', country: 'EG' });
    const email = await post(stack.url, VLENS_PATHS.verifyEmail, {
      email: 'flow@example.com',
      phoneNumber: phone,
      phoneNumberOtpRequestId: requestId,
    });
    assert.equal(email.status, 200, email.text);
    assert.equal(await sum(INSTRUMENTS.sends.name, { channel: 'email', outcome: 'sent', country: 'EG' }), before + 1);
  });

  test('no attribute value is a phone number, email, address or id: each is one of its documented values', async () => {
    const all = await points();
    assert.ok(all.length > 10);
    const seen = JSON.stringify(all.map((p) => p.attributes));
    for (const secret of ['2010011', 'example.com', '127.0.0.1', '@']) assert.ok(!seen.includes(secret), secret);
    assert.doesNotMatch(seen, /[0-9a-f]{8}-[0-9a-f]{4}-/i, 'no request id');
    for (const point of all) {
      for (const [key, value] of Object.entries(point.attributes)) {
        assert.ok(ALLOWED[key], `${point.name}: undocumented attribute ${key}`);
        assert.ok(ALLOWED[key](value), `${point.name}: ${key}=${String(value)} is not a documented value`);
      }
    }
  });

  test('a span per proxied call, the upstream call its child, traceparent sent upstream, the log line has the trace id', async () => {
    const upstream = await startUpstream(jsonAnswer({ data: { exists: false }, error_code: null }));
    const logs: { traceId?: string }[] = [];
    const proxy = await startProxy({ upstream: upstream.url, log: (e) => logs.push(e) });
    try {
      const parent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
      const res = await post(
        proxy.url,
        VLENS_PATHS.checkExistence,
        { phoneNumber: '+201001110003' },
        { traceparent: parent },
      );
      assert.equal(res.status, 200);
      await until(() => spans.getFinishedSpans().length >= 2, 'both spans end');
      const finished = spans.getFinishedSpans();
      const server = finished.find((s) => s.name === `vlens.proxy ${VLENS_PATHS.checkExistence}`)!;
      const client = finished.find((s) => s.name === `POST ${VLENS_PATHS.checkExistence}`)!;
      assert.ok(server && client, finished.map((s) => s.name).join(', '));
      assert.equal(server.spanContext().traceId, '0af7651916cd43dd8448eb211c80319c', 'continues the caller’s trace');
      assert.equal(client.parentSpanContext?.spanId, server.spanContext().spanId);
      const sent = upstream.requests[0].headers.traceparent as string;
      assert.equal(sent, `00-${client.spanContext().traceId}-${client.spanContext().spanId}-01`);
      assert.equal(logs[0].traceId, '0af7651916cd43dd8448eb211c80319c');
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  test('a refusal is an event on the call’s span, named by its defence', async () => {
    const res = await post(stack.url, VLENS_PATHS.verifyPhone, { phoneNumber: '+966501234567' });
    assert.equal(res.status, 400);
    await until(() => spans.getFinishedSpans().length >= 1, 'the span ends');
    const [span] = spans.getFinishedSpans();
    assert.deepEqual(
      span.events.map((e) => [e.name, e.attributes]),
      [['vlens.refusal', { defence: 'country', status: 400 }]],
    );
    assert.equal(spans.getFinishedSpans().length, 1, 'no upstream span: nothing went upstream');
  });
});

describe('the fraud guard’s refusals, each counted by its defence', () => {
  const REQUEST_ID = 'b0a1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';
  const ONE_AN_HOUR = { points: 1, durationSec: 3600 };
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  before(async () => {
    upstream = await startUpstream(
      jsonAnswer({ data: { phoneNumberOtpRequestId: REQUEST_ID, accessToken: 't' }, error_code: null }),
    );
  });
  after(() => upstream.close());

  /** The refused sends (or registrations) counted with `defence` while `act` runs. */
  async function refusedBy(defence: string, act: () => Promise<void>, name: string = INSTRUMENTS.sends.name) {
    const before = await sum(name, { outcome: 'refused', defence });
    await act();
    return (await sum(name, { outcome: 'refused', defence })) - before;
  }

  /** A proxy in front of `upstream` with `limits` over roomy ones, trusting one hop (X-Forwarded-For). */
  const guarded = (limits: Partial<VlensLimits>, extra: Partial<VlensProxyOptions> = {}) =>
    startProxy({ upstream: upstream.url, trustProxy: 1, limits: { ...ROOMY_LIMITS, ...limits }, ...extra });
  const sendFrom = (url: string, phoneNumber: string, ip: string, headers: Record<string, string> = {}) =>
    post(url, VLENS_PATHS.verifyPhone, { phoneNumber }, { 'X-Forwarded-For': ip, ...headers });

  test('the number block (block), the country budget (country) and the IPv6 /48 (address)', async () => {
    const block = await guarded({ sendBlock: ONE_AN_HOUR });
    const country = await guarded({ sendCountry: ONE_AN_HOUR });
    const site = await guarded({ sendIpBlock: ONE_AN_HOUR });
    try {
      const twice = async (url: string, second: string, ip: string) => {
        assert.equal((await sendFrom(url, '+201005500001', '2001:db8:77:a::1')).status, 200);
        assert.equal((await sendFrom(url, second, ip)).status, 429);
      };
      assert.equal(await refusedBy('block', () => twice(block.url, '+201005500002', '198.51.100.2')), 1);
      assert.equal(await refusedBy('country', () => twice(country.url, '+201007700001', '198.51.100.3')), 1);
      assert.equal(await refusedBy('address', () => twice(site.url, '+201007700001', '2001:db8:77:b::1')), 1);
      assert.equal(await sum(INSTRUMENTS.sends.name, { outcome: 'refused', defence: 'country', country: 'EG' }), 1);
    } finally {
      await Promise.all([block.close(), country.close(), site.close()]);
    }
  });

  test('a CAPTCHA token solved on another site or for another action (captcha)', async () => {
    const fake = createFakeCaptcha();
    const listener = mountedNodeListener(fake.handler);
    const server = createServer((req, res) => void listener(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const verifyUrl = fakeCaptchaVerifyUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'turnstile');
    const proxy = await guarded(
      {},
      { captcha: { provider: 'turnstile', siteKey: FAKE_CAPTCHA_SITE_KEY, secret: FAKE_CAPTCHA_SECRET, verifyUrl } },
    );
    try {
      const token = (action: string, hostname: string) => ({
        [CAPTCHA_TOKEN_HEADER]: `fake-turnstile.${action}.${Math.random().toString(36).slice(2)}@${hostname}`,
      });
      const refused = await refusedBy('captcha', async () => {
        const send = (headers: Record<string, string>) => sendFrom(proxy.url, '+201008800001', '198.51.100.4', headers);
        assert.equal((await send(token('vlens_send', 'evil.example'))).status, 403);
        assert.equal((await send(token('login', '127.0.0.1'))).status, 403);
        assert.equal((await send(token('vlens_send', '127.0.0.1'))).status, 200);
      });
      assert.equal(refused, 2);
    } finally {
      await proxy.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('a proof another Register already claimed (proof)', async () => {
    const proxy = await guarded({});
    try {
      await provePhone(proxy.url, '+201009900001', REQUEST_ID);
      const body = { phoneNumber: '+201009900001', phoneNumberOtpRequestId: REQUEST_ID };
      const refused = await refusedBy(
        'proof',
        async () => {
          const answers = await Promise.all([0, 1, 2].map(() => post(proxy.url, VLENS_PATHS.register, body)));
          assert.deepEqual(answers.map((a) => a.status).sort(), [200, 403, 403]);
        },
        INSTRUMENTS.registrations.name,
      );
      assert.equal(refused, 2);
    } finally {
      await proxy.close();
    }
  });
});

describe('bounded upstream', () => {
  test('past maxUpstreamCalls a call gets a 503 envelope with Retry-After, counted as a capacity refusal', async () => {
    const stack = await startStack({ maxUpstreamCalls: 2 });
    try {
      stack.standIn.control.fault({ kind: 'hold' }, { times: 2 });
      const held = [0, 1].map((i) => post(stack.url, VLENS_PATHS.checkExistence, { phoneNumber: `+20100111002${i}` }));
      await until(() => stack.standIn.control.held() === 2, 'two calls held upstream');
      const third = await post(stack.url, VLENS_PATHS.checkExistence, { phoneNumber: '+201001110029' });
      assert.equal(third.status, 503);
      assert.equal(third.headers.get('retry-after'), '1');
      assert.equal(third.json.error_message, 'The service is busy; try again shortly');
      assert.equal(await sum(INSTRUMENTS.upstreamActive.name, {}), 2);
      assert.ok((await sum(INSTRUMENTS.requests.name, { outcome: 'refused', status: '503' })) >= 1);
      stack.standIn.control.release();
      for (const res of await Promise.all(held)) assert.equal(res.status, 200);
      assert.equal(await sum(INSTRUMENTS.upstreamActive.name, {}), 0);
      assert.equal((await post(stack.url, VLENS_PATHS.checkExistence, { phoneNumber: '+201001110029' })).status, 200);
    } finally {
      await stack.close();
    }
  });
});

describe('store failures (Redis down)', () => {
  test('counted by operation, sends refused by the store, and no MaxListenersExceededWarning', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    const deadPort = await freeLoopbackPort();
    const stack = await startStack({ redis: `redis://127.0.0.1:${deadPort}`, storeTimeoutMs: 200 });
    try {
      const before = await sum(INSTRUMENTS.storeFailures.name, {});
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          post(stack.url, VLENS_PATHS.verifyPhone, { phoneNumber: `+2010011103${String(i).padStart(2, '0')}` }),
        ),
      );
      for (const res of answers) assert.equal(res.status, 503);
      assert.ok((await sum(INSTRUMENTS.storeFailures.name, {})) > before);
      assert.ok((await sum(INSTRUMENTS.sends.name, { outcome: 'refused', defence: 'store' })) >= 30);
      const ready = await fetch(`${stack.url}/api/vlens/readyz`);
      assert.equal(ready.status, 503);
      assert.equal(((await ready.json()) as { status: string }).status, 'unavailable');
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(
        warnings.filter((w) => w.name === 'MaxListenersExceededWarning').map((w) => w.message),
        [],
      );
    } finally {
      process.off('warning', onWarning);
      await stack.close();
    }
  });
});
