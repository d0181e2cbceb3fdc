/**
 * `vlens-register/server/h3`: the proxy as an h3 event handler, for Nuxt (Nitro) and any h3 server.
 *
 * ```ts
 * // server/routes/api/vlens/[...path].ts
 * import { createVlensEventHandler } from 'vlens-register/server/h3';
 * export default createVlensEventHandler(() => ({ apiKey: process.env.VLENS_API_KEY! }));
 * ```
 *
 * The options are read and the proxy made at the first request, so `nuxt build` runs without the
 * key; without it each request is answered with a 500 envelope and the reason is logged once. The
 * client's address is the socket's (h3's `getRequestIP`); behind proxies, `trustProxy` or
 * `trustedProxies` say how much of `X-Forwarded-For` to believe, as for the Node adapter.
 */
import type { EventHandler } from 'h3';
import { fromWebRequest, toWebResponse } from './exchange.js';
import { lazyProxy, type VlensOptionsSource } from './lazy-proxy.js';
import { importPeer } from './optional-peer.js';
import type { VlensProxyOptions } from './proxy.js';

export type { VlensProxyOptions } from './proxy.js';
export type { VlensOptionsSource } from './lazy-proxy.js';

const { defineEventHandler, getRequestIP, toWebRequest } = await importPeer(
  'h3',
  'vlens-register/server/h3',
  () => import('h3'),
);

/** An h3 handler serving the proxy's paths (mount it at the proxy's `mountPath`, default `/api/vlens/**`). */
export function createVlensEventHandler(options: VlensOptionsSource<VlensProxyOptions>): EventHandler {
  const proxy = lazyProxy('vlens-register/server/h3', options);
  return defineEventHandler(async (event) =>
    toWebResponse(await proxy.exchange(fromWebRequest(toWebRequest(event)), getRequestIP(event))),
  );
}
