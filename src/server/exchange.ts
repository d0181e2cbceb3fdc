/**
 * The request and answer the proxy works on, without committing to web
 * `Request`/`Response` objects: the web handler adapts a `Request` here, and
 * the Node listener (node.ts) adapts an `IncomingMessage` directly, so a Node
 * deployment builds no Request, Headers, Response or web stream per call.
 */
import { readStreamText } from './upstream.js';

/** What the proxy reads of a request. */
export interface ProxyRequest {
  readonly method: string;
  /** The absolute URL, e.g. 'http://shop.example/api/vlens/Register'. */
  readonly url: string;
  /** Header lookup, case-insensitive; null when absent. */
  readonly headers: { get(name: string): string | null; has(name: string): boolean };
  /** The body as UTF-8 text, counting the bytes read; null past `maxBytes`. Rejects when the client goes away mid-body. */
  readText(maxBytes: number): Promise<string | null>;
  /** A web `Request` with the same method, URL and headers and `body` (e.g. for a CAPTCHA check). */
  toRequest(body: string): Request;
}

/** What the proxy answers: a status, headers and a text body (JSON) or none. */
export interface ProxyReply {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

/** A reply, in the shape of `new Response(body, init)`. */
export function reply(
  body: string | null,
  init: { status?: number; headers?: Record<string, string> } = {},
): ProxyReply {
  return { status: init.status ?? 200, headers: { ...init.headers }, body };
}

/** Adapts a web `Request`. */
export function fromWebRequest(request: Request): ProxyRequest {
  return {
    method: request.method,
    url: request.url,
    headers: request.headers,
    readText: (maxBytes) => readStreamText(request.body, maxBytes),
    toRequest: (body) => new Request(request.url, { method: request.method, headers: request.headers, body }),
  };
}

/** The reply as a web `Response`. */
export function toWebResponse({ status, headers, body }: ProxyReply): Response {
  return new Response(body, { status, headers });
}
