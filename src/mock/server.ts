/** Serves a stand-in over node:http, or mounts it as (req, res) middleware. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StandInResetError } from './errors.js';
import type { StandInCodeSent, VlensStandIn } from './index.js';

export { StandInResetError } from './errors.js';

async function toWebRequest(req: IncomingMessage, signal: AbortSignal): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const host = req.headers.host ?? 'stand-in.invalid';
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', `http://${host}`), {
    method: req.method,
    headers,
    body: hasBody ? Buffer.concat(chunks) : undefined,
    signal,
  });
}

/**
 * A Node (req, res) listener around `standIn.handle`: usable with node:http,
 * Express or a dev server's middleware. Under a `reset` fault it destroys
 * the socket without answering.
 */
export function toNodeListener(standIn: VlensStandIn) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const aborted = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) aborted.abort();
    });
    try {
      const response = await standIn.handle(await toWebRequest(req, aborted.signal));
      if (res.destroyed) return;
      const body = Buffer.from(await response.arrayBuffer());
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      res.writeHead(response.status, { ...headers, 'content-length': String(body.length) });
      res.end(body);
    } catch (error) {
      if (error instanceof StandInResetError) {
        req.socket.destroy();
        return;
      }
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ data: null, error_code: 500, error_message: 'Stand-in failure', error_descriptions: null }),
        );
      } else {
        res.destroy();
      }
    }
  };
}

export interface StartStandInOptions {
  /** Default 0: an ephemeral port (read it from `url`). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Called with every code the stand-in sends, instead of printing it. */
  onCode?: (sent: StandInCodeSent) => void;
  /** Print nothing (tests that read codes with `standIn.control.lastCode`). Default false. */
  quiet?: boolean;
}

/** How `startStandIn` prints a code: `SMS code for +201001234567: 123456`. */
export function printCode({ to, code, channel }: StandInCodeSent): void {
  console.log(`${channel === 'sms' ? 'SMS' : 'Email'} code for ${to}: ${code}`);
}

/**
 * Starts a plain HTTP server for the stand-in (default 127.0.0.1 on an ephemeral port). Every code
 * the stand-in sends while it runs is printed on stdout (as `npm start` does), or handed to `onCode`;
 * `quiet: true` prints nothing. Closing the server stops that.
 */
export async function startStandIn(
  standIn: VlensStandIn,
  opts: StartStandInOptions = {},
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const host = opts.host ?? '127.0.0.1';
  const listener = toNodeListener(standIn);
  const server = createServer((req, res) => void listener(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const stopCodes = opts.quiet ? () => undefined : standIn.onCode(opts.onCode ?? printCode);
  return {
    url,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        stopCodes();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
