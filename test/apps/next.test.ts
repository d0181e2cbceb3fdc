/**
 * examples/next (Next.js 16 App Router) from the packed tarball: `next build` with no VLENS_API_KEY
 * (the route handlers type-checked by Next's own route validator), `next start` with the stand-in as
 * Vlens, and a person registering in Chromium through `vlens-register/react` and
 * `vlens-register/server/next`: on the server-rendered page loaded fresh, after a reload, and after
 * client-side navigation from the first page; other visitors' calls from other addresses do not lock
 * a fresh visitor out; without the key the route answers a 500 envelope and says why.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  appEnv,
  expectKeylessRoute,
  expectRegistersOnServerRenderedPage,
  recordPageErrors,
  registerThroughPage,
  startApp,
  type RunningApp,
} from './app-fixture.js';

const NEXT = fileURLToPath(new URL('../../node_modules/.bin/next', import.meta.url));
const nextStart = (port: number) => [NEXT, 'start', '-H', '127.0.0.1', '-p', String(port)];
// Next.js fills X-Forwarded-For with the socket's address when the client sent none: here, as behind
// one proxy, the right-most entry is the client.
const serverEnv = (extra: NodeJS.ProcessEnv) => appEnv({ VLENS_TRUST_PROXY: '1', ...extra });

let app: RunningApp;
before(async () => {
  app = await startApp('next', { build: ['next', ['build']], serve: nextStart, env: serverEnv });
});
after(() => app?.close());

test('next build succeeds with no VLENS_API_KEY and type-checks the route handlers with Next’s route validator', () => {
  assert.match(app.buildOutput, /Finished TypeScript/);
  assert.match(app.buildOutput, /ƒ \/api\/vlens\/\[\.\.\.path\]/, 'the proxy route is a dynamic route handler');
  const validator = readFileSync(join(app.dir, '.next/types/validator.ts'), 'utf8');
  assert.match(validator, /app\/api\/vlens\/\[\.\.\.path\]\/route/, 'Next checked the route module’s exports');
});

test('the server-rendered page registers, fresh and after a reload; others’ calls do not lock a fresh visitor out', () =>
  expectRegistersOnServerRenderedPage(app, '/register'));

test('after client-side navigation from the first page (next/link), the token reaches the handler', async () => {
  const page = await app.browser.newPage();
  const errors = recordPageErrors(page);
  try {
    await page.goto(app.server.url);
    await page.evaluate('window.__sameDocument = true');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL(`${app.server.url}/register`);
    assert.equal(await page.evaluate('window.__sameDocument'), true, 'no full page load: the App Router navigated');
    await registerThroughPage(page, app.upstream.standIn);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('without VLENS_API_KEY at run time the route answers a 500 envelope and the server says why', () =>
  expectKeylessRoute(
    app.dir,
    nextStart,
    serverEnv({ VLENS_UPSTREAM: app.upstream.url }),
    'vlens-register/server/next',
  ));
