import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createDevOAuthHandler, devOAuthNodeListener } from '../../src/mock/dev-oauth.js';
import { createVlensStandIn, STAND_IN_ERRORS } from '../../src/mock/index.js';

const standIn = createVlensStandIn({ apiKey: 'k' });
const handler = createDevOAuthHandler(standIn);

const post = (path: string, body: unknown, init: RequestInit = {}) =>
  handler(
    new Request(`http://localhost${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      ...init,
    }),
  );

async function tokenFor(provider: string, body: object): Promise<string> {
  const res = (await post(`/dev-oauth/${provider}/token`, body))!;
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  return ((await res.json()) as { idToken: string }).idToken;
}

const verify = (provider: 'Google' | 'Microsoft', IdToken: string) =>
  standIn.handle(
    new Request('http://stand-in/api/DigitalIdentity/Register/StepVerifyOAuthToken', {
      method: 'POST',
      headers: { 'content-type': 'application/json', apikey: 'k' },
      body: JSON.stringify({ provider, IdToken }),
    }),
  );

describe('dev sign-in endpoint', () => {
  it('issues tokens the stand-in accepts, for each provider, with the email asked for', async () => {
    for (const [name, provider] of [
      ['google', 'Google'],
      ['microsoft', 'Microsoft'],
    ] as const) {
      const res = await verify(provider, await tokenFor(name, { email: `Someone.${name}@example.com` }));
      assert.equal(res.status, 200);
      const { data } = (await res.json()) as { data: { email: string; oAuthTokenVerificationRequestId: string } };
      assert.equal(data.email, `Someone.${name}@example.com`);
      assert.ok(data.oAuthTokenVerificationRequestId);
    }
  });

  it('issues tokens the stand-in rejects, on request: expired, unknown issuer, wrong audience', async () => {
    for (const variant of ['expired', 'unknown-issuer', 'wrong-audience']) {
      const res = await verify('Google', await tokenFor('google', { email: 'a@example.com', variant }));
      assert.equal(res.status, STAND_IN_ERRORS.invalidOAuthToken.status, variant);
    }
    // A Google token is not a Microsoft token.
    const crossed = await verify('Microsoft', await tokenFor('google', { email: 'a@example.com' }));
    assert.equal(crossed.status, STAND_IN_ERRORS.invalidOAuthToken.status);
  });

  it('refuses what it does not serve, and ignores other paths', async () => {
    assert.equal(await post('/api/vlens/Register/StepCreate', {}), null);
    assert.equal((await post('/dev-oauth/github/token', { email: 'a@example.com' }))!.status, 404);
    assert.equal((await handler(new Request('http://localhost/dev-oauth/google/token')))!.status, 405);
    assert.equal(
      (await post('/dev-oauth/google/token', {}, { headers: { 'content-type': 'text/plain' } }))!.status,
      415,
    );
    assert.equal((await post('/dev-oauth/google/token', { email: 'not-an-email' }))!.status, 400);
    assert.equal((await post('/dev-oauth/google/token', { email: 'a@example.com', variant: 'forged' }))!.status, 400);
    assert.equal(
      (await post('/dev-oauth/google/token', { email: 'a@example.com', pad: 'x'.repeat(5000) }))!.status,
      413,
    );
  });

  describe('as Node middleware', () => {
    let server: Server;
    let base: string;
    before(async () => {
      const listener = devOAuthNodeListener(handler);
      server = createServer((req, res) => {
        void listener(req, res).then((answered) => {
          if (!answered) res.writeHead(418).end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('answers its own paths over HTTP and passes the rest on', async () => {
      const res = await fetch(`${base}/dev-oauth/microsoft/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'b@example.com' }),
      });
      assert.equal(res.status, 200);
      const { idToken } = (await res.json()) as { idToken: string };
      assert.equal((await verify('Microsoft', idToken)).status, 200);
      assert.equal((await fetch(`${base}/demo/index.html`)).status, 418);
    });
  });
});
