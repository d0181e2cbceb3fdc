/**
 * The proxy's fetch-style handler served by Bun's own HTTP server, as a
 * tenant on Bun would write it (test/runtimes/runtimes.test.ts starts it
 * with `bun run test/runtimes/bun-server.ts`). Bun runs the TypeScript as is.
 * Reads VLENS_API_KEY and VLENS_API_URL (and VLENS_UPSTREAM_FETCH: upstream
 * calls through Bun's own fetch instead of the default node:http transport);
 * prints `listening <url>` once it is.
 */
import { createVlensProxy } from '../../src/server/proxy.js';

/** What this file uses of Bun's API (Bun's own types are not a dependency of the project). */
declare const Bun: {
  serve(options: {
    hostname: string;
    port: number;
    fetch(request: Request, server: { requestIP(request: Request): { address: string } | null }): Promise<Response>;
  }): { url: URL; stop(): Promise<void> };
};

const proxy = createVlensProxy({
  apiKey: process.env.VLENS_API_KEY ?? '',
  upstream: process.env.VLENS_API_URL,
  ...(process.env.VLENS_UPSTREAM_FETCH ? { fetch } : {}),
});

const server = Bun.serve({
  hostname: '127.0.0.1',
  port: 0,
  // The client's address for the per-client limits: Bun gives the socket's.
  fetch: (request, bun) => proxy(request, { clientIp: bun.requestIP(request)?.address }),
});
console.log(`listening ${server.url.origin}`);

process.on('SIGTERM', () => {
  void server
    .stop()
    .then(() => proxy.close())
    .then(() => process.exit(0));
});
