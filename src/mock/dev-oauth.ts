/**
 * Development sign-in endpoint: `POST {mount}/{google|microsoft}/token` with
 * `{ email, variant? }` answers `{ idToken }` signed by the stand-in's own
 * dev issuers, so the demo and browser tests run the OAuth path offline
 * without the browser ever holding a signing key. Not a Vlens path: it is
 * mounted beside the proxy (cli.ts, web-test-runner), never inside it, and
 * only exists where a stand-in does.
 */
import { createDevIssuer } from './issuers.js';
import { mountedNodeListener, type MountedHandler } from './node-mount.js';
import { isProductionEnv } from './production.js';
import type { VlensStandIn } from './index.js';

export const DEV_OAUTH_PATH = '/dev-oauth';

/** `valid` (default); `expired` (an hour old); `unknown-issuer` (another key and `iss`); `wrong-audience`. */
export type DevTokenVariant = 'valid' | 'expired' | 'unknown-issuer' | 'wrong-audience';
const VARIANTS: readonly DevTokenVariant[] = ['valid', 'expired', 'unknown-issuer', 'wrong-audience'];

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,63}$/;
const MAX_BODY = 4096;

/** Answers dev token requests under `mountPath`; resolves to null for any other path. */
export type DevOAuthHandler = MountedHandler;

function answer(status: number, body: object): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

/** A handler bound to one stand-in's issuers. Throws under NODE_ENV=production (any casing), like the stand-in. */
export function createDevOAuthHandler(
  standIn: Pick<VlensStandIn, 'issuers'>,
  { mountPath = DEV_OAUTH_PATH }: { mountPath?: string } = {},
): DevOAuthHandler {
  if (isProductionEnv()) throw new Error('The dev sign-in endpoint refuses to run with NODE_ENV=production.');
  const mount = mountPath.replace(/\/+$/, '');
  const pattern = new RegExp(`^${mount.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(google|microsoft)/token$`);

  const handler = async (request: Request) => {
    const path = new URL(request.url).pathname;
    if (path !== mount && !path.startsWith(`${mount}/`)) return null;
    const match = pattern.exec(path);
    if (!match) return answer(404, { error: 'Use POST /dev-oauth/{google|microsoft}/token' });
    if (request.method !== 'POST') return answer(405, { error: 'POST only' });
    if (!(request.headers.get('content-type') ?? '').includes('application/json'))
      return answer(415, { error: 'JSON only' });
    const text = await request.text();
    if (text.length > MAX_BODY) return answer(413, { error: 'Body too large' });
    let body: { email?: unknown; variant?: unknown };
    try {
      body = (JSON.parse(text) as typeof body | null) ?? {};
    } catch {
      return answer(400, { error: 'The body is not JSON' });
    }
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    if (!EMAIL.test(email)) return answer(400, { error: 'A valid email is required' });
    const variant = (body.variant ?? 'valid') as DevTokenVariant;
    if (!VARIANTS.includes(variant)) return answer(400, { error: `variant is one of ${VARIANTS.join(', ')}` });

    const issuer = standIn.issuers[match[1] as 'google' | 'microsoft'];
    let idToken: string;
    switch (variant) {
      case 'valid':
        idToken = await issuer.signIdToken({ email });
        break;
      case 'expired':
        idToken = await issuer.signIdToken({ email, expiresInSeconds: -3600 });
        break;
      case 'wrong-audience':
        idToken = await issuer.signIdToken({ email, audience: 'someone-elses-client-id' });
        break;
      case 'unknown-issuer': {
        const stranger = createDevIssuer(issuer.name, issuer.audience, Date.now);
        idToken = await stranger.signIdToken({ email, issuer: 'https://unknown-issuer.dev.vlens-register.invalid' });
        break;
      }
    }
    return answer(200, { idToken });
  };
  return Object.assign(handler, { mountPath: mount });
}

/**
 * The handler as Node middleware: answers and resolves true for its own
 * paths, resolves false (untouched) for others.
 */
export const devOAuthNodeListener = (handler: DevOAuthHandler) => mountedNodeListener(handler);
