// Browser tests through the REAL proxy in front of the REAL stand-in, in one engine per run:
// WTR_ENGINE=chromium (default), firefox or webkit, all three from Debian's packages (see test/browser/engines.mjs).
// The dev server mounts the proxy at /api/vlens; the proxy forwards to the stand-in on a loopback port.
// Tests drive the stand-in through server commands (executeServerCommand('vlens-stand-in', ...)).
import { readFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { visualRegressionPlugin } from '@web/test-runner-visual-regression/plugin';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';
import { vueSfcPlugin } from './test/browser/frameworks/vue-sfc-plugin.mjs';
import { engineLauncher, engineFiles, freePort } from './test/browser/engines.mjs';
import { hostPagesPlugin } from './test/browser/hosts/host-pages.mjs';
import { deviceCommands } from './test/browser/device-commands.mjs';
import { prebundledDeps } from './test/browser/prebundled-deps.mjs';

register();
// The OpenTelemetry SDK as `npm start` installs it, before any proxy makes its instruments: the demo
// page's live funnel (/demo-funnel.json) reads the counters of the proxies mounted here.
const { installMetricsExport } = await import('./src/server/metrics-export.ts');
const metricsExport = installMetricsExport();
const { createVlensProxy } = await import('./src/server/proxy.ts');
const { getCountries } = await import('libphonenumber-js/max');
const { toNodeListener } = await import('./src/server/node.ts');
const { createVlensStandIn } = await import('./src/mock/index.ts');
const { startStandIn } = await import('./src/mock/server.ts');
const { createDevOAuthHandler, devOAuthNodeListener } = await import('./src/mock/dev-oauth.ts');
const { createFakeCaptcha, FAKE_CAPTCHA_SECRET, FAKE_CAPTCHA_SITE_KEY, fakeCaptchaVerifyUrl } =
  await import('./src/mock/captcha.ts');
const { mountedNodeListener } = await import('./src/mock/node-mount.ts');

const API_KEY = 'wtr-test-key';
const MOUNT = '/api/vlens';
/**
 * A proxy deadline short enough for the proxy-504 test to stay quick, on a mount of its own
 * (SHORT_DEADLINE_MOUNT): every other mount keeps the proxy's default, so a slow call on a loaded
 * machine is never a 504.
 */
const SHORT_UPSTREAM_TIMEOUT_MS = 1000;
const SHORT_DEADLINE_MOUNT = '/api/vlens-short-deadline';

const standIn = createVlensStandIn({ apiKey: API_KEY });
const upstream = await startStandIn(standIn, { port: 0 });
const generous = { points: 100_000, durationSec: 60 };
const GENEROUS_LIMITS = {
  sendShort: generous,
  sendDaily: generous,
  sendBlock: generous,
  sendCountry: generous,
  sendIp: generous,
  sendIpBlock: generous,
  sendGlobal: generous,
  codeChecks: generous,
  ip: generous,
  existence: generous,
};
const proxy = createVlensProxy({
  apiKey: API_KEY,
  upstream: upstream.url,
  mountPath: MOUNT,
  // Every country, so the picker tests can pick any; the Egypt-only default is tested on /api/vlens-eg.
  allowedCountries: getCountries(),
  // Limits have their own node tests; here they must never interfere.
  limits: GENEROUS_LIMITS,
  log: () => {},
});
const proxyListener = toNodeListener(proxy);
/**
 * Two more proxies on their own mounts in front of the same stand-in, differing only in the countries
 * they send codes to (what `GET {mount}/config` tells the widget): the default (Egypt only) and EG + SA;
 * both tell a resend interval of 42 s.
 */
const countryProxies = [
  ['/api/vlens-eg', undefined],
  ['/api/vlens-eg-sa', ['EG', 'SA']],
].map(([mountPath, allowedCountries]) => {
  const handler = createVlensProxy({
    apiKey: API_KEY,
    upstream: upstream.url,
    mountPath,
    allowedCountries,
    resendAfterSec: 42,
    limits: GENEROUS_LIMITS,
    log: () => {},
  });
  return { mountPath, handler, listener: toNodeListener(handler) };
});
const shortDeadlineProxy = createVlensProxy({
  apiKey: API_KEY,
  upstream: upstream.url,
  mountPath: SHORT_DEADLINE_MOUNT,
  upstreamTimeoutMs: SHORT_UPSTREAM_TIMEOUT_MS,
  allowedCountries: getCountries(),
  limits: GENEROUS_LIMITS,
  log: () => {},
});
const otherProxies = [
  ...countryProxies,
  { mountPath: SHORT_DEADLINE_MOUNT, handler: shortDeadlineProxy, listener: toNodeListener(shortDeadlineProxy) },
];

/** The fake CAPTCHA (provider scripts and verify endpoints) at /fake-captcha, and one proxy per provider that requires it. */
const fakeCaptcha = createFakeCaptcha();
const fakeCaptchaListener = mountedNodeListener(fakeCaptcha.handler);
const captchaProxies = ['turnstile', 'hcaptcha', 'recaptcha'].map((provider) => {
  const captchaProxy = createVlensProxy({
    apiKey: API_KEY,
    upstream: upstream.url,
    mountPath: `${MOUNT}-${provider}`,
    limits: GENEROUS_LIMITS,
    log: () => {},
    captcha: {
      provider,
      siteKey: FAKE_CAPTCHA_SITE_KEY,
      secret: FAKE_CAPTCHA_SECRET,
      verifyUrl: fakeCaptchaVerifyUrl('http://fake-captcha.invalid', provider),
      fetch: async (input, init) => fakeCaptcha.handler(new Request(input, init)),
    },
  });
  return { mountPath: captchaProxy.mountPath, handler: captchaProxy, listener: toNodeListener(captchaProxy) };
});

async function mountFakeCaptcha(ctx, next) {
  if (!ctx.path.startsWith(`${fakeCaptcha.handler.mountPath}/`)) return next();
  ctx.respond = false;
  await fakeCaptchaListener(ctx.req, ctx.res);
}
/** POST /dev-oauth/{google|microsoft}/token: ID tokens signed by the stand-in's dev issuers (OAuth tests). */
const devOAuthListener = devOAuthNodeListener(createDevOAuthHandler(standIn));

async function mountDevOAuth(ctx, next) {
  if (!ctx.path.startsWith('/dev-oauth/')) return next();
  ctx.respond = false;
  await devOAuthListener(ctx.req, ctx.res);
}

/** A strict policy with Trusted Types enforced; only Lit's policy may exist. */
export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

/** The nonce of /demo/csp-classic.html's script tags. */
const CSP_NONCE = 'dGVzdC1ub25jZS0yNA';
/** The README's nonce policy: only scripts with the nonce, and what they load ('strict-dynamic'). */
export const NONCE_CSP = [
  `script-src 'nonce-${CSP_NONCE}' 'strict-dynamic'`,
  "object-src 'none'",
  "base-uri 'none'",
  "default-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

/** CSP violation reports the test page sent (report-uri), read by the CSP test. */
const cspReports = [];

/** Extra routes for the tests: a non-JSON "backend", and the demo page under the strict CSP (beside demo.js). */
async function testRoutes(ctx, next) {
  if (ctx.path.startsWith('/test-endpoints/non-json/')) {
    ctx.status = 200;
    ctx.type = 'text/html';
    ctx.body = '<!doctype html><title>Oops</title><p>Not an API</p>';
    return;
  }
  if (ctx.path === '/test-endpoints/csp-report' && ctx.method === 'POST') {
    let body = '';
    for await (const chunk of ctx.req) body += chunk;
    cspReports.push(body);
    ctx.status = 204;
    return;
  }
  if (ctx.path === '/demo-funnel.json') {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { countries: await metricsExport.funnel() };
    return;
  }
  if (ctx.path === '/demo/csp.html') {
    ctx.set('Content-Security-Policy', `${STRICT_CSP}; report-uri /test-endpoints/csp-report`);
    ctx.type = 'text/html';
    ctx.body = readFileSync(new URL('./demo/index.html', import.meta.url), 'utf8');
    return;
  }
  if (ctx.path === '/demo/csp-classic.html') {
    // The demo with the classic script (the loader of the ES module) under the nonce policy.
    ctx.set('Content-Security-Policy', `${NONCE_CSP}; report-uri /test-endpoints/csp-report`);
    ctx.type = 'text/html';
    ctx.body = readFileSync(new URL('./demo/index.html', import.meta.url), 'utf8')
      .replace(
        '<script type="module" src="/dist/vlens-register.js"></script>',
        `<script src="/dist/vlens-register.iife.js" nonce="${CSP_NONCE}"></script>`,
      )
      .replace('<script type="module" src="demo.js">', `<script type="module" src="demo.js" nonce="${CSP_NONCE}">`);
    return;
  }
  // The demo loads the built bundle; tests serve the current source instead (a build may be stale or
  // in progress). A redirect, not a rewrite, so the module's relative imports resolve under /src/.
  if (ctx.path === '/dist/vlens-register.js') {
    ctx.redirect('/src/script-tag.ts');
    return;
  }
  return next();
}

async function mountProxy(ctx, next) {
  const mounted = [{ mountPath: MOUNT, listener: proxyListener }, ...otherProxies, ...captchaProxies].find(
    ({ mountPath }) => ctx.path === mountPath || ctx.path.startsWith(`${mountPath}/`),
  );
  if (mounted) {
    ctx.respond = false;
    await new Promise((resolve) => {
      ctx.res.once('close', resolve);
      mounted.listener(ctx.req, ctx.res);
    });
    return;
  }
  return next();
}

let phoneCounter = 0;

/** Server commands: the stand-in's control interface for browser tests. */
/**
 * Holds or fails the browser's requests for lazy modules (the submit path, the picker's panel), so
 * tests can submit before a chunk arrives or see one fail; set by `chunk-gate:*` server commands.
 * A gate matches a path prefix (the dev server serves `src/register/submit-path.ts` for
 * `submit-path.js`); `requests` counts what reached it, so tests wait on that, not on time.
 */
const chunkGates = new Map();

function chunkGate(prefix) {
  let gate = chunkGates.get(prefix);
  if (!gate) {
    gate = { mode: 'pass', requests: 0, release: () => {}, held: Promise.resolve() };
    chunkGates.set(prefix, gate);
  }
  return gate;
}

async function gateChunks(ctx, next) {
  for (const [prefix, gate] of chunkGates) {
    if (!ctx.path.startsWith(prefix)) continue;
    gate.requests += 1;
    if (gate.mode === 'fail') {
      ctx.status = 503;
      ctx.body = 'chunk gate: failing on purpose';
      return;
    }
    await gate.held;
  }
  return next();
}

const chunkGateCommands = {
  name: 'chunk-gate',
  async executeCommand({ command, payload }) {
    switch (command) {
      case 'chunk-gate:hold': {
        const gate = chunkGate(payload.prefix);
        gate.mode = 'hold';
        gate.held = new Promise((resolve) => (gate.release = resolve));
        return true;
      }
      case 'chunk-gate:fail':
        chunkGate(payload.prefix).mode = 'fail';
        return true;
      case 'chunk-gate:pass': {
        const gate = chunkGate(payload.prefix);
        gate.mode = 'pass';
        gate.release();
        gate.held = Promise.resolve();
        return true;
      }
      case 'chunk-gate:requests':
        return chunkGate(payload.prefix).requests;
      default:
        return undefined;
    }
  },
};

const standInCommands = {
  name: 'vlens-stand-in',
  async executeCommand({ command, payload }) {
    const control = standIn.control;
    switch (command) {
      case 'stand-in:last-code':
        return control.lastCode(payload.to) ?? null;
      case 'stand-in:configure':
        control.configure(payload);
        return control.settings();
      case 'stand-in:fault':
        control.fault(payload.fault, payload.scope);
        return true;
      case 'stand-in:release':
        control.release();
        return true;
      case 'stand-in:held':
        return control.held();
      case 'stand-in:add-user':
        control.addUser(payload);
        return true;
      case 'stand-in:reset':
        control.reset();
        return true;
      case 'stand-in:calls':
        return control.calls();
      case 'stand-in:last-request':
        return control.lastRequest(payload.path) ?? null;
      case 'captcha:verdict':
        fakeCaptcha.control.setVerdict(payload.verdict);
        return true;
      case 'captcha:checks':
        return fakeCaptcha.control.checks();
      case 'captcha:reset':
        fakeCaptcha.control.reset();
        return true;
      case 'test:unique-phone':
        // Egyptian mobiles +20 100 000 xxxx, never twice in one run (the stand-in remembers users).
        phoneCounter += 1;
        return `+20100000${String(phoneCounter).padStart(4, '0')}`;
      case 'test:csp-reports':
        return cspReports;
      case 'test:closed-port-endpoint': {
        // An endpoint nothing listens on: start a server, note its port, close it.
        const { createServer } = await import('node:http');
        const server = createServer();
        await new Promise((r) => server.listen(0, '127.0.0.1', r));
        const { port } = server.address();
        await new Promise((r) => server.close(r));
        return `http://127.0.0.1:${port}/api/vlens`;
      }
      default:
        return undefined;
    }
  },
  async serverStop() {
    await proxy.close();
    for (const { handler } of [...otherProxies, ...captchaProxies]) await handler.close();
    await upstream.close();
  },
};

/**
 * Screenshots of each step in both languages: baselines in test/screenshots/baseline/ (committed),
 * failures and diffs in test/screenshots/failed/ (ignored). `UPDATE_SCREENSHOTS=1 npm run test:browser`
 * rewrites the baselines.
 */
const visualRegression = visualRegressionPlugin({
  baseDir: new URL('./test/screenshots', import.meta.url).pathname,
  update: process.env.UPDATE_SCREENSHOTS === '1',
  getBaselineName: ({ browser, name }) => join('baseline', browser, name),
  getDiffName: ({ browser, name }) => join('failed', browser, `${name}-diff`),
  getFailedName: ({ browser, name }) => join('failed', browser, name),
  // Same fonts, same Chromium: a changed digit is about 50 pixels, so allow only stray anti-aliasing.
  failureThreshold: 10,
  failureThresholdType: 'pixel',
});

const ENGINE = process.env.WTR_ENGINE || 'chromium';

export default {
  files: engineFiles(ENGINE),
  // A port the system hands out, not the runner's scan from 8000: engines start side by side.
  port: await freePort(),
  nodeResolve: true,
  concurrency: 1,
  // Into a log (npm test's jobs, CI): plain lines, no progress bar redrawn over them.
  staticLogging: !process.stdout.isTTY,
  // Generous: three engines share two cores in `npm test`, and a browser that starts slowly is not a failure.
  browserStartTimeout: 120_000,
  testsStartTimeout: 120_000,
  testsFinishTimeout: 300_000,
  // Mocha's bound per test: 60 s. A test that compiles a framework in the page (Svelte's compiler) and
  // walks every step took over 30 s with three engines, the node tests and a build sharing two cores.
  testFramework: { config: { timeout: 60_000 } },
  browsers: [await engineLauncher(ENGINE)],
  middleware: [gateChunks, testRoutes, mountProxy, mountDevOAuth, mountFakeCaptcha],
  plugins: [
    prebundledDeps(),
    // TypeScript only: with a target, the plugin would also rewrite every JavaScript file it serves (the
    // prebundles, axe, the framework hosts' libraries) to that target with an inline source map, about three
    // times the bytes for each page to load; every engine here runs ES2022 as it is.
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: new URL('./tsconfig.json', import.meta.url).pathname,
      loaders: { '.js': undefined },
    }),
    standInCommands,
    chunkGateCommands,
    deviceCommands,
    visualRegression,
    vueSfcPlugin,
    hostPagesPlugin,
  ],
};
