/**
 * The two forwarders the proxy is compared with in `npm run bench`, each
 * doing the same job as ours (POST /api/vlens/<path> → the upstream's
 * /api/DigitalIdentity/<path> with the ApiKey added), over a keep-alive
 * agent like ours:
 *  - the floor: node:http alone, request and answer piped through;
 *  - what a tenant would otherwise write: Express with http-proxy-middleware
 *    and express-rate-limit (memory store).
 * Neither validates the body nor strips one-time codes from the answer.
 */
import { Agent, request, type IncomingMessage, type ServerResponse } from 'node:http';
import express from 'express';
import { rateLimit } from 'express-rate-limit';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { VLENS_API_PREFIX } from '../../src/api/paths.js';
import type { Limit } from '../../src/server/limits.js';

const MOUNT = '/api/vlens/';

/** The floor: a node:http listener that pipes the request to the upstream and its answer back. */
export function floorForwarder(upstream: string, apiKey: string): (req: IncomingMessage, res: ServerResponse) => void {
  const target = new URL(upstream);
  const agent = new Agent({ keepAlive: true });
  return (req, res) => {
    const url = req.url ?? '/';
    if (req.method !== 'POST' || !url.startsWith(MOUNT)) {
      res.writeHead(404).end();
      return;
    }
    const headers: Record<string, string> = { ApiKey: apiKey, 'content-type': req.headers['content-type'] ?? '' };
    if (req.headers['content-length']) headers['content-length'] = req.headers['content-length'];
    const outgoing = request(
      {
        hostname: target.hostname,
        port: target.port,
        method: 'POST',
        path: VLENS_API_PREFIX + url.slice(MOUNT.length),
        headers,
        agent,
      },
      (answer) => {
        const back: Record<string, string> = { 'content-type': answer.headers['content-type'] ?? 'application/json' };
        if (answer.headers['content-length']) back['content-length'] = answer.headers['content-length'];
        res.writeHead(answer.statusCode ?? 502, back);
        answer.pipe(res);
      },
    );
    outgoing.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(outgoing);
  };
}

/** Express + http-proxy-middleware + express-rate-limit, as a tenant would mount them. */
export function expressForwarder(
  upstream: string,
  apiKey: string,
  limit: Limit,
): (req: IncomingMessage, res: ServerResponse) => void {
  const app = express();
  app.use(
    MOUNT.slice(0, -1),
    rateLimit({
      windowMs: limit.durationSec * 1000,
      limit: limit.points,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
    }),
    createProxyMiddleware({
      target: upstream,
      changeOrigin: true,
      agent: new Agent({ keepAlive: true }),
      headers: { ApiKey: apiKey },
      pathRewrite: (path) => VLENS_API_PREFIX + path.replace(/^\//, ''),
    }),
  );
  return app;
}
