/**
 * How the proxy calls Vlens: one POST, the status and content type, then the
 * body read with a byte cap. Under Node the default is node:http(s) with a
 * keep-alive agent (no web streams, one write per request); a `fetch` given
 * in the options is adapted to the same shape.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { urlToHttpOptions } from 'node:url';

/** An upstream answer whose body has not been read yet. */
export interface UpstreamAnswer {
  status: number;
  /** The Content-Type header, '' when there is none. */
  contentType: string;
  /** True for a redirect (3xx, or fetch's opaque redirect); redirects are never followed. */
  redirected: boolean;
  /** The body as UTF-8 text, counting the bytes read; null (and the rest left unread) past `maxBytes`. */
  readText(maxBytes: number): Promise<string | null>;
  /** Drops the body unread. */
  discard(): Promise<void>;
}

export interface UpstreamCall {
  headers: Record<string, string>;
  body: string;
  /** Aborts the call, headers or body, with the connection. */
  signal: AbortSignal;
}

/** One upstream POST, without retry or redirect following. */
export type UpstreamPost = ((url: string, call: UpstreamCall) => Promise<UpstreamAnswer>) & {
  /** Closes kept-alive connections. */
  close(): void;
};

const utf8 = new TextDecoder();

/** Adapts a fetch (redirect 'manual') to UpstreamPost. */
export function fetchUpstream(upstreamFetch: typeof fetch): UpstreamPost {
  const post = async (url: string, { headers, body, signal }: UpstreamCall): Promise<UpstreamAnswer> => {
    const response = await upstreamFetch(url, { method: 'POST', headers, body, redirect: 'manual', signal });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      redirected: response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400),
      readText: (maxBytes) => readStreamText(response.body, maxBytes),
      discard: async () => {
        await response.body?.cancel();
      },
    };
  };
  return Object.assign(post, { close: () => {} });
}

/** Reads a web stream as UTF-8 text, counting the bytes read; null (stream cancelled) past `max`. */
export async function readStreamText(body: ReadableStream<Uint8Array> | null, max: number): Promise<string | null> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
}

export interface NodeUpstreamOptions {
  /** How long an idle connection is kept, ms (shorter when the server's Keep-Alive hint says so). Default 4000. */
  keepAliveMs?: number;
  /** Most sockets per upstream host (the agents' maxSockets). Default: no cap. */
  maxSockets?: number;
}

/** UpstreamPost over node:http/https with keep-alive agents of its own. */
export function nodeUpstream({ keepAliveMs = 4000, maxSockets }: NodeUpstreamOptions = {}): UpstreamPost {
  const agentOptions = {
    keepAlive: true,
    timeout: keepAliveMs,
    scheduling: 'lifo' as const,
    ...(maxSockets ? { maxSockets } : {}),
  };
  const httpAgent = new HttpAgent(agentOptions);
  const httpsAgent = new HttpsAgent(agentOptions);
  // The proxy calls a handful of URLs (one per endpoint): parse each once, into the request options it gives.
  const targets = new Map<string, Target>();
  const parsed = (url: string) => {
    let target = targets.get(url);
    if (!target) {
      const { protocol, hostname, port, path, auth } = urlToHttpOptions(new URL(url));
      target = { secure: protocol === 'https:', protocol, hostname, port, path, auth };
      if (targets.size < 64) targets.set(url, target);
    }
    return target;
  };

  const post = (url: string, { headers, body, signal }: UpstreamCall) =>
    new Promise<UpstreamAnswer>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const { secure, protocol, hostname, port, path, auth } = parsed(url);
      const request = (secure ? httpsRequest : httpRequest)({
        protocol,
        hostname,
        port,
        path,
        auth,
        method: 'POST',
        agent: secure ? httpsAgent : httpAgent,
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      });
      const onAbort = () => request.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      signal.addEventListener('abort', onAbort, { once: true });
      const settle = () => signal.removeEventListener('abort', onAbort);
      request.on('error', (error) => {
        settle();
        reject(error);
      });
      request.on('response', (response) => {
        // Errors mid-body end readText through 'close'; unread bodies are destroyed.
        response.on('error', () => {});
        const status = response.statusCode ?? 0;
        resolve({
          status,
          contentType: headerText(response.headers['content-type']),
          redirected: status >= 300 && status < 400,
          readText(maxBytes) {
            return readMessageText(response, maxBytes).finally(settle);
          },
          async discard() {
            settle();
            response.destroy();
          },
        });
      });
      // A string goes out in one write with the headers.
      request.end(body, 'utf8');
    });
  return Object.assign(post, {
    close: () => {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  });
}

/** Thrown by a capped UpstreamPost when `max` calls are already in flight: nothing was sent. */
export class UpstreamBusyError extends Error {
  constructor(readonly max: number) {
    super(`${max} upstream calls are in flight already`);
    this.name = 'UpstreamBusyError';
  }
}

/** An UpstreamPost that knows how many of its calls are in flight. */
export type CappedUpstreamPost = UpstreamPost & {
  /** Calls in flight now: sent and not yet read to the end, discarded or failed. */
  active(): number;
};

/**
 * At most `max` calls of `post` in flight (from the call until its body is read or dropped); past it a
 * call rejects at once with UpstreamBusyError, without touching the network.
 */
export function cappedUpstream(post: UpstreamPost, max: number): CappedUpstreamPost {
  let active = 0;
  const capped = async (url: string, call: UpstreamCall): Promise<UpstreamAnswer> => {
    if (active >= max) throw new UpstreamBusyError(max);
    active++;
    let released = false;
    const release = () => {
      if (!released) {
        released = true;
        active--;
      }
    };
    try {
      const answer = await post(url, call);
      return {
        status: answer.status,
        contentType: answer.contentType,
        redirected: answer.redirected,
        readText: (maxBytes) => answer.readText(maxBytes).finally(release),
        discard: () => answer.discard().finally(release),
      };
    } catch (error) {
      release();
      throw error;
    }
  };
  return Object.assign(capped, { close: () => post.close(), active: () => active });
}

/** What a request needs of an upstream URL (as `http.request` reads a URL: see `urlToHttpOptions`). */
interface Target {
  secure: boolean;
  protocol?: string | null;
  hostname?: string | null;
  port?: number | string | null;
  path?: string | null;
  auth?: string | null;
}

function headerText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

/**
 * Reads a Node message (an upstream answer or a request to the proxy) as UTF-8 text, counting the bytes
 * read; null past `max`, with the message destroyed (the connection dropped) or, when `destroyPastMax`
 * is false, paused with the rest unread. Rejects when the message closes before its end.
 */
export function readMessageText(
  message: IncomingMessage,
  max: number,
  { destroyPastMax = true } = {},
): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const done = (error?: Error | null) => {
      message.off('data', onData);
      message.off('end', onEnd);
      message.off('close', onClose);
      if (error) reject(error);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > max) {
        done();
        if (destroyPastMax) message.destroy();
        else message.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    };
    // 'close' before 'end': the connection dropped or the call was aborted mid-body.
    const onClose = () => done(new Error('upstream body incomplete'));
    if (message.destroyed) return reject(new Error('upstream body incomplete'));
    message.on('data', onData);
    message.on('end', onEnd);
    message.on('close', onClose);
  });
}
