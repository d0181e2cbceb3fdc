/**
 * The key-holding proxy: a web-standard handler that validates what the
 * widget sends, applies rate limits, adds the tenant's ApiKey, forwards to
 * Vlens and strips one-time codes from what comes back.
 */
import type { Redis } from 'ioredis';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { isVlensPath, VLENS_API_PREFIX, VLENS_PATHS, type VlensPath } from '../api/paths.js';
import { firstIssueField, isEnvelopeSuccess, isOtpField, REQUEST_SCHEMAS, type Envelope } from '../api/schemas.js';
import { phoneLimitKey } from '../phone/digits.js';
import { createLimitStore, type LimitName, type LimitOutcome, type VlensLimits } from './limits.js';
import { jsonLineLog, maskPhone, type VlensProxyLogEntry } from './log.js';
import { fetchUpstream, nodeUpstream, readStreamText } from './upstream.js';

export type { VlensProxyLogEntry } from './log.js';
export { DEFAULT_LIMITS, type Limit, type VlensLimits } from './limits.js';

export interface VlensProxyOptions {
  /** The tenant's Vlens ApiKey. Required. */
  apiKey: string;
  /** Vlens base URL. Default 'https://api.vlenseg.com'. */
  upstream?: string;
  /** Where the proxy is mounted. Default '/api/vlens'. */
  mountPath?: string;
  /** Origins (e.g. 'https://shop.example') allowed to call cross-origin. Default [] = same-origin only. */
  allowedOrigins?: readonly string[];
  /** Send `Access-Control-Allow-Credentials: true` to allowed origins. Default false. */
  allowCredentials?: boolean;
  /**
   * Read the client IP from `X-Forwarded-For` instead of the socket. `true`
   * trusts one proxy in front (the right-most entry, the one it appended);
   * a number trusts that many hops. Default false.
   */
  trustProxy?: boolean | number;
  /** Rate limits; each given limit replaces its default (see DEFAULT_LIMITS). */
  limits?: Partial<VlensLimits>;
  /**
   * Share limits between instances through Redis: an ioredis client (left
   * open by close()) or a redis:// URL. When Redis cannot answer, OTP sends
   * and code checks fail closed (503 envelope, no upstream call); the per-IP
   * limits fall back to this instance's memory. Default: memory only.
   */
  redis?: Redis | string;
  /** The fetch used upstream. Default: node:http(s) with keep-alive connections. */
  fetch?: typeof fetch;
  /** Upstream deadline (headers and body), ms; 504 after. Default 10000. */
  upstreamTimeoutMs?: number;
  /** Largest request body read, bytes; 413 beyond. Default 16384. */
  maxBodyBytes?: number;
  /** Largest upstream body read, bytes; 502 beyond. Default 65536. */
  maxUpstreamBytes?: number;
  /** Countries an OTP may be sent to (ISO 3166 alpha-2). Default ['EG']. */
  allowedCountries?: readonly CountryCode[];
  /**
   * Called before every OTP send (phone or email) with a copy of the request
   * (headers and the raw body), e.g. to check a CAPTCHA token; false → 403,
   * a throw → 503 (fails closed).
   */
  verifyHuman?: (request: Request) => Promise<boolean>;
  /** Receives one entry per request. Default: one JSON line to stdout. */
  log?: (entry: VlensProxyLogEntry) => void;
}

export type VlensProxyHandler = ((request: Request, info?: { clientIp?: string }) => Promise<Response>) & {
  /** Releases the limiter store (a Redis connection opened from a URL). */
  close(): Promise<void>;
  /** The normalised mount path, e.g. '/api/vlens'. */
  readonly mountPath: string;
};

/** A refusal from the proxy itself, answered as an envelope. */
class ProxyRefusal {
  constructor(
    readonly status: number,
    readonly message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {}
}

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };

/** Creates the proxy handler. Throws when `apiKey` is empty. */
export function createVlensProxy(options: VlensProxyOptions): VlensProxyHandler {
  if (!options.apiKey) throw new Error('createVlensProxy: apiKey is required');
  const apiKey = options.apiKey;
  const upstream = (options.upstream ?? 'https://api.vlenseg.com').replace(/\/+$/, '');
  const mountPath = `/${(options.mountPath ?? '/api/vlens').replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, '');
  const allowedOrigins = new Set(options.allowedOrigins ?? []);
  const allowCredentials = options.allowCredentials ?? false;
  const trustedHops = options.trustProxy === true ? 1 : options.trustProxy || 0;
  const upstreamPost = options.fetch ? fetchUpstream(options.fetch) : nodeUpstream();
  const upstreamTimeoutMs = options.upstreamTimeoutMs ?? 10_000;
  const maxBodyBytes = options.maxBodyBytes ?? 16_384;
  const maxUpstreamBytes = options.maxUpstreamBytes ?? 65_536;
  const allowedCountries = new Set<string>(options.allowedCountries ?? ['EG']);
  const log = options.log ?? jsonLineLog;
  const limits = createLimitStore({ limits: options.limits, redis: options.redis });

  function clientIpOf(request: Request, socketIp: string | undefined): string {
    if (trustedHops > 0) {
      const hops = (request.headers.get('x-forwarded-for') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const ip = hops[hops.length - trustedHops] ?? hops[0];
      if (ip) return ip;
    }
    return socketIp ?? 'unknown';
  }

  function corsHeaders(request: Request): Record<string, string> {
    const origin = request.headers.get('origin');
    if (!origin || !allowedOrigins.has(origin)) return {};
    return {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Expose-Headers': 'Retry-After',
      ...(allowCredentials ? { 'Access-Control-Allow-Credentials': 'true' } : {}),
      Vary: 'Origin',
    };
  }

  /** Takes a point; resolves to the points left (when the store says). */
  async function limit(name: LimitName, key: string, field?: string): Promise<number | undefined> {
    const outcome: LimitOutcome = await limits.consume(name, key);
    if (outcome.ok) return outcome.remaining;
    if (outcome.reason === 'unavailable') {
      throw new ProxyRefusal(503, 'The service is temporarily unavailable; try again shortly', field);
    }
    throw new ProxyRefusal(429, 'Too many requests; try again later', field, {
      'Retry-After': String(outcome.retryAfterSec),
    });
  }

  /**
   * The limits and checks that depend on what is being asked, applied before the upstream call.
   * Resolves, for a code check, to the checks this proxy still forwards for its request id.
   */
  async function guard(path: VlensPath, body: Record<string, unknown>, request: Request, raw: string, ip: string): Promise<number | undefined> {
    const isSend =
      (path === VLENS_PATHS.verifyPhone && !body.phoneNumberOtp) || (path === VLENS_PATHS.verifyEmail && !body.emailOtp);
    if (path === VLENS_PATHS.checkExistence) await limit('existence', ip);
    if (path === VLENS_PATHS.verifyPhone && isSend) {
      const phone = body.phoneNumber as string;
      const country = parsePhoneNumberFromString(phone)?.country;
      if (!country || !allowedCountries.has(country)) {
        throw new ProxyRefusal(400, 'Codes cannot be sent to phone numbers in this country', 'phoneNumber');
      }
    }
    if (isSend && options.verifyHuman) {
      const copy = new Request(request.url, { method: request.method, headers: request.headers, body: raw });
      const human = await options.verifyHuman(copy).catch(() => {
        throw new ProxyRefusal(503, 'Human verification is unavailable; try again shortly');
      });
      if (!human) throw new ProxyRefusal(403, 'Human verification failed');
    }
    if (isSend) {
      const field = path === VLENS_PATHS.verifyPhone ? 'phoneNumber' : 'email';
      const key =
        field === 'phoneNumber' ? `phone:${phoneLimitKey(body.phoneNumber as string)}` : `email:${String(body.email).toLowerCase()}`;
      await limit('sendShort', key, field);
      await limit('sendDaily', key, field);
      return;
    }
    const code = body.phoneNumberOtp ?? body.emailOtp;
    if (code) {
      const requestId = body.phoneNumberOtpRequestId ?? body.emailOtpRequestId;
      const key = requestId ? `id:${String(requestId).toLowerCase()}` : `phone:${phoneLimitKey(String(body.phoneNumber))}`;
      const left = await limit('codeChecks', key, path === VLENS_PATHS.verifyEmail ? 'emailOtp' : 'phoneNumberOtp');
      return path === VLENS_PATHS.register ? undefined : left;
    }
    return undefined;
  }

  /**
   * `codeChecksLeft`: added to a failed code check's envelope as `code_checks_left`, so the widget can say
   * how many tries remain even when Vlens does not.
   */
  async function forward(path: VlensPath, body: unknown, entry: VlensProxyLogEntry, codeChecksLeft?: number): Promise<Response> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), upstreamTimeoutMs);
    const started = performance.now();
    try {
      const answer = await upstreamPost(`${upstream}${VLENS_API_PREFIX}${path}`, {
        headers: { ApiKey: apiKey, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
      if (answer.redirected) {
        await answer.discard();
        throw new ProxyRefusal(502, 'The upstream service answered with a redirect');
      }
      if (!/^application\/([\w.+-]+\+)?json\b/i.test(answer.contentType)) {
        await answer.discard();
        throw new ProxyRefusal(502, 'The upstream service did not answer with JSON');
      }
      const text = await answer.readText(maxUpstreamBytes);
      if (text === null) throw new ProxyRefusal(502, 'The upstream answer is too large');
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        throw new ProxyRefusal(502, 'The upstream service did not answer with JSON');
      }
      const answerBody = stripOtpFields(data);
      if (codeChecksLeft !== undefined && isFailedEnvelope(answer.status, answerBody)) {
        (answerBody as Record<string, unknown>).code_checks_left = codeChecksLeft;
      }
      return new Response(JSON.stringify(answerBody), {
        status: answer.status,
        headers: { ...JSON_HEADERS, 'Cache-Control': 'no-store' },
      });
    } catch (error) {
      if (error instanceof ProxyRefusal) throw error;
      if (controller.signal.aborted) throw new ProxyRefusal(504, 'The upstream service did not answer in time');
      throw new ProxyRefusal(502, 'The upstream service could not be reached');
    } finally {
      clearTimeout(timer);
      entry.upstreamMs = Math.round(performance.now() - started);
    }
  }

  async function route(request: Request, url: URL, ip: string, entry: VlensProxyLogEntry): Promise<Response> {
    const prefix = `${mountPath}/`;
    const sub = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : undefined;
    if (sub === 'healthz') {
      entry.path = `${mountPath}/healthz`;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        throw new ProxyRefusal(405, 'Method not allowed', undefined, { Allow: 'GET, HEAD' });
      }
      return new Response(JSON.stringify({ status: 'ok' }), { headers: { ...JSON_HEADERS, 'Cache-Control': 'no-store' } });
    }
    if (sub === undefined || !isVlensPath(sub)) throw new ProxyRefusal(404, 'Not found');
    entry.path = `${mountPath}/${sub}`;
    if (request.method === 'OPTIONS') return preflight(request);
    if (request.method !== 'POST') throw new ProxyRefusal(405, 'Method not allowed', undefined, { Allow: 'POST' });

    await limit('ip', ip);
    if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? '')) {
      throw new ProxyRefusal(415, 'Requests must be application/json');
    }
    const declared = Number(request.headers.get('content-length'));
    if (declared > maxBodyBytes) throw new ProxyRefusal(413, 'The request body is too large');
    const raw = await readStreamText(request.body, maxBodyBytes).catch(() => {
      // A client that goes away (or a server timeout that drops it) mid-body.
      throw new ProxyRefusal(400, 'The request body could not be read');
    });
    if (raw === null) throw new ProxyRefusal(413, 'The request body is too large');
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new ProxyRefusal(400, 'The request body is not valid JSON');
    }
    const parsed = REQUEST_SCHEMAS[sub].safeParse(json);
    if (!parsed.success) {
      const { field, message } = firstIssueField(parsed.error);
      throw new ProxyRefusal(400, `Invalid ${field}: ${message}`, field);
    }
    const body = parsed.data as Record<string, unknown>;
    if (typeof body.phoneNumber === 'string') entry.phone = maskPhone(body.phoneNumber);
    const codeChecksLeft = await guard(sub, body, request, raw, ip);
    return forward(sub, body, entry, codeChecksLeft);
  }

  function preflight(request: Request): Response {
    const cors = corsHeaders(request);
    if (!cors['Access-Control-Allow-Origin']) throw new ProxyRefusal(403, 'Origin not allowed');
    return new Response(null, {
      status: 204,
      headers: {
        ...cors,
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': 'Content-Type, Accept',
        'Access-Control-Max-Age': '600',
      },
    });
  }

  const handler = async (request: Request, info?: { clientIp?: string }): Promise<Response> => {
    const ip = clientIpOf(request, info?.clientIp);
    const entry: VlensProxyLogEntry = { time: new Date().toISOString(), method: request.method, path: '(other)', status: 0, ip };
    let response: Response;
    try {
      response = await route(request, new URL(request.url), ip, entry);
    } catch (error) {
      const refusal = error instanceof ProxyRefusal ? error : new ProxyRefusal(500, 'Internal error');
      if (!(error instanceof ProxyRefusal)) entry.error = error instanceof Error ? error.name : 'Error';
      response = envelopeResponse(refusal);
    }
    for (const [name, value] of Object.entries(corsHeaders(request))) response.headers.set(name, value);
    entry.status = response.status;
    try {
      log(entry);
    } catch {
      // A failing logger never fails the request.
    }
    return response;
  };
  const close = async () => {
    upstreamPost.close();
    await limits.close();
  };
  return Object.assign(handler, { close, mountPath });
}

function envelopeResponse(refusal: ProxyRefusal): Response {
  const body = {
    data: null,
    error_code: refusal.status,
    error_message: refusal.message,
    error_descriptions: { source: 'proxy', ...(refusal.field ? { field: refusal.field } : {}) },
  };
  return new Response(JSON.stringify(body), {
    status: refusal.status,
    headers: { ...JSON_HEADERS, 'Cache-Control': 'no-store', ...refusal.headers },
  });
}

/** An upstream answer that is a JSON object and a failure by the envelope rule. */
function isFailedEnvelope(status: number, body: unknown): boolean {
  return body !== null && typeof body === 'object' && !Array.isArray(body) && !isEnvelopeSuccess(status, body as Envelope);
}

/** A copy of `value` without any OTP field (see isOtpField), at any depth. */
export function stripOtpFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripOtpFields);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (!isOtpField(key)) out[key] = stripOtpFields(inner);
  }
  return out;
}
