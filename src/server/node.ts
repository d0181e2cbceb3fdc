/** Runs the proxy handler under Node: its own http server, or a listener for Express, Koa and web-dev-server. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';

/** A web-standard handler, as createVlensProxy returns (mountPath lets the listener pass other paths on). */
export type WebHandler = ((request: Request, info?: { clientIp?: string }) => Promise<Response>) & {
  readonly mountPath?: string;
};

/** Node server timeouts sized for a small JSON API. */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 15_000;

export type NodeListener = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;

/**
 * A Node `(req, res, next?)` listener for `handler`. As Express middleware,
 * mount it before any body parser (it reads the raw stream); requests
 * outside the handler's mountPath go to `next` when there is one. Under Koa
 * or web-dev-server: `ctx.respond = false; listener(ctx.req, ctx.res)`.
 * The client IP passed on is the socket address.
 */
export function toNodeListener(handler: WebHandler): NodeListener {
  const listener = getRequestListener(
    (request, env) => handler(request, { clientIp: env.incoming.socket.remoteAddress }),
    { overrideGlobalObjects: false },
  );
  return (req, res, next) => {
    // Express strips the mount path from req.url inside app.use('/x', ...); the handler routes on the full path.
    const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
    const mount = handler.mountPath;
    if (next && mount !== undefined && !isUnder(url, mount)) return next();
    req.url = url;
    void listener(req, res);
  };
}

function isUnder(url: string, mount: string): boolean {
  const path = url.split('?')[0]!;
  return mount === '' || path === mount || path.startsWith(`${mount}/`);
}

export interface ListenOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Time allowed for the request headers, ms. Default HEADERS_TIMEOUT_MS (10 s). */
  headersTimeoutMs?: number;
  /** Time allowed for the whole request (headers and body), ms; 408 after. Default REQUEST_TIMEOUT_MS (15 s). */
  requestTimeoutMs?: number;
}

export interface RunningServer {
  /** e.g. 'http://127.0.0.1:40123' */
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Serves `handler` on a new Node http server (headersTimeout 10 s, requestTimeout 15 s unless options say otherwise). */
export function listen(handler: WebHandler, options: ListenOptions = {}): Promise<RunningServer> {
  return serveNode(toNodeListener(handler), options);
}

/** Starts a Node http server for a listener with the API timeouts; resolves once it listens. */
export function serveNode(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  {
    port = 0,
    host = '127.0.0.1',
    headersTimeoutMs = HEADERS_TIMEOUT_MS,
    requestTimeoutMs = REQUEST_TIMEOUT_MS,
  }: ListenOptions = {},
): Promise<RunningServer> {
  // Node checks these timeouts only every connectionsCheckingInterval (30 s by default),
  // which would let a dribbling client hold a socket for up to 45 s; check often enough to keep them.
  const shortest = Math.min(headersTimeoutMs, requestTimeoutMs);
  const connectionsCheckingInterval = Math.max(50, Math.min(1000, Math.floor(shortest / 4)));
  const server = createServer({ connectionsCheckingInterval }, listener);
  server.headersTimeout = headersTimeoutMs;
  server.requestTimeout = requestTimeoutMs;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${hostPart}:${address.port}`,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
