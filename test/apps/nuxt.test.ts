/**
 * examples/nuxt (Nuxt 3, Nitro) from the packed tarball: `nuxt build` with no VLENS_API_KEY, its
 * Node server with the stand-in as Vlens, and a person registering in Chromium through the element
 * on the server-rendered page and `vlens-register/server/h3`, fresh and after a reload; other
 * visitors' calls from other addresses do not lock a fresh visitor out (h3 passes the socket's
 * address); without the key the route answers a 500 envelope and says why.
 */
import { after, before, test } from 'node:test';
import {
  appEnv,
  expectKeylessRoute,
  expectRegistersOnServerRenderedPage,
  startApp,
  type RunningApp,
} from './app-fixture.js';

const nitroServer = () => [process.execPath, '.output/server/index.mjs'];
const serverEnv = (extra: NodeJS.ProcessEnv) => appEnv({ NITRO_HOST: '127.0.0.1', ...extra });

let app: RunningApp;
before(async () => {
  app = await startApp('nuxt', { build: ['nuxt', ['build']], serve: nitroServer, env: serverEnv });
});
after(() => app?.close());

test('the server-rendered page registers, fresh and after a reload; others’ calls do not lock a fresh visitor out', () =>
  expectRegistersOnServerRenderedPage(app, '/'));

test('without VLENS_API_KEY at run time the route answers a 500 envelope and the server says why', () =>
  expectKeylessRoute(
    app.dir,
    nitroServer,
    serverEnv({ VLENS_UPSTREAM: app.upstream.url }),
    'vlens-register/server/h3',
  ));
