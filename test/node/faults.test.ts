/**
 * Fault tests the proxy hardening tests (proxy-hardening.test.ts) and the
 * Redis limit tests (limits-redis.test.ts) leave out: an upstream that comes
 * back, 5xx pages that are not JSON, 10 MB bodies both ways, slow clients
 * against the Node adapter's timeouts, and Redis dying under traffic. Each
 * ends in a clear envelope and a proxy that serves the next request.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { VLENS_PATHS } from '../../src/api/paths.js';
import { createVlensStandIn } from '../../src/mock/index.js';
import { startStandIn } from '../../src/mock/server.js';
import {
  dribble,
  EMAIL,
  jsonAnswer,
  PHONE,
  post,
  startProxy,
  startStack,
  startUpstream,
  TEST_API_KEY,
} from '../helpers/proxy-fixture.js';
import { freeLoopbackPort, spawnRedis } from '../helpers/redis-server.js';

const SEND = VLENS_PATHS.verifyPhone;
const CHECK = VLENS_PATHS.checkExistence;
const TEN_MB = 10 * 1024 * 1024;

/** A proxy refusal: the status as error_code, a message, source proxy. */
function assertProxyEnvelope(res: { status: number; json: any }, status: number) {
  assert.equal(res.status, status);
  assert.equal(res.json?.data, null);
  assert.equal(res.json.error_code, status);
  assert.equal(typeof res.json.error_message, 'string');
  assert.equal(res.json.error_descriptions.source, 'proxy');
}

/** Parses the first HTTP/1.1 answer on a raw socket (status line and body). */
function parseAnswer(raw: string): { status: number; body: string } {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), body: rest.join('\r\n\r\n') };
}

/**
 * Writes `head`, then up to `bodyBytes` of body as fast as the server takes
 * them (respecting backpressure) until an answer arrives; resolves with the
 * answer and how many body bytes had been written by then.
 */
function pushBody(base: string, head: string, bodyBytes: number, chunked: boolean) {
  return new Promise<{ status: number; body: string; sentWhenAnswered: number }>((resolve, reject) => {
    const url = new URL(base);
    const socket = connect(Number(url.port), url.hostname);
    let sent = 0;
    let sentWhenAnswered = -1;
    let answer = '';
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const pump = () => {
      while (sentWhenAnswered < 0 && sent < bodyBytes && !socket.destroyed) {
        const piece = chunk.subarray(0, Math.min(chunk.length, bodyBytes - sent));
        sent += piece.length;
        const framed = chunked
          ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')])
          : piece;
        if (!socket.write(framed)) return void socket.once('drain', pump);
      }
    };
    socket.on('connect', () => {
      socket.write(head);
      pump();
    });
    socket.on('data', (data) => {
      if (sentWhenAnswered < 0) sentWhenAnswered = sent;
      answer += String(data);
      if (/\r\n\r\n/.test(answer) && answer.includes('}')) socket.destroy();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      if (!answer) return reject(new Error('no answer'));
      resolve({ ...parseAnswer(answer), sentWhenAnswered });
    });
  });
}

describe('faults: upstream', () => {
  test('upstream down: 502 envelope; once it is back on its port, the next call is served', async () => {
    const port = await freeLoopbackPort();
    const standIn = createVlensStandIn({ apiKey: TEST_API_KEY });
    const proxy = await startProxy({ upstream: `http://127.0.0.1:${port}` });
    try {
      assertProxyEnvelope(await post(proxy.url, SEND, { phoneNumber: PHONE }), 502);
      assert.equal((await fetch(`${proxy.url}/api/vlens/healthz`)).status, 200, 'the proxy itself is alive');
      const upstream = await startStandIn(standIn, { port, quiet: true });
      try {
        const next = await post(proxy.url, SEND, { phoneNumber: PHONE });
        assert.equal(next.status, 200, next.text);
        assert.deepEqual(standIn.control.calls(), { [SEND]: 1 }, 'the failed call was not retried later');
      } finally {
        await upstream.close();
      }
    } finally {
      await proxy.close();
    }
  });

  test("a 5xx HTML page (a load balancer's) gets 502; a 5xx JSON envelope passes through with codes stripped; the next call is served", async () => {
    let mode: 'html' | 'json' | 'ok' = 'html';
    const upstream = await startUpstream((_req, res) => {
      if (mode === 'html') {
        res.writeHead(500, { 'content-type': 'text/html' });
        return void res.end('<html><body><h1>500 Internal Server Error</h1></body></html>');
      }
      if (mode === 'json')
        return jsonAnswer({ data: { phoneNumberOtp: '123456' }, error_code: 500, error_message: 'Boom' }, 500)(
          _req,
          res,
        );
      jsonAnswer({ data: { phoneNumberOtpRequestId: 'b0a1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d' }, error_code: null })(
        _req,
        res,
      );
    });
    const proxy = await startProxy({ upstream: upstream.url });
    try {
      assertProxyEnvelope(await post(proxy.url, SEND, { phoneNumber: PHONE }), 502);
      mode = 'json';
      const passed = await post(proxy.url, SEND, { phoneNumber: PHONE });
      assert.equal(passed.status, 500);
      assert.deepEqual(passed.json, { data: {}, error_code: 500, error_message: 'Boom' });
      mode = 'ok';
      assert.equal((await post(proxy.url, SEND, { phoneNumber: PHONE })).status, 200);
      assert.equal(upstream.requests.length, 3, 'one upstream call per client call, never a retry');
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  test('a 10 MB upstream body: 502 once 64 KiB are read, the rest is never taken; the next call is served', async () => {
    let bigWrites: { written: number; finished: boolean } | undefined;
    let big = true;
    const upstream = await startUpstream((_req, res) => {
      if (!big) return jsonAnswer({ data: { exists: false }, error_code: null })(_req, res);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(TEN_MB) });
      const state = { written: 0, finished: false };
      bigWrites = state;
      const piece = Buffer.alloc(64 * 1024, 'x');
      res.write('{"data":{"pad":"');
      state.written = 16;
      const pump = () => {
        while (state.written < TEN_MB - 4 && !res.destroyed) {
          const n = Math.min(piece.length, TEN_MB - 4 - state.written);
          state.written += n;
          if (!res.write(piece.subarray(0, n))) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end('"}}', () => (state.finished = true));
      };
      pump();
    });
    const proxy = await startProxy({ upstream: upstream.url });
    try {
      const started = Date.now();
      assertProxyEnvelope(await post(proxy.url, CHECK, { phoneNumber: PHONE }), 502);
      assert.ok(Date.now() - started < 5000, 'answered without waiting for 10 MB');
      await sleep(300);
      assert.ok(bigWrites, 'the upstream was asked');
      assert.equal(
        bigWrites.finished,
        false,
        `the upstream could not finish its 10 MB (wrote ${bigWrites.written} bytes before the proxy hung up)`,
      );
      big = false;
      assert.equal((await post(proxy.url, CHECK, { phoneNumber: PHONE })).status, 200);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });
});

describe('faults: client bodies', () => {
  test('a declared 10 MB request body gets 413 before it is sent; a chunked one after 16 KiB; nothing reaches upstream', async () => {
    const stack = await startStack();
    try {
      const head = (framing: string) =>
        `POST /api/vlens/${SEND} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${framing}\r\n\r\n`;
      const declared = await pushBody(stack.url, head(`Content-Length: ${TEN_MB}`), TEN_MB, false);
      assert.equal(declared.status, 413);
      assert.equal(JSON.parse(declared.body).error_descriptions.source, 'proxy');
      assert.ok(
        declared.sentWhenAnswered < TEN_MB / 2,
        `answered after ${declared.sentWhenAnswered} of ${TEN_MB} bytes`,
      );

      const chunked = await pushBody(stack.url, head('Transfer-Encoding: chunked'), TEN_MB, true);
      assert.equal(chunked.status, 413);
      assert.ok(chunked.sentWhenAnswered < TEN_MB / 2, `answered after ${chunked.sentWhenAnswered} of ${TEN_MB} bytes`);

      assert.deepEqual(stack.standIn.control.calls(), {}, 'nothing reached upstream');
      assert.equal((await post(stack.url, SEND, { phoneNumber: PHONE })).status, 200, 'the next call is served');
    } finally {
      await stack.close();
    }
  });
});

const DRIBBLE_HEAD = `POST /api/vlens/${SEND} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`;

describe('faults: slow clients (Node adapter timeouts)', () => {
  test('a body dribbled a byte at a time gets 408 at requestTimeout; the next request is served', async () => {
    const stack = await startStack({}, { headersTimeoutMs: 500, requestTimeoutMs: 1000 });
    try {
      const { answer, closedAfterMs } = await dribble(stack.url, DRIBBLE_HEAD, 100);
      assert.match(answer, /^HTTP\/1\.1 408 /);
      assert.ok(closedAfterMs >= 900 && closedAfterMs < 2500, `closed after ${closedAfterMs} ms`);
      assert.equal((await post(stack.url, SEND, { phoneNumber: PHONE })).status, 200);
    } finally {
      await stack.close();
    }
  });

  test('headers dribbled a line at a time get 408 at headersTimeout', async () => {
    const stack = await startStack({}, { headersTimeoutMs: 500, requestTimeoutMs: 1000 });
    try {
      const { answer, closedAfterMs } = await dribble(
        stack.url,
        `POST /api/vlens/${SEND} HTTP/1.1\r\nHost: x\r\nX-Slow: `,
        50,
      );
      assert.match(answer, /^HTTP\/1\.1 408 /);
      assert.ok(closedAfterMs < 1500, `closed after ${closedAfterMs} ms`);
      assert.equal((await post(stack.url, SEND, { phoneNumber: PHONE })).status, 200);
    } finally {
      await stack.close();
    }
  });

  test('with the default timeouts a dribbling client is cut off at 15 s, not later (~15 s test)', async () => {
    const stack = await startStack();
    try {
      const { answer, closedAfterMs } = await dribble(stack.url, DRIBBLE_HEAD, 1000);
      assert.match(answer, /^HTTP\/1\.1 408 /);
      assert.ok(closedAfterMs >= 14_500 && closedAfterMs < 16_500, `closed after ${closedAfterMs} ms`);
      assert.equal((await post(stack.url, SEND, { phoneNumber: PHONE })).status, 200);
    } finally {
      await stack.close();
    }
  });
});

describe('faults: Redis', () => {
  test('Redis killed under traffic: answers stay 200 or 503 envelopes, sends fail closed, other calls go on', async () => {
    const redis = await spawnRedis();
    const upstream = await startUpstream(jsonAnswer({ data: { exists: false }, error_code: null }));
    const proxy = await startProxy({ upstream: upstream.url, redis: redis.url });
    try {
      const statuses = new Map<number, number>();
      const bodies = [
        [SEND, { phoneNumber: PHONE }],
        [CHECK, { email: EMAIL }],
        [VLENS_PATHS.verifyEmail, { email: EMAIL }],
        // No proof for this request id: 403 while Redis answers, 503 once the proof cannot be checked.
        [VLENS_PATHS.register, { phoneNumber: PHONE, phoneNumberOtpRequestId: 'b0a1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d' }],
      ] as const;
      let killed = false;
      const traffic = (async () => {
        for (let wave = 0; wave < 12; wave++) {
          const answers = await Promise.all(
            bodies.map(([path, body], i) =>
              post(proxy.url, path, i === 0 ? { phoneNumber: `+2010012${String(wave).padStart(5, '0')}` } : body),
            ),
          );
          for (const [i, res] of answers.entries()) {
            if (i === 3) {
              assert.ok(res.status === (killed ? 503 : 403), `Register without proof: ${res.status}`);
              continue;
            }
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            assert.ok(res.json && 'error_code' in res.json, `an envelope (${res.status}): ${res.text}`);
            if (res.status === 503) assert.equal(res.json.error_descriptions.source, 'proxy');
          }
          if (wave === 4) {
            await redis.kill();
            killed = true;
          }
        }
      })();
      await traffic;
      assert.ok(killed);
      assert.deepEqual(
        [...statuses.keys()].filter((s) => s !== 200 && s !== 503),
        [],
        `only 200 and 503: ${JSON.stringify([...statuses])}`,
      );
      assert.ok((statuses.get(503) ?? 0) > 0, 'sends failed closed after the kill');

      upstream.requests.length = 0;
      assertProxyEnvelope(await post(proxy.url, SEND, { phoneNumber: PHONE }), 503);
      assert.equal(upstream.requests.length, 0, 'no send without a limit check');
      const existence = await post(proxy.url, CHECK, { email: EMAIL });
      assert.equal(existence.status, 200, 'non-OTP calls fail open, limited in memory');
      assert.equal(upstream.requests.length, 1);
    } finally {
      await proxy.close();
      await upstream.close();
      await redis.kill();
    }
  });

  test('Redis unreachable from the start: sends get a 503 envelope, the rest of the API and healthz still answer', async () => {
    const port = await freeLoopbackPort();
    const upstream = await startUpstream(jsonAnswer({ data: { exists: false }, error_code: null }));
    const proxy = await startProxy({ upstream: upstream.url, redis: `redis://127.0.0.1:${port}` });
    try {
      assertProxyEnvelope(await post(proxy.url, SEND, { phoneNumber: PHONE }), 503);
      assertProxyEnvelope(await post(proxy.url, VLENS_PATHS.verifyEmail, { email: EMAIL }), 503);
      assert.equal(upstream.requests.length, 0);
      assert.equal((await post(proxy.url, CHECK, { email: EMAIL })).status, 200);
      assert.equal((await fetch(`${proxy.url}/api/vlens/healthz`)).status, 200);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });
});
