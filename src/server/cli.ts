/**
 * `npm start`: the demo page, the bundles and the proxy on one origin.
 * Without VLENS_API_KEY the proxy fronts an embedded Vlens stand-in and the
 * codes it "sends" are printed here; with it, the real API (VLENS_API_URL).
 *
 * Environment: PORT (8000), HOST (localhost), VLENS_API_KEY, VLENS_API_URL
 * (https://api.vlenseg.com), REDIS_URL (limits shared through Redis).
 * With NODE_ENV=production (any casing) and no VLENS_API_KEY it exits with
 * status 1 instead of serving the stand-in.
 *
 * Metrics: METRICS_PORT (default 9464, off with NODE_ENV=production unless set; 0 = any free port),
 * METRICS_HOST (default HOST): Prometheus text at `/metrics` on a listener of its own, never on the
 * public origin. SIGTERM (or Ctrl-C) stops accepting, lets calls in flight finish, then exits 0.
 *
 * CAPTCHA: CAPTCHA_PROVIDER (turnstile | hcaptcha | recaptcha), CAPTCHA_SITE_KEY,
 * CAPTCHA_SECRET and CAPTCHA_VERIFY_URL (default: the provider's siteverify).
 * With the embedded stand-in, a provider without a secret uses the fake
 * CAPTCHA served at /fake-captcha (its scripts and verify endpoint). With
 * NODE_ENV=production and no CAPTCHA, one warning line says what is open.
 *
 * Behind proxies: TRUST_PROXY (a hop count) and TRUSTED_PROXIES (addresses
 * and CIDRs, comma-separated), the proxy's `trustProxy` and `trustedProxies`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { CAPTCHA_PROVIDERS, type CaptchaProvider } from '../api/schemas.js';
import {
  createFakeCaptcha,
  FAKE_CAPTCHA_SECRET,
  FAKE_CAPTCHA_SITE_KEY,
  fakeCaptchaVerifyUrl,
  type FakeCaptcha,
} from '../mock/captcha.js';
import { createVlensStandIn } from '../mock/index.js';
import { mountedNodeListener } from '../mock/node-mount.js';
import { printCode } from '../mock/server.js';
import { createDevOAuthHandler, DEV_OAUTH_PATH, devOAuthNodeListener } from '../mock/dev-oauth.js';
import { isProductionEnv } from '../mock/production.js';
import { installMetricsExport, type MetricsExport } from './metrics-export.js';
import { serveNode, toNodeListener, type RunningServer } from './node.js';
import { createVlensProxy, type CaptchaOptions } from './proxy.js';
import { serveStatic } from './static.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEMO_DIR = `${ROOT}demo`;
const DIST_DIR = `${ROOT}dist`;

/**
 * Fetch into the stand-in in-process (no port, no network), and the dev
 * sign-in endpoint that signs OAuth tokens with the stand-in's dev issuers.
 */
function standInFetch(): {
  fetch: typeof fetch;
  describe: string;
  devOAuth: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
} {
  const standIn = createVlensStandIn({ onCode: printCode });
  return {
    fetch: async (input, init) => standIn.handle(new Request(input, init)),
    describe: 'the embedded Vlens stand-in (codes it sends are printed below)',
    devOAuth: devOAuthNodeListener(createDevOAuthHandler(standIn)),
  };
}

/**
 * The proxy's CAPTCHA from the environment: none, the provider's real API, or
 * (with the embedded stand-in and no secret) the fake, called in-process.
 */
function captchaFromEnv(fake: FakeCaptcha | undefined): CaptchaOptions | undefined {
  const provider = process.env.CAPTCHA_PROVIDER?.trim().toLowerCase();
  if (!provider) return undefined;
  if (!(CAPTCHA_PROVIDERS as readonly string[]).includes(provider)) {
    throw new Error(`CAPTCHA_PROVIDER must be one of ${CAPTCHA_PROVIDERS.join(', ')} (got "${provider}").`);
  }
  const secret = process.env.CAPTCHA_SECRET?.trim();
  const siteKey = process.env.CAPTCHA_SITE_KEY?.trim();
  const verifyUrl = process.env.CAPTCHA_VERIFY_URL?.trim() || undefined;
  if (!secret && fake) {
    const handler = fake.handler;
    return {
      provider: provider as CaptchaProvider,
      siteKey: siteKey || FAKE_CAPTCHA_SITE_KEY,
      secret: FAKE_CAPTCHA_SECRET,
      verifyUrl: fakeCaptchaVerifyUrl('http://fake-captcha.invalid', provider as CaptchaProvider),
      fetch: async (input, init) => (await handler(new Request(input, init)))!,
    };
  }
  if (!secret || !siteKey) throw new Error('CAPTCHA_PROVIDER needs CAPTCHA_SITE_KEY and CAPTCHA_SECRET.');
  return { provider: provider as CaptchaProvider, siteKey, secret, verifyUrl };
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8000);
  const host = process.env.HOST || 'localhost';
  const apiKey = process.env.VLENS_API_KEY?.trim();
  if (!apiKey && isProductionEnv()) {
    throw new Error(
      'NODE_ENV is production but VLENS_API_KEY is not set: refusing to serve the Vlens stand-in and its development sign-in. ' +
        'Set VLENS_API_KEY to your tenant key (and VLENS_API_URL if not https://api.vlenseg.com).',
    );
  }
  const upstream = process.env.VLENS_API_URL || 'https://api.vlenseg.com';
  const embedded = apiKey ? undefined : standInFetch();
  const fakeCaptcha = embedded ? createFakeCaptcha() : undefined;
  const captcha = captchaFromEnv(fakeCaptcha);
  if (!captcha && isProductionEnv()) {
    console.warn(
      'vlens-register: NODE_ENV is production and no CAPTCHA is configured: code sends are bounded only by the rate limits ' +
        '(SMS pumping costs you up to limits.sendGlobal codes an hour). Set CAPTCHA_PROVIDER, CAPTCHA_SITE_KEY and CAPTCHA_SECRET.',
    );
  }
  // The SDK goes in before the proxy makes its instruments.
  const metricsPort = metricsPortFromEnv();
  const metrics = metricsPort === undefined ? undefined : installMetricsExport();
  const demoFunnel = metrics && !isProductionEnv() ? metrics : undefined;

  const proxy = createVlensProxy({
    apiKey: apiKey || 'stand-in-key',
    upstream: embedded ? 'http://stand-in.invalid' : upstream,
    fetch: embedded?.fetch,
    redis: process.env.REDIS_URL || undefined,
    captcha,
    trustProxy: process.env.TRUST_PROXY ? Number(process.env.TRUST_PROXY) : undefined,
    trustedProxies: process.env.TRUSTED_PROXIES?.split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  });
  const api = toNodeListener(proxy);
  const fakeCaptchaListener = fakeCaptcha && mountedNodeListener(fakeCaptcha.handler);

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === proxy.mountPath || path.startsWith(`${proxy.mountPath}/`)) return api(req, res);
    // The demo page's live funnel: read from the metrics, not counted again.
    if (demoFunnel && path === DEMO_FUNNEL_PATH) {
      demoFunnel.funnel().then(
        (rows) => {
          res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
          res.end(JSON.stringify({ countries: rows }));
        },
        () => {
          if (!res.headersSent) res.writeHead(500);
          res.end();
        },
      );
      return;
    }
    // Development sign-in (demo/oauth.html): only with the embedded stand-in, never beside the real API.
    if (fakeCaptcha && path.startsWith(`${fakeCaptcha.handler.mountPath}/`)) {
      fakeCaptchaListener!(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
      return;
    }
    if (embedded && path.startsWith(`${DEV_OAUTH_PATH}/`)) {
      embedded.devOAuth(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
      return;
    }
    const [root, rest] = path.startsWith('/dist/')
      ? [DIST_DIR, path.slice('/dist/'.length)]
      : [DEMO_DIR, path.slice(1)];
    serveStatic(root, rest, req, res)
      .then((answered) => {
        if (!answered) {
          res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
          res.end('Method not allowed\n');
        }
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
  };

  const running = await serveNode(listener, { port, host });
  const address = running.server.address();
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${typeof address === 'object' && address ? address.port : port}`;
  console.log(`vlens-register demo: ${url}/`);
  console.log(`Playground (every setting, its events, the snippet per host): ${url}/playground.html`);
  console.log(`Proxy: ${url}${proxy.mountPath} → ${embedded ? embedded.describe : upstream}`);
  if (embedded) console.log(`Google/Microsoft with a development sign-in: ${url}/oauth.html`);
  if (captcha)
    console.log(
      `CAPTCHA: ${captcha.provider}${captcha.secret === FAKE_CAPTCHA_SECRET ? ' (the fake one, offline)' : ''}`,
    );
  if (fakeCaptcha) console.log(`The CAPTCHA path with the fake provider scripts: ${url}/captcha.html`);
  const metricsServer = metrics && (await serveMetrics(metrics, metricsPort!, process.env.METRICS_HOST || host));
  const store = await proxy.ready();
  console.log(storeLine(store.body));
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    console.log(`${signal}: draining ${running.inFlight()} call(s) in flight, then exiting`);
    // Calls in flight finish (and their proofs are stored) before the store closes.
    running
      .close()
      .then(() => Promise.all([proxy.close(), metricsServer?.close(), metrics?.shutdown()]))
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Where `npm start` serves the demo page's funnel (JSON, from the metrics). */
const DEMO_FUNNEL_PATH = '/demo-funnel.json';
/** The Prometheus exporter's registered default port. */
const DEFAULT_METRICS_PORT = 9464;

/** METRICS_PORT, or the default outside production; undefined when metrics are off. */
function metricsPortFromEnv(): number | undefined {
  const raw = process.env.METRICS_PORT?.trim();
  if (!raw) return isProductionEnv() ? undefined : DEFAULT_METRICS_PORT;
  if (raw === 'off') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`METRICS_PORT must be a port number or "off" (got "${raw}").`);
  return port;
}

/** The metrics listener; the default port taken already is a warning (development), a port asked for an error. */
async function serveMetrics(metrics: MetricsExport, port: number, host: string): Promise<RunningServer | undefined> {
  try {
    const running = await metrics.serve(port, host);
    console.log(`Metrics (Prometheus): ${running.url}/metrics`);
    return running;
  } catch (error) {
    if (process.env.METRICS_PORT?.trim()) throw error;
    console.warn(`Metrics: port ${port} is taken (${(error as Error).message}); set METRICS_PORT to serve them.`);
    return undefined;
  }
}

/** The one line at start that says what the store is and keeps. */
function storeLine(body: Record<string, unknown>): string {
  const store = body.store as {
    kind: string;
    ok: boolean;
    persistence?: string;
    evictionPolicy?: string;
    warnings: string[];
  };
  const what =
    store.kind === 'redis'
      ? `Redis (${store.ok ? `persistence ${store.persistence}, maxmemory-policy ${store.evictionPolicy}` : 'not answering'})`
      : 'memory';
  // A Redis that can lose keys: the proxy's own warning line says so (through console.warn).
  const warnings = store.kind === 'redis' ? [] : store.warnings;
  return `Store: ${what}${warnings.length ? ` - WARNING: ${warnings.join('; ')}` : ''}`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
