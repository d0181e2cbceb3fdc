/** Runs the proxy handler under Node: its own http server, or a listener for Express, Koa and web-dev-server. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { importPeer } from './optional-peer.js';
import type { ProxyReply, ProxyRequest } from './exchange.js';
import { readMessageText } from './upstream.js';

/**
 * A web-standard handler, as createVlensProxy returns (mountPath lets the
 * listener pass other paths on; `exchange`, when there, is served without
 * web Request/Response objects).
 */
export type WebHandler = ((request: Request, info?: { clientIp?: string }) => Promise<Response>) & {
  readonly mountPath?: string;
  readonly exchange?: (request: ProxyRequest, clientIp?: string) => Promise<ProxyReply>;
  /** Releases what the handler holds (the proxy's store); `listen` calls it on SIGTERM once calls in flight are answered. */
  readonly close?: () => Promise<void>;
};

/** Node server timeouts sized for a small JSON API. */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 15_000;
/** How long close() (and SIGTERM) lets calls in flight finish before cutting their connections: the upstream deadline and a margin. */
export const DRAIN_TIMEOUT_MS = 12_000;

export type NodeListener = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;

/**
 * A Node `(req, res, next?)` listener for `handler`. As Express middleware,
 * mount it before any body parser (it reads the raw stream); requests
 * outside the handler's mountPath go to `next` when there is one. Under Koa
 * or web-dev-server: `ctx.respond = false; listener(ctx.req, ctx.res)`.
 * The client IP passed on is the socket address.
 */
export function toNodeListener(handler: WebHandler): NodeListener {
  const exchange = handler.exchange;
  const listener = exchange
    ? (req: IncomingMessage, res: ServerResponse) => serveExchange(exchange, req, res)
    : fetchStyleListener(handler);
  return (req, res, next) => {
    // Express strips the mount path from req.url inside app.use('/x', ...); the handler routes on the full path.
    const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
    const mount = handler.mountPath;
    if (next && mount !== undefined && !isUnder(url, mount)) return next();
    req.url = url;
    void listener(req, res);
  };
}

/** @hono/node-server, an optional peer needed only for handlers without `exchange`: loaded on first use. */
let honoNodeServer: Promise<typeof import('@hono/node-server')> | undefined;
const loadHonoNodeServer = () =>
  (honoNodeServer ??= importPeer(
    '@hono/node-server',
    'vlens-register/server/node (for a handler without `exchange`)',
    () => import('@hono/node-server'),
  ));

/**
 * A handler without `exchange` (not made by createVlensProxy) goes through @hono/node-server's
 * Request/Response adapter. Without that package each request gets a 500 envelope, and the reason
 * (one line with the npm install) is logged once.
 */
function fetchStyleListener(handler: WebHandler): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  let listener: Promise<(req: IncomingMessage, res: ServerResponse) => unknown> | undefined;
  let reported = false;
  return async (req, res) => {
    listener ??= loadHonoNodeServer().then(({ getRequestListener }) =>
      getRequestListener((request, env) => handler(request, { clientIp: env.incoming.socket.remoteAddress }), {
        overrideGlobalObjects: false,
      }),
    );
    try {
      await (
        await listener
      )(req, res);
    } catch (error) {
      if (!reported) console.error(error instanceof Error ? error.message : String(error));
      reported = true;
      if (res.headersSent) return void res.destroy();
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          data: null,
          error_code: 500,
          error_message: 'Server misconfigured',
          error_descriptions: null,
        }),
      );
    }
  };
}

/** Drained after an answer that left the body part-read: at most this much, then the socket closes. */
const DRAIN_MAX_BYTES = 64 * 1024 * 1024;

/** Serves one request through `exchange`: the body read straight off the socket, the reply written in one go. */
async function serveExchange(
  exchange: NonNullable<WebHandler['exchange']>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let reply: ProxyReply;
  const request = incomingRequest(req);
  try {
    reply = await exchange(request, req.socket.remoteAddress);
  } catch {
    reply = { status: 500, headers: {}, body: null };
  }
  if (res.destroyed || res.headersSent) return;
  // A body left part-read (refused past the size cap) is drained once the answer is out, so the client
  // reads the answer rather than a reset; Node itself discards a body that was never read.
  if (request.started && !req.readableEnded) res.once('finish', () => drain(req));
  const headers: Record<string, string | number> = reply.headers;
  if (reply.body !== null) headers['Content-Length'] = Buffer.byteLength(reply.body);
  res.writeHead(reply.status, headers);
  res.end(reply.body ?? undefined);
}

const SAFE_HOST = /^[\w.-]+(:\d+)?$|^\[[\da-f:.]+\](:\d+)?$/i;

/** An IncomingMessage as a ProxyRequest (the URL from the Host header when it is a plain host, else localhost). */
function incomingRequest(req: IncomingMessage): IncomingProxyRequest {
  return new IncomingProxyRequest(req);
}

/** Node's request headers, looked up case-insensitively; repeated headers joined with ', '. */
class IncomingHeaders {
  constructor(private readonly headers: IncomingMessage['headers']) {}

  get(name: string): string | null {
    const value = this.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.headers[name.toLowerCase()] !== undefined;
  }
}

/** A ProxyRequest on an IncomingMessage, as a class: its methods are shared, not closures made per request. */
class IncomingProxyRequest implements ProxyRequest {
  /** Whether the body was asked for (serveExchange drains what is left of it). */
  started = false;
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHeaders;

  constructor(private readonly req: IncomingMessage) {
    const host = req.headers.host;
    const scheme = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
    this.method = req.method ?? 'GET';
    this.url = `${scheme}://${host && SAFE_HOST.test(host) ? host : 'localhost'}${req.url ?? '/'}`;
    this.headers = new IncomingHeaders(req.headers);
  }

  readText(maxBytes: number): Promise<string | null> {
    this.started = true;
    this.req.on('error', ignore); // a client that goes away mid-body rejects the read through 'close'
    return readMessageText(this.req, maxBytes, { destroyPastMax: false });
  }

  toRequest(body: string): Request {
    const headers = new Headers();
    for (const [name, value] of Object.entries(this.req.headers)) {
      for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
    }
    return new Request(this.url, { method: this.req.method, headers, body });
  }
}

function ignore(): void {}

/**
 * Reads and discards what is left of a request body, closing the socket past DRAIN_MAX_BYTES; the
 * server's requestTimeout bounds how long a slow client can take.
 */
function drain(req: IncomingMessage): void {
  if (req.destroyed || req.readableEnded) return;
  let read = 0;
  const onData = (chunk: Buffer) => {
    read += chunk.byteLength;
    if (read <= DRAIN_MAX_BYTES) return;
    cleanup();
    req.socket.destroySoon();
  };
  const cleanup = () => {
    req.off('data', onData);
    req.off('end', cleanup);
    req.off('error', cleanup);
  };
  req.on('data', onData);
  req.on('end', cleanup);
  req.on('error', cleanup);
  req.resume();
}

function isUnder(url: string, mount: string): boolean {
  const path = url.split('?')[0];
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
  /** How long close() lets calls in flight finish before cutting their connections, ms. Default DRAIN_TIMEOUT_MS (12 s). */
  drainTimeoutMs?: number;
}

export interface ListenerOptions extends ListenOptions {
  /**
   * Signals on which `listen` shuts the process down gracefully: stop accepting, let calls in flight
   * finish (within `drainTimeoutMs`), close the handler (its store), exit 0. Default ['SIGTERM'];
   * [] to handle signals yourself (then call `close()` and the handler's `close()`).
   */
  shutdownSignals?: readonly NodeJS.Signals[];
}

export interface RunningServer {
  /** e.g. 'http://127.0.0.1:40123' */
  url: string;
  server: Server;
  /**
   * Stops accepting connections, lets requests in flight finish (within `drainTimeoutMs`, then cuts
   * their connections) and closes idle keep-alive connections; resolves once the server is closed.
   */
  close(): Promise<void>;
  /** Requests that reached the listener and are not answered yet. */
  inFlight(): number;
}

/**
 * Serves `handler` on a new Node http server (headersTimeout 10 s, requestTimeout 15 s unless options
 * say otherwise); on SIGTERM (see `shutdownSignals`) drains it, closes the handler and exits 0. A
 * handler without `exchange` needs @hono/node-server: without it this rejects with a MissingPeerError
 * (one line: the npm install) before listening.
 */
export async function listen(handler: WebHandler, options: ListenerOptions = {}): Promise<RunningServer> {
  if (!handler.exchange) await loadHonoNodeServer();
  const running = await serveNode(toNodeListener(handler), options);
  const signals = options.shutdownSignals ?? ['SIGTERM'];
  if (signals.length === 0) return running;
  const entry = { running, handler, signals };
  shutdownOnSignal.add(entry);
  return {
    ...running,
    close: () => {
      shutdownOnSignal.delete(entry);
      return running.close();
    },
  };
}

/** The servers `listen` shuts down on a signal, and the one process listener per signal that does it. */
const shutdownOnSignal = new (class {
  private readonly entries = new Set<{
    running: RunningServer;
    handler: WebHandler;
    signals: readonly NodeJS.Signals[];
  }>();
  private readonly listening = new Map<NodeJS.Signals, () => void>();
  private stopping = false;

  add(entry: { running: RunningServer; handler: WebHandler; signals: readonly NodeJS.Signals[] }) {
    this.entries.add(entry);
    for (const signal of entry.signals) {
      if (this.listening.has(signal)) continue;
      const onSignal = () => void this.stop(signal);
      this.listening.set(signal, onSignal);
      process.on(signal, onSignal);
    }
  }

  delete(entry: { running: RunningServer; handler: WebHandler; signals: readonly NodeJS.Signals[] }) {
    this.entries.delete(entry);
    for (const [signal, onSignal] of this.listening) {
      if ([...this.entries].some((e) => e.signals.includes(signal))) continue;
      process.off(signal, onSignal);
      this.listening.delete(signal);
    }
  }

  private async stop(signal: NodeJS.Signals) {
    if (this.stopping) return;
    this.stopping = true;
    const entries = [...this.entries].filter((e) => e.signals.includes(signal));
    const inFlight = entries.reduce((n, e) => n + e.running.inFlight(), 0);
    console.warn(`vlens proxy: ${signal}: draining ${inFlight} call(s) in flight, then exiting`);
    const results = await Promise.allSettled(
      entries.map(async ({ running, handler }) => {
        await running.close();
        await handler.close?.();
      }),
    );
    process.exit(results.every((r) => r.status === 'fulfilled') ? 0 : 1);
  }
})();

/** Starts a Node http server for a listener with the API timeouts; resolves once it listens. */
export function serveNode(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  {
    port = 0,
    host = '127.0.0.1',
    headersTimeoutMs = HEADERS_TIMEOUT_MS,
    requestTimeoutMs = REQUEST_TIMEOUT_MS,
    drainTimeoutMs = DRAIN_TIMEOUT_MS,
  }: ListenOptions = {},
): Promise<RunningServer> {
  // Node checks these timeouts only every connectionsCheckingInterval (30 s by default),
  // which would let a dribbling client hold a socket for up to 45 s; check often enough to keep them.
  const shortest = Math.min(headersTimeoutMs, requestTimeoutMs);
  const connectionsCheckingInterval = Math.max(50, Math.min(1000, Math.floor(shortest / 4)));
  const drain = new Drain();
  const server = createServer({ connectionsCheckingInterval }, (req, res) => {
    drain.track(res);
    listener(req, res);
  });
  drain.server = server;
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
        close: () => drain.close(drainTimeoutMs),
        inFlight: () => drain.inFlight.size,
      });
    });
  });
}

/**
 * The requests a server is answering, and its graceful close: stop accepting, answer what is in flight
 * (with `Connection: close`), close each keep-alive connection as it turns idle, and cut whatever is
 * left at the deadline.
 */
class Drain {
  server!: Server;
  readonly inFlight = new Set<ServerResponse>();
  private closing = false;
  private idle?: () => void;
  private closed?: Promise<void>;

  track(res: ServerResponse): void {
    if (this.closing) res.setHeader('Connection', 'close');
    this.inFlight.add(res);
    res.once('close', () => {
      this.inFlight.delete(res);
      if (!this.closing) return;
      // The connection that carried it is idle once this turn ends.
      setImmediate(() => this.server.closeIdleConnections());
      if (this.inFlight.size === 0) this.idle?.();
    });
  }

  close(deadlineMs: number): Promise<void> {
    this.closed ??= this.drain(deadlineMs);
    return this.closed;
  }

  private async drain(deadlineMs: number): Promise<void> {
    this.closing = true;
    const closed = new Promise<void>((done) => this.server.close(() => done()));
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    this.server.closeIdleConnections();
    if (this.inFlight.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((done) => {
        this.idle = done;
        timer = setTimeout(done, deadlineMs);
      });
      clearTimeout(timer);
    }
    this.server.closeAllConnections();
    await closed;
  }
}
