/**
 * `vlens-register/server/next`: the proxy as Next.js App Router route handlers.
 *
 * ```ts
 * // app/api/vlens/[...path]/route.ts
 * import { createVlensRouteHandlers } from 'vlens-register/server/next';
 * export const { GET, POST, OPTIONS } = createVlensRouteHandlers(() => ({
 *   apiKey: process.env.VLENS_API_KEY!,
 *   trustProxy: 1, // Vercel, or one load balancer in front
 * }));
 * ```
 *
 * The options are read and the proxy made at the first request, so `next build` runs without the
 * key; without it that request (and each one after, until it is there) is answered with a 500
 * envelope and the reason is logged once. A route handler is given no socket address: the client is
 * read from `X-Forwarded-For` as `trustProxy` (the number of proxies in front) or `trustedProxies`
 * (their addresses) says; with neither, the proxy warns once at the first request and every client
 * shares one per-IP budget. `next start` facing the internet keeps an `X-Forwarded-For` the client
 * sent: put a proxy in front before trusting it.
 */
import { fromWebRequest, toWebResponse } from './exchange.js';
import { lazyProxy, type VlensOptionsSource } from './lazy-proxy.js';
import type { VlensProxyOptions } from './proxy.js';

export type { VlensProxyOptions } from './proxy.js';
export type { VlensOptionsSource } from './lazy-proxy.js';

/** A route handler as the App Router calls it (the second argument, `{ params }`, is not read). */
export type VlensRouteHandler = (request: Request) => Promise<Response>;

/** The route's handlers: `GET` (config, health), `POST` (the Vlens calls), `OPTIONS` (preflight). */
export interface VlensRouteHandlers {
  GET: VlensRouteHandler;
  POST: VlensRouteHandler;
  OPTIONS: VlensRouteHandler;
}

/** Route handlers for a catch-all route at the proxy's mount (default `app/api/vlens/[...path]/route.ts`). */
export function createVlensRouteHandlers(options: VlensOptionsSource<VlensProxyOptions>): VlensRouteHandlers {
  const proxy = lazyProxy('vlens-register/server/next', options);
  const handle: VlensRouteHandler = async (request) => toWebResponse(await proxy.exchange(fromWebRequest(request)));
  return { GET: handle, POST: handle, OPTIONS: handle };
}
