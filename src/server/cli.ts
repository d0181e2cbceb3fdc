/**
 * `npm start`: the demo page, the bundles and the proxy on one origin.
 * Without VLENS_API_KEY the proxy fronts an embedded Vlens stand-in and the
 * codes it "sends" are printed here; with it, the real API (VLENS_API_URL).
 *
 * Environment: PORT (8000), HOST (localhost), VLENS_API_KEY, VLENS_API_URL
 * (https://api.vlenseg.com), REDIS_URL (limits shared through Redis).
 * With NODE_ENV=production (any casing) and no VLENS_API_KEY it exits with
 * status 1 instead of serving the stand-in.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createVlensStandIn } from '../mock/index.js';
import { createDevOAuthHandler, DEV_OAUTH_PATH, devOAuthNodeListener } from '../mock/dev-oauth.js';
import { isProductionEnv } from '../mock/production.js';
import { serveNode, toNodeListener } from './node.js';
import { createVlensProxy } from './proxy.js';
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
  const standIn = createVlensStandIn({
    onCode: ({ to, code, channel }) => console.log(`${channel === 'sms' ? 'SMS' : 'Email'} code for ${to}: ${code}`),
  });
  return {
    fetch: async (input, init) => standIn.handle(new Request(input, init)),
    describe: 'the embedded Vlens stand-in (codes it sends are printed below)',
    devOAuth: devOAuthNodeListener(createDevOAuthHandler(standIn)),
  };
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

  const proxy = createVlensProxy({
    apiKey: apiKey || 'stand-in-key',
    upstream: embedded ? 'http://stand-in.invalid' : upstream,
    fetch: embedded?.fetch,
    redis: process.env.REDIS_URL || undefined,
  });
  const api = toNodeListener(proxy);

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === proxy.mountPath || path.startsWith(`${proxy.mountPath}/`)) return api(req, res);
    // Development sign-in (demo/oauth.html): only with the embedded stand-in, never beside the real API.
    if (embedded && path.startsWith(`${DEV_OAUTH_PATH}/`)) {
      embedded.devOAuth(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
      return;
    }
    const [root, rest] = path.startsWith('/dist/') ? [DIST_DIR, path.slice('/dist/'.length)] : [DEMO_DIR, path.slice(1)];
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
  console.log(`Proxy: ${url}${proxy.mountPath} → ${embedded ? embedded.describe : upstream}`);
  if (embedded) console.log(`Google/Microsoft with a development sign-in: ${url}/oauth.html`);
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(130);
    stopping = true;
    Promise.all([running.close(), proxy.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
