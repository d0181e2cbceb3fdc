/** The API client against a real loopback HTTP server: envelope rule and typed errors. */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createVlensClient, VlensError } from '../../src/api/client.js';

type Answer = (req: IncomingMessage, body: string, res: ServerResponse) => void;
let answer: Answer = (_req, _body, res) => res.end();
const seen: { url: string; headers: IncomingMessage['headers']; body: string }[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    seen.push({ url: req.url!, headers: req.headers, body });
    answer(req, body, res);
  });
});
let endpoint = '';

before(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/vlens/`;
});
after(
  () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
);

const json =
  (status: number, body: unknown): Answer =>
  (_q, _b, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

async function failure(promise: Promise<unknown>): Promise<VlensError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof VlensError, `expected a VlensError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

const PHONE = '+201001234567';

describe('client', () => {
  test('posts JSON to {endpoint}/<path> with no key and returns data', async () => {
    answer = json(200, { data: { exists: false }, error_code: 0, error_message: null });
    const client = createVlensClient({ endpoint });
    assert.deepEqual(await client.checkExistence({ phoneNumber: PHONE }), { exists: false });
    const last = seen.at(-1)!;
    assert.equal(last.url, '/api/vlens/CheckExistenceOfEmailOrPhone');
    assert.deepEqual(JSON.parse(last.body), { phoneNumber: PHONE });
    assert.equal(last.headers['content-type'], 'application/json');
    assert.equal(last.headers['apikey'], undefined);
  });

  test('an error envelope with HTTP 200 is kind api with its code', async () => {
    answer = json(200, { data: null, error_code: 2001, error_message: 'wrong', error_descriptions: { x: 1 } });
    const error = await failure(
      createVlensClient({ endpoint }).verifyPhoneCode({
        phoneNumber: PHONE,
        phoneNumberOtpRequestId: 'x',
        phoneNumberOtp: '1',
      }),
    );
    assert.equal(error.kind, 'api');
    assert.equal(error.status, 200);
    assert.equal(error.envelope.error_code, 2001);
    assert.deepEqual(error.envelope.error_descriptions, { x: 1 });
  });

  test('an error envelope with 4xx is kind api', async () => {
    answer = json(410, { data: null, error_code: 2002, error_message: 'expired' });
    const error = await failure(createVlensClient({ endpoint }).sendEmailCode({ email: 'a@example.com' }));
    assert.equal(error.kind, 'api');
    assert.equal(error.status, 410);
    assert.equal(error.message, 'expired');
  });

  test('HTTP 200 without data is a failure', async () => {
    answer = json(200, { data: null, error_code: null });
    assert.equal((await failure(createVlensClient({ endpoint }).register({ phoneNumber: PHONE }))).kind, 'api');
  });

  test('a success without the request id the step needs is kind protocol, with the real status', async () => {
    answer = json(201, { data: { isPhoneNumberConfirmed: false }, error_code: null });
    const error = await failure(createVlensClient({ endpoint }).sendPhoneCode({ phoneNumber: PHONE }));
    assert.equal(error.kind, 'protocol');
    assert.equal(error.status, 201);
    answer = json(200, { data: { email: 'a@b.co' }, error_code: 0 });
    const oauth = await failure(createVlensClient({ endpoint }).verifyOAuthToken({ provider: 'Google', IdToken: 't' }));
    assert.equal(oauth.kind, 'protocol');
    answer = json(200, { data: { emailOtpRequestId: '3fa85f64-5717-4562-b3fc-2c963f66afa6' }, error_code: 0 });
    assert.ok((await createVlensClient({ endpoint }).sendEmailCode({ email: 'a@b.co' })).emailOtpRequestId);
  });

  test('a registration success without an access token is kind protocol; with one it resolves', async () => {
    answer = json(200, { data: { userName: 'layla', accessToken: null }, error_code: null });
    const error = await failure(createVlensClient({ endpoint }).register({ phoneNumber: PHONE }));
    assert.equal(error.kind, 'protocol');
    assert.match(error.message, /accessToken/);
    answer = json(200, { data: { accessToken: 'token-1' }, error_code: null });
    assert.equal((await createVlensClient({ endpoint }).register({ phoneNumber: PHONE })).accessToken, 'token-1');
  });

  test('a 504 from the proxy is kind timeout', async () => {
    answer = json(504, {
      data: null,
      error_code: 504,
      error_message: 'Upstream timed out',
      error_descriptions: { source: 'proxy' },
    });
    const error = await failure(createVlensClient({ endpoint }).register({ phoneNumber: PHONE }));
    assert.equal(error.kind, 'timeout');
    assert.equal(error.envelope.error_code, 504);
  });

  test('a body that is not JSON is kind protocol', async () => {
    answer = (_q, _b, res) => res.end('<html>oops</html>');
    assert.equal((await failure(createVlensClient({ endpoint }).register({ phoneNumber: PHONE }))).kind, 'protocol');
  });

  test('JSON that is not the expected envelope is kind protocol', async () => {
    answer = json(200, { data: { exists: 'maybe' } });
    assert.equal(
      (await failure(createVlensClient({ endpoint }).checkExistence({ phoneNumber: PHONE }))).kind,
      'protocol',
    );
  });

  test('no answer within timeoutMs is kind timeout', async () => {
    answer = (_q, _b, res) => setTimeout(() => res.end('{}'), 500);
    const error = await failure(createVlensClient({ endpoint, timeoutMs: 50 }).register({ phoneNumber: PHONE }));
    assert.equal(error.kind, 'timeout');
  });

  test('a closed port is kind network', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const error = await failure(
      createVlensClient({ endpoint: `http://127.0.0.1:${port}` }).register({ phoneNumber: PHONE }),
    );
    assert.equal(error.kind, 'network');
  });

  test('aborting rejects with the abort reason, not a VlensError', async () => {
    answer = (_q, _b, res) => setTimeout(() => res.end('{}'), 300);
    const controller = new AbortController();
    const call = createVlensClient({ endpoint }).register({ phoneNumber: PHONE }, controller.signal);
    controller.abort();
    await assert.rejects(call, (e: unknown) => e instanceof DOMException && e.name === 'AbortError');
  });
});
