/** Node test fixtures for the proxy: tiny upstreams, a proxy on loopback, the stand-in behind it. */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createVlensStandIn, type VlensStandIn } from '../../src/mock/index.js';
import { startStandIn } from '../../src/mock/server.js';
import {
  createVlensProxy,
  type VlensProxyHandler,
  type VlensProxyLogEntry,
  type VlensProxyOptions,
} from '../../src/server/proxy.js';
import { listen, type ListenOptions } from '../../src/server/node.js';
import type { VlensLimits } from '../../src/server/limits.js';

export const TEST_API_KEY = 'test-api-key-5f1c9e';
export const PHONE = '+201001234567';
export const EMAIL = 'layla@example.com';
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const roomy = { points: 10_000, durationSec: 600 };
/** Limits high enough that only the test that means to hit one does. */
export const ROOMY_LIMITS: VlensLimits = {
  sendShort: roomy,
  sendDaily: roomy,
  sendBlock: roomy,
  sendCountry: roomy,
  sendIp: roomy,
  sendIpBlock: roomy,
  sendGlobal: roomy,
  codeChecks: roomy,
  ip: roomy,
  existence: roomy,
};

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A node:http upstream of our own, for misbehaviour the stand-in has no fault for; records every request. */
export async function startUpstream(answer: (req: RecordedRequest, res: ServerResponse) => void) {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(recorded);
      answer(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** An upstream that answers every call with `body` as JSON. */
export function jsonAnswer(body: unknown, status = 200) {
  return (_req: RecordedRequest, res: ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
}

/** An upstream that refuses every code as Vlens refuses a wrong one: HTTP 400, error_code 2001 (Invalid OTP). */
export function startRefusingUpstream() {
  return startUpstream(
    jsonAnswer({ data: null, error_code: 2001, error_message: 'Invalid OTP', error_descriptions: null }, 400),
  );
}

export interface RunningProxy {
  url: string;
  proxy: VlensProxyHandler;
  logs: VlensProxyLogEntry[];
  close(): Promise<void>;
}

/** A proxy on loopback with roomy limits and a captured log, unless options say otherwise. */
export async function startProxy(
  options: Partial<VlensProxyOptions> & { upstream: string },
  listenOptions: ListenOptions = {},
): Promise<RunningProxy> {
  const logs: VlensProxyLogEntry[] = [];
  const proxy = createVlensProxy({ apiKey: TEST_API_KEY, limits: ROOMY_LIMITS, log: (e) => logs.push(e), ...options });
  const server = await listen(proxy, listenOptions);
  return {
    url: server.url,
    proxy,
    logs,
    close: async () => {
      await server.close();
      await proxy.close();
    },
  };
}

/** The stand-in on its own loopback port, and a proxy in front of it (served with `listenOptions`). */
export async function startStack(options: Partial<VlensProxyOptions> = {}, listenOptions: ListenOptions = {}) {
  const standIn: VlensStandIn = createVlensStandIn({ apiKey: TEST_API_KEY });
  const upstream = await startStandIn(standIn, { quiet: true });
  const running = await startProxy({ upstream: upstream.url, ...options }, listenOptions);
  return {
    ...running,
    standIn,
    upstreamUrl: upstream.url,
    close: async () => {
      await running.close();
      await upstream.close();
    },
  };
}

/** POSTs JSON to `{base}/api/vlens/{path}`; resolves to status, headers and the parsed body. */
export async function post(base: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}/api/vlens/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text };
}

/**
 * A slow client: opens a raw connection, sends `head`, then one `byte` of body every `everyMs`; resolves
 * when the server closes the connection, with what it answered.
 */
export function dribble(base: string, head: string, everyMs: number, byte = 'x') {
  return new Promise<{ answer: string; closedAfterMs: number }>((resolve) => {
    const url = new URL(base);
    const started = Date.now();
    let answer = '';
    let timer: ReturnType<typeof setInterval> | undefined;
    // The body's bytes start once the head is written: a byte before it would be a malformed request (400).
    const socket: Socket = connect(Number(url.port), url.hostname, () => {
      socket.write(head);
      timer = setInterval(() => {
        if (!socket.destroyed && socket.writable) socket.write(byte);
      }, everyMs);
    });
    socket.on('data', (data) => (answer += String(data)));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, closedAfterMs: Date.now() - started });
    });
  });
}

/**
 * A phone code validation through the proxy, so that it holds the proof a
 * `Register` needs (against an upstream that answers every call with a
 * success envelope; with the stand-in, validate the real code instead).
 */
export async function provePhone(base: string, phoneNumber: string, requestId: string, code = '123456') {
  const res = await post(base, 'Register/StepVerifyPhone', {
    phoneNumber,
    phoneNumberOtpRequestId: requestId,
    phoneNumberOtp: code,
  });
  if (res.status !== 200) throw new Error(`provePhone: ${res.status} ${res.text}`);
  return res;
}

/**
 * npm start's server process (src/server/cli.ts) on a free loopback port, from the repository root, with
 * the environment changed as `env` says (`undefined` removes a variable); what it prints is collected
 * as it comes.
 */
export function spawnCli(env: Record<string, string | undefined>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1' };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[name];
    else childEnv[name] = value;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts'], {
    cwd: REPO_ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (c) => (output.stdout += c));
  child.stderr.on('data', (c) => (output.stderr += c));
  return { child, output };
}
