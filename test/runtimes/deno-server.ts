/**
 * The proxy's fetch-style handler served by Deno's own HTTP server, as a
 * tenant on Deno would write it (test/runtimes/runtimes.test.ts starts it).
 * Reads VLENS_API_KEY and VLENS_API_URL (and VLENS_UPSTREAM_FETCH: upstream
 * calls through Deno's own fetch instead of the default node:http transport);
 * prints `listening <url>` once it is.
 */
import { createVlensProxy } from '../../src/server/proxy.js';

/** What this file uses of Deno's API (Deno's own types are not a dependency of the project). */
declare const Deno: {
  env: { get(name: string): string | undefined };
  serve(
    options: { hostname: string; port: number; onListen(address: { hostname: string; port: number }): void },
    handler: (request: Request, info: { remoteAddr: { hostname: string } }) => Promise<Response>,
  ): { shutdown(): Promise<void> };
  addSignalListener(signal: 'SIGTERM', listener: () => void): void;
  exit(code: number): never;
};

const proxy = createVlensProxy({
  apiKey: Deno.env.get('VLENS_API_KEY') ?? '',
  upstream: Deno.env.get('VLENS_API_URL'),
  ...(Deno.env.get('VLENS_UPSTREAM_FETCH') ? { fetch } : {}),
});

const server = Deno.serve(
  {
    hostname: '127.0.0.1',
    port: 0,
    onListen: ({ hostname, port }) => console.log(`listening http://${hostname}:${port}`),
  },
  // The client's address for the per-client limits: Deno gives the socket's.
  (request, info) => proxy(request, { clientIp: info.remoteAddr.hostname }),
);

Deno.addSignalListener('SIGTERM', () => {
  void server
    .shutdown()
    .then(() => proxy.close())
    .then(() => Deno.exit(0));
});
