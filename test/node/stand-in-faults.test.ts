import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createVlensStandIn, StandInResetError } from '../../src/mock/index.js';
import { toNodeListener } from '../../src/mock/server.js';
import { runStandIn, TEST_API_KEY, type RunningStandIn } from '../helpers/stand-in.js';

const CHECK = 'CheckExistenceOfEmailOrPhone';
const SEND = 'Register/StepVerifyPhone';
const body = { phoneNumber: '+201001234567' };

describe('stand-in faults', () => {
  let t: RunningStandIn;
  before(async () => {
    t = await runStandIn();
  });
  after(() => t.close());
  beforeEach(() => t.standIn.control.reset());

  const raw = (path: string, init: RequestInit = {}) =>
    fetch(`${t.url}/api/DigitalIdentity/${path}`, {
      method: 'POST',
      headers: { ApiKey: TEST_API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      ...init,
    });

  it('delay waits, then answers normally', async () => {
    t.standIn.control.fault({ kind: 'delay', ms: 1000 }, { times: 1 });
    const started = performance.now();
    const res = await t.post(CHECK, body);
    const delayed = performance.now() - started;
    assert.ok(delayed >= 990, 'answered too early');
    assert.equal(res.status, 200);
    assert.equal(res.body.data.exists, false);
    const again = performance.now();
    await t.post(CHECK, body);
    // Relative to the delayed call, so a busy machine slowing both does not matter.
    const undelayed = performance.now() - again;
    assert.ok(
      undelayed < delayed - 500,
      `times: 1 should apply once (${Math.round(undelayed)} ms after ${Math.round(delayed)} ms)`,
    );
  });

  it('hold answers normally only once released, and holds again after', async () => {
    t.standIn.control.fault({ kind: 'hold' }, { path: CHECK, times: 2 });
    let answered = false;
    const held = t.post(CHECK, body).then((res) => ((answered = true), res));
    // The held call has reached the stand-in (counted as held) and is still unanswered.
    assert.equal(t.standIn.control.held(), 0);
    while (t.standIn.control.held() !== 1) await new Promise((resolve) => setImmediate(resolve));
    await t.post(SEND, body);
    assert.equal(answered, false, 'a call on another path is not held, and this one still is');
    assert.equal(t.standIn.control.held(), 1);
    t.standIn.control.release();
    const res = await held;
    assert.equal(res.status, 200);
    assert.equal(res.body.data.exists, false);
    assert.equal(t.standIn.control.held(), 0, 'a released call is no longer counted');

    let second = false;
    const again = t.post(CHECK, body).then(() => (second = true));
    while (t.standIn.control.calls()[CHECK] !== 2) await new Promise((resolve) => setImmediate(resolve));
    await t.post(SEND, body);
    assert.equal(second, false, 'a release lets go what is held, not the calls after it');
    assert.equal(t.standIn.control.held(), 1);
    t.standIn.control.reset();
    await again;
    assert.equal(t.standIn.control.held(), 0, 'a reset lets go what is held');
    await t.post(CHECK, body); // times: 2 used up (and reset cleared it): answered at once
  });

  it('status answers that HTTP status with an envelope', async () => {
    t.standIn.control.fault({ kind: 'status', status: 503 });
    const res = await t.post(SEND, body);
    assert.equal(res.status, 503);
    assert.equal(res.body.error_code, 503);
    assert.equal(res.body.data, null);
    assert.equal(typeof res.body.error_message, 'string');
    assert.equal(t.standIn.control.lastCode(body.phoneNumber), undefined, 'a faulted call sends no code');
  });

  it('non-json answers 200 with an HTML body', async () => {
    t.standIn.control.fault({ kind: 'non-json' });
    const res = await raw(SEND);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/html/);
    await assert.rejects(res.json());
  });

  it('reset drops the connection without an answer', async () => {
    t.standIn.control.fault({ kind: 'reset' }, { times: 1 });
    await assert.rejects(raw(SEND), TypeError);
    assert.equal((await raw(SEND)).status, 200, 'the next call is answered');
  });

  it('large answers a JSON envelope of exactly the given size', async () => {
    t.standIn.control.fault({ kind: 'large', bytes: 100 * 1024 });
    const res = await raw(CHECK);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-length'), String(100 * 1024));
    const text = await res.text();
    assert.equal(Buffer.byteLength(text), 100 * 1024);
    assert.equal(JSON.parse(text).error_code, null);
  });

  it('redirect answers 302 with a Location', async () => {
    t.standIn.control.fault({ kind: 'redirect', location: 'http://127.0.0.1:9/elsewhere' });
    const res = await raw(CHECK, { redirect: 'manual' });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), 'http://127.0.0.1:9/elsewhere');
  });

  it('scopes faults by path and times, and clears them', async () => {
    t.standIn.control.fault({ kind: 'status', status: 500 }, { path: SEND, times: 2 });
    assert.equal((await t.post(CHECK, body)).status, 200);
    assert.equal((await t.post(SEND, body)).status, 500);
    assert.equal((await t.post(SEND, body)).status, 500);
    assert.equal((await t.post(SEND, body)).status, 200);

    t.standIn.control.fault({ kind: 'status', status: 502 }, { path: `/api/DigitalIdentity/${CHECK}` });
    t.standIn.control.fault({ kind: 'status', status: 504 });
    assert.equal((await t.post(CHECK, body)).status, 502, 'a path-scoped fault wins');
    assert.equal((await t.post(SEND, body)).status, 504);
    t.standIn.control.fault(null, { path: CHECK });
    assert.equal((await t.post(CHECK, body)).status, 504);
    t.standIn.control.fault(null);
    assert.equal((await t.post(CHECK, body)).status, 200);
    assert.equal(t.standIn.control.calls()[CHECK], 4);
  });
});

describe('stand-in handle and node listener', () => {
  it('handle throws StandInResetError under a reset fault', async () => {
    const standIn = createVlensStandIn();
    standIn.control.fault({ kind: 'reset' });
    await assert.rejects(
      standIn.handle(
        new Request(`http://x.test/api/DigitalIdentity/${CHECK}`, {
          method: 'POST',
          headers: { ApiKey: 'k' },
          body: '{}',
        }),
      ),
      StandInResetError,
    );
  });

  it('toNodeListener serves the stand-in from any node:http server', async () => {
    const standIn = createVlensStandIn({ apiKey: 'mounted' });
    const listener = toNodeListener(standIn);
    const server = createServer((req, res) => void listener(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/api/DigitalIdentity/${SEND}`, {
        method: 'POST',
        headers: { ApiKey: 'mounted', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.equal(res.status, 200);
      assert.equal(
        ((await res.json()) as { data: { phoneNumberOtp: string } }).data.phoneNumberOtp,
        standIn.control.lastCode(body.phoneNumber),
      );
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
