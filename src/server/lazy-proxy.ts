/**
 * The proxy as framework adapters hold it: created from the tenant's options at the first request,
 * not when the module loads, so a build (Next.js, Nuxt) runs without the API key. When the options
 * cannot make a proxy (no key in the environment, a bad option), each request is answered with a
 * 500 envelope and the reason is logged once.
 */
import type { ProxyReply, ProxyRequest } from './exchange.js';
import { createVlensProxy, type VlensProxyHandler, type VlensProxyOptions } from './proxy.js';
import { envelopeResponse, ProxyRefusal } from './refusal.js';

/** The tenant's options, read at the first request (e.g. from `process.env`). */
export type VlensOptionsSource<T extends VlensProxyOptions = VlensProxyOptions> = () => T | Promise<T>;

export interface LazyProxy {
  /** The proxy's answer to `request`; `clientIp` as the proxy handler takes it. */
  exchange(request: ProxyRequest, clientIp?: string): Promise<ProxyReply>;
}

/**
 * A proxy made from `source()`'s options at the first request (one for every request that arrives before it
 * is ready). A failure to make it is not kept: the next request tries again, so a key set later is
 * picked up; each distinct reason is logged once, through `console.error` with `adapter`'s name.
 */
export function lazyProxy<T extends VlensProxyOptions>(adapter: string, source: VlensOptionsSource<T>): LazyProxy {
  let pending: Promise<VlensProxyHandler> | undefined;
  const logged = new Set<string>();
  const proxy = () =>
    (pending ??= (async () => createVlensProxy(await source()))().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
  return {
    async exchange(request, clientIp) {
      let handler: VlensProxyHandler;
      try {
        handler = await proxy();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (!logged.has(reason)) {
          logged.add(reason);
          console.error(`${adapter}: the Vlens proxy could not be created, every request answers 500: ${reason}`);
        }
        return envelopeResponse(new ProxyRefusal(500, 'The registration service is not configured'));
      }
      return handler.exchange(request, clientIp);
    },
  };
}
