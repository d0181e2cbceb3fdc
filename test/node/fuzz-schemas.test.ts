/**
 * Fuzzing the response side: the shared response schemas, the client's
 * envelope reading, and the client over real HTTP. Whatever comes back, the
 * outcome is data or a VlensError of a known kind, never another exception.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { createVlensClient, readEnvelope, VlensError, type VlensClient } from '../../src/api/client.js';
import { VLENS_PATHS, type VlensPath } from '../../src/api/paths.js';
import { responseSchemas } from '../../src/api/schemas.js';
import { anyJson, goodData, nearEnvelope, path, responseText, status } from '../helpers/response-arbitraries.js';

const { byPath: RESPONSE_SCHEMAS, anyEnvelope: AnyEnvelope } = responseSchemas();

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const KINDS_FROM_A_RESPONSE = ['api', 'protocol', 'timeout'];
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];
// fetch gives a network error, not a response, for 407 from a server (the Fetch standard's "no-window" rule; Chromium too).
const PROXY_AUTH_STATUS = 407;
// fetch retries a 421 once on a new connection (the Fetch standard, HTTP-network-or-cache fetch step 16);
// Node 20's fetch then fails the call as a network error. Either outcome is the client's to report.
const MISDIRECTED_STATUS = 421;

// ---- properties --------------------------------------------------------------

/** The outcome of reading a response: data, or a VlensError. Anything else thrown fails the property. */
function assertOutcome(p: VlensPath, code: number, text: string, read: () => unknown) {
  let data: unknown;
  try {
    data = read();
  } catch (error) {
    assert.ok(error instanceof VlensError, `not a VlensError: ${String(error)}`);
    assert.ok(KINDS_FROM_A_RESPONSE.includes(error.kind), `kind ${error.kind}`);
    if (error.kind === 'timeout') assert.equal(code, 504, 'timeout only for a 504');
    assert.equal(error.status, code);
    assert.ok(error.message.length > 0);
    assert.ok(error.envelope && typeof error.envelope === 'object');
    return;
  }
  assert.ok(code >= 200 && code < 300, `data only from a 2xx (got ${code})`);
  assert.ok(data !== null && typeof data === 'object', 'data is an object');
  assert.ok(RESPONSE_SCHEMAS[p].safeParse(JSON.parse(text)).success, 'data only from a body the schema accepts');
}

describe('response schemas (fuzz)', () => {
  test('any JSON value, and near-miss envelopes, either parse or are rejected: safeParse never throws', () => {
    fc.assert(
      fc.property(path, fc.oneof(anyJson, path.chain(nearEnvelope)), (p, value) => {
        for (const schema of [RESPONSE_SCHEMAS[p], AnyEnvelope]) {
          const result = schema.safeParse(value);
          assert.equal(typeof result.success, 'boolean');
        }
      }),
      { numRuns: RUNS * 3 },
    );
  });

  test('readEnvelope: any status and text give data or a VlensError (api, protocol or timeout), nothing else', () => {
    fc.assert(
      fc.property(
        path.chain((p) => fc.tuple(fc.constant(p), status, responseText(p))),
        ([p, code, text]) => assertOutcome(p, code, text, () => readEnvelope(p, code, text)),
      ),
      { numRuns: RUNS * 3 },
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype was polluted');
  });

  test('a valid success envelope gives exactly its data; a valid error envelope gives an api error with its code', () => {
    fc.assert(
      fc.property(
        path.chain((p) => fc.tuple(fc.constant(p), goodData(p))),
        fc.integer({ min: 1, max: 9999 }),
        ([p, data], code) => {
          const text = JSON.stringify({ data, error_code: null, error_message: null });
          assert.deepEqual(readEnvelope(p, 200, text), JSON.parse(text).data);
          for (const httpStatus of [200, 400]) {
            try {
              readEnvelope(p, httpStatus, JSON.stringify({ data: null, error_code: code, error_message: 'No' }));
              assert.fail('an error envelope must not resolve');
            } catch (error) {
              assert.ok(error instanceof VlensError && error.kind === 'api', String(error));
              assert.equal(error.envelope.error_code, code);
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});

// ---- the client over real HTTP ---------------------------------------------------

interface Answer {
  status: number;
  contentType: string | null;
  body: Uint8Array;
  behaviour: 'answer' | 'hang-up' | 'redirect' | 'stall';
}

const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/html',
  'text/plain',
  null,
  'application/problem+json',
);
const answerArb: fc.Arbitrary<[VlensPath, Answer]> = path.chain((p) =>
  fc.tuple(
    fc.constant(p),
    fc.record({
      status,
      contentType,
      body: fc.oneof(
        { weight: 5, arbitrary: responseText(p).map((t) => new TextEncoder().encode(t)) },
        { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
      ),
      behaviour: fc.oneof(
        { weight: 20, arbitrary: fc.constant('answer' as const) },
        { weight: 2, arbitrary: fc.constantFrom('hang-up' as const, 'redirect' as const) },
        { weight: 1, arbitrary: fc.constant('stall' as const) },
      ),
    }),
  ),
);

/** Calls the client method that posts to `p`, with a valid input. */
function callFor(client: VlensClient, p: VlensPath): Promise<unknown> {
  const phone = '+201001234567';
  switch (p) {
    case VLENS_PATHS.checkExistence:
      return client.checkExistence({ phoneNumber: phone });
    case VLENS_PATHS.verifyPhone:
      return client.sendPhoneCode({ phoneNumber: phone });
    case VLENS_PATHS.verifyEmail:
      return client.sendEmailCode({ email: 'a@example.com' });
    case VLENS_PATHS.verifyOAuth:
    case VLENS_PATHS.verifyOAuthForRegister:
      return client.verifyOAuthToken({ provider: 'Google', IdToken: 'a.b.c' });
    default:
      return client.register({ phoneNumber: phone, password: 'Correct-horse-9' });
  }
}

const CLIENT_TIMEOUT_MS = 400;
const JSON_200 = { status: 200, contentType: 'application/json', behaviour: 'answer' } as const;

/** A success envelope for `p` with data its schema accepts (the first of a fixed sample). */
function successBody(p: VlensPath): Uint8Array {
  const [data] = fc.sample<unknown>(goodData(p), { numRuns: 1, seed: 1 });
  return utf8(JSON.stringify({ data, error_code: null, error_message: null }));
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/**
 * Always tried, whatever the seed or run count: one answer of each outcome the run must see (data, an
 * error envelope, HTML, a hang-up, a stall), then answers runs once found (fetch refuses a 407; retries a 421).
 */
const ALWAYS_TRIED: [[VlensPath, Answer]][] = [
  [[VLENS_PATHS.checkExistence, { ...JSON_200, body: successBody(VLENS_PATHS.checkExistence) }]],
  [[VLENS_PATHS.verifyPhone, { ...JSON_200, body: utf8('{"data":null,"error_code":7,"error_message":"No"}') }]],
  [[VLENS_PATHS.verifyPhone, { ...JSON_200, contentType: 'text/html', body: utf8('<h1>Bad gateway</h1>') }]],
  [[VLENS_PATHS.verifyPhone, { ...JSON_200, body: new Uint8Array(), behaviour: 'hang-up' }]],
  [[VLENS_PATHS.verifyPhone, { ...JSON_200, body: new Uint8Array(), behaviour: 'stall' }]],
  [
    [
      'Register/StepVerifyOAuthToken',
      {
        status: MISDIRECTED_STATUS,
        contentType: 'application/json',
        body: utf8('{"data":[],"error_code":null,"error_message":null,"error_descriptions":null}'),
        behaviour: 'answer',
      },
    ],
  ],
  [
    [
      'Register/StepVerifyPhone',
      {
        status: PROXY_AUTH_STATUS,
        contentType: 'application/json',
        body: utf8('{"data":"","error_code":1,"error_message":"","error_descriptions":false}'),
        behaviour: 'answer',
      },
    ],
  ],
];

describe('client over HTTP (fuzz)', () => {
  let next: Answer;
  let base = '';
  const server = createServer((req, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      const answer = next;
      if (answer.behaviour === 'hang-up') return void req.socket.destroy();
      if (answer.behaviour === 'stall') return; // the client's own timeout ends it
      if (answer.behaviour === 'redirect') {
        res.writeHead(302, { location: `${base}/elsewhere` });
        return void res.end();
      }
      res.writeHead(answer.status, answer.contentType ? { 'content-type': answer.contentType } : {});
      res.end(answer.body);
    });
  });
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );

  test('any answer resolves to data or rejects with a VlensError, never another exception', async () => {
    const client = createVlensClient({ endpoint: `${base}/api/vlens`, timeoutMs: CLIENT_TIMEOUT_MS });
    const kinds = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(answerArb, async ([p, answer]) => {
        next = answer;
        const started = performance.now();
        try {
          const data = await callFor(client, p);
          assert.ok(data !== null && typeof data === 'object', 'data is an object');
          assert.ok(
            answer.behaviour === 'answer' && answer.status >= 200 && answer.status < 300,
            `data only from a 2xx answer (${answer.behaviour} ${answer.status})`,
          );
          kinds.set('data', (kinds.get('data') ?? 0) + 1);
        } catch (error) {
          assert.ok(error instanceof VlensError, `not a VlensError: ${String(error)}`);
          kinds.set(error.kind, (kinds.get(error.kind) ?? 0) + 1);
          // On a busy machine any call may run into the client's own deadline: a timeout is right whenever it did.
          if (error.kind === 'timeout' && performance.now() - started >= CLIENT_TIMEOUT_MS - 5) return;
          // fetch's redirect: 'error' refuses any redirect status, with or without a Location; 407 never reaches us.
          const refused =
            answer.behaviour === 'redirect' ||
            REDIRECT_STATUSES.includes(answer.status) ||
            answer.status === PROXY_AUTH_STATUS;
          const retried = answer.status === MISDIRECTED_STATUS && error.kind === 'network';
          if (answer.behaviour === 'answer' && !refused && !retried)
            assert.ok(KINDS_FROM_A_RESPONSE.includes(error.kind), `kind ${error.kind} for an answer`);
          if (answer.behaviour === 'stall') assert.equal(error.kind, 'timeout');
          if (answer.behaviour === 'hang-up' || refused) assert.equal(error.kind, 'network');
        }
      }),
      {
        numRuns: Math.max(ALWAYS_TRIED.length, Math.min(RUNS, 200)),
        examples: ALWAYS_TRIED,
      },
    );
    for (const kind of ['data', 'api', 'protocol', 'network', 'timeout'])
      assert.ok(kinds.get(kind), `the run saw ${kind} (${JSON.stringify([...kinds])})`);
  });
});
