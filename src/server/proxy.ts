/**
 * The key-holding proxy: a web-standard handler that validates what the
 * widget sends, applies rate limits, checks the proof a Register needs,
 * adds the tenant's ApiKey, forwards to Vlens and lets only documented
 * fields of the answer through (never a one-time code).
 */
import type { Redis } from 'ioredis';
import type { CountryCode } from 'libphonenumber-js/max';
import { CAPTCHA_TOKEN_HEADER, isVlensPath, PROXY_CONFIG_PATH, type VlensPath } from '../api/paths.js';
import type { ProxyConfig } from '../api/schemas.js';
import { createBudgets } from './budgets.js';
import type { CallContext, Stage } from './call-context.js';
import type { CaptchaOptions } from './captcha.js';
import { createClientAddress } from './client-address.js';
import { documentedResponse, withoutOtpFields } from './documented-fields.js';
import { fromWebRequest, reply, toWebResponse, type ProxyReply, type ProxyRequest } from './exchange.js';
import { createForward } from './forward.js';
import { createHumanCheck } from './human-check.js';
import { createLimitStore, type VlensLimits } from './limits.js';
import { jsonLineLog, type VlensProxyLogEntry } from './log.js';
import { createProxyTelemetry, type CallTelemetry } from './metrics.js';
import { createProofs } from './proofs.js';
import { readiness, warnOnceAboutStore } from './readiness.js';
import { envelopeResponse, JSON_HEADERS, ProxyRefusal } from './refusal.js';
import { cappedUpstream, fetchUpstream, nodeUpstream } from './upstream.js';
import { createReadBody, validate } from './validate.js';

export type { VlensProxyLogEntry } from './log.js';
export { CAPTCHA_VERIFY_URLS, type CaptchaOptions, type CaptchaProvider } from './captcha.js';
export { DEFAULT_LIMITS, type Limit, type VlensLimits } from './limits.js';
import { DEFAULT_LIMITS } from './limits.js';

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
   * How many proxies in front to trust (a hop count; `true` is 1): the socket's
   * peer is hop 0, the right-most `X-Forwarded-For` entry hop 1, and so on;
   * the client is the first hop that is not trusted (with 1: the right-most
   * entry, the one the load balancer appended). Entries that are not IP
   * addresses are skipped. When the handler is called with no `clientIp`
   * (an adapter that has no socket address, e.g. a serverless platform), the
   * missing peer counts as a trusted hop, so a hop count of 1 still takes the
   * right-most entry. Default false: the socket's address; X-Forwarded-For
   * is never read. See `trustedProxies` to trust by address instead. A
   * handler called with no client address while neither is set warns once:
   * every client then shares one per-IP budget.
   */
  trustProxy?: boolean | number;
  /**
   * Addresses and CIDRs of the proxies in front (e.g. a load balancer's subnet,
   * a CDN's published ranges): a hop whose address is in the list is trusted,
   * whatever its place. The client is the right-most address that is not
   * trusted, read from `X-Forwarded-For` only when the socket's peer itself is
   * trusted; entries that are not IP addresses are skipped. With no `clientIp`,
   * as for `trustProxy`, the missing peer counts as trusted. Both options may
   * be given (a hop is trusted by either). An entry that is neither an address
   * nor a CIDR throws at creation. Default [].
   */
  trustedProxies?: readonly string[];
  /** Rate limits; each given limit replaces its default (see DEFAULT_LIMITS). */
  limits?: Partial<VlensLimits>;
  /**
   * Share limits and proofs between instances through Redis: an ioredis
   * client (left open by close()) or a redis:// URL. When Redis cannot
   * answer (an error, or nothing within `storeTimeoutMs`), OTP sends, code
   * checks and Register's proof fail closed (503 envelope, no upstream
   * call); the per-IP limits fall back to this instance's memory. Default:
   * memory only.
   */
  redis?: Redis | string;
  /**
   * How long Redis may take before it counts as down, ms: one deadline shared by every store call of a
   * request before its upstream call, and one after. Default 1000.
   */
  storeTimeoutMs?: number;
  /**
   * How long a code validation seen by this proxy proves a phone number
   * (or an email, an OAuth verification) for `Register`: the code's
   * lifetime, seconds. Default 600.
   */
  proofTtlSec?: number;
  /** Seconds the widget waits before offering to send a code again (`GET {mount}/config`). Default 60. */
  resendAfterSec?: number;
  /** The fetch used upstream. Default: node:http(s) with keep-alive connections. */
  fetch?: typeof fetch;
  /** Upstream deadline (headers and body), ms; 504 after. Default 10000. */
  upstreamTimeoutMs?: number;
  /**
   * Most upstream calls (and sockets) in flight on this instance; past it a call is refused with a 503
   * envelope (`Retry-After: 1`) before anything goes upstream. Default 256.
   */
  maxUpstreamCalls?: number;
  /** Largest request body read, bytes; 413 beyond. Default 16384. */
  maxBodyBytes?: number;
  /** Largest upstream body read, bytes; 502 beyond. Default 65536. */
  maxUpstreamBytes?: number;
  /** Countries an OTP may be sent to (ISO 3166 alpha-2). Default ['EG']. */
  allowedCountries?: readonly CountryCode[];
  /**
   * Built-in CAPTCHA (Cloudflare Turnstile, hCaptcha or reCAPTCHA v3): every
   * OTP send must carry a token (header `Vlens-Captcha-Token`) that the
   * provider's verify API accepts, checked before any upstream call; no or a
   * refused token → 403, the provider unreachable or slower than
   * `verifyHumanTimeoutMs` → 503. The provider and site key are public
   * (`GET {mount}/config`); the secret stays here. Default: none.
   */
  captcha?: CaptchaOptions;
  /**
   * Called before every OTP send (phone or email) with a copy of the request
   * (headers and the raw body), e.g. to check a CAPTCHA token; false → 403,
   * a throw or no answer within `verifyHumanTimeoutMs` → 503 (fails closed).
   */
  verifyHuman?: (request: Request) => Promise<boolean>;
  /** Deadline for the CAPTCHA verification and for `verifyHuman`, each, ms; 503 after. Default 5000. */
  verifyHumanTimeoutMs?: number;
  /** Receives one entry per request. Default: one JSON line to stdout. */
  log?: (entry: VlensProxyLogEntry) => void;
  /**
   * Receives the proxy's operational warnings, one line each (the global send
   * budget spent; a number block, country or IPv6 /48 send budget tripped, once
   * per key and window; X-Forwarded-For ignored; no client address). Default: console.warn.
   */
  warn?: (message: string) => void;
}

export type VlensProxyHandler = ((request: Request, info?: { clientIp?: string }) => Promise<Response>) & {
  /** The same handler on adapter-neutral request and reply objects (the Node listener uses this; see exchange.ts). */
  exchange(request: ProxyRequest, clientIp?: string): Promise<ProxyReply>;
  /** Releases the limiter store (a Redis connection opened from a URL). */
  close(): Promise<void>;
  /** What `GET {mount}/readyz` answers: whether the store answers and the configuration is complete, and what can lose data. */
  ready(): Promise<{ ready: boolean; body: Record<string, unknown> }>;
  /** The normalised mount path, e.g. '/api/vlens'. */
  readonly mountPath: string;
};

/** Creates the proxy handler. Throws when `apiKey` is empty. */
export function createVlensProxy(options: VlensProxyOptions): VlensProxyHandler {
  if (!options.apiKey) throw new Error('createVlensProxy: apiKey is required');
  const mountPath = `/${(options.mountPath ?? '/api/vlens').replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, '');
  const allowedOrigins = new Set(options.allowedOrigins ?? []);
  const allowCredentials = options.allowCredentials ?? false;
  const maxUpstreamCalls = options.maxUpstreamCalls ?? 256;
  const upstreamPost = cappedUpstream(
    options.fetch ? fetchUpstream(options.fetch) : nodeUpstream({ maxSockets: maxUpstreamCalls }),
    maxUpstreamCalls,
  );
  const allowedCountries = new Set<string>(options.allowedCountries ?? ['EG']);
  const log = options.log ?? jsonLineLog;
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const telemetry = createProxyTelemetry({
    breakerOpen: () => budgets.breakerOpen(),
    upstreamActive: () => upstreamPost.active(),
  });
  const store = createLimitStore({
    limits: options.limits,
    redis: options.redis,
    storeTimeoutMs: options.storeTimeoutMs,
    onFailure: (operation, failure) => telemetry.storeFailure(operation, failure),
  });
  // One line at start when Redis can lose what it keeps (memory is the documented default: no line).
  if (options.redis) warnOnceAboutStore(store, warn);
  const config: ProxyConfig = Object.freeze({
    allowedCountries: [...allowedCountries],
    resendAfterSec: options.resendAfterSec ?? 60,
    captcha: options.captcha ? { provider: options.captcha.provider, siteKey: options.captcha.siteKey } : null,
  });
  const configBody = JSON.stringify(config);

  // The stages, in the order a call goes through them (see call-context.ts).
  const clientAddress = createClientAddress({
    trustProxy: options.trustProxy,
    trustedProxies: options.trustedProxies,
    warn,
  });
  const readBody = createReadBody(options.maxBodyBytes ?? 16_384);
  const budgets = createBudgets({ store, limits: { ...DEFAULT_LIMITS, ...options.limits }, allowedCountries, warn });
  const { checkHuman } = createHumanCheck({
    captcha: options.captcha,
    verifyHuman: options.verifyHuman,
    timeoutMs: options.verifyHumanTimeoutMs ?? 5000,
    allowedOrigins,
  });
  const storeTimeoutMs = options.storeTimeoutMs ?? 1000;
  const proofs = createProofs({ store, ttlSec: options.proofTtlSec ?? 600, storeTimeoutMs });
  const { forward } = createForward({
    apiKey: options.apiKey,
    upstream: (options.upstream ?? 'https://api.vlenseg.com').replace(/\/+$/, ''),
    post: upstreamPost,
    timeoutMs: options.upstreamTimeoutMs ?? 10_000,
    maxUpstreamBytes: options.maxUpstreamBytes ?? 65_536,
  });
  /**
   * After the path is known and its client budget spent: the body, then the budgets and checks that
   * depend on what is asked. A send's CAPTCHA comes before its destination's budgets, so a bot that fails
   * it cannot spend a person's number or inbox budget; a Register claims its proofs before it spends a
   * code check, so a Register without proof spends none.
   */
  const beforeUpstream: readonly Stage[] = [
    readBody,
    validate,
    proofs.takeFlow,
    budgets.spendExistence,
    budgets.checkDestination,
    checkHuman,
    budgets.spendSend,
    proofs.claimProofs,
    budgets.spendCodeCheck,
  ];
  /** After the upstream answered: what its answer means for the code checks and the proofs. */
  const afterUpstream: readonly Stage[] = [budgets.settleCodeChecks, proofs.noteProofs];

  function corsHeaders(request: ProxyRequest): Record<string, string> {
    const origin = request.headers.get('origin');
    if (!origin || !allowedOrigins.has(origin)) return {};
    return {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Expose-Headers': 'Retry-After',
      ...(allowCredentials ? { 'Access-Control-Allow-Credentials': 'true' } : {}),
      Vary: 'Origin',
    };
  }

  /** The proxy's own GET routes (health, readiness, config); undefined for a Vlens path. */
  async function ownRoute(call: CallContext, sub: string | undefined): Promise<ProxyReply | undefined> {
    const { request, entry } = call;
    if (sub !== 'healthz' && sub !== 'readyz' && sub !== PROXY_CONFIG_PATH) return undefined;
    entry.path = `${mountPath}/${sub}`;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw new ProxyRefusal(405, 'Method not allowed', undefined, { Allow: 'GET, HEAD' });
    }
    if (sub === 'healthz') {
      return reply(JSON.stringify({ status: 'ok' }), { headers: { ...JSON_HEADERS, 'Cache-Control': 'no-store' } });
    }
    if (sub === 'readyz') {
      const { ready: isReady, body } = await ready();
      return reply(request.method === 'HEAD' ? null : JSON.stringify(body), {
        status: isReady ? 200 : 503,
        headers: { ...JSON_HEADERS, 'Cache-Control': 'no-store' },
      });
    }
    return reply(request.method === 'HEAD' ? null : configBody, {
      headers: { ...JSON_HEADERS, 'Cache-Control': 'no-cache' },
    });
  }

  /** Routes the call, then runs a Vlens call through its stages. */
  async function route(call: CallContext, pathname: string): Promise<ProxyReply> {
    const { request, entry } = call;
    const prefix = `${mountPath}/`;
    const sub = pathname.startsWith(prefix) ? pathname.slice(prefix.length) : undefined;
    const own = await ownRoute(call, sub);
    if (own) return own;
    if (sub === undefined || !isVlensPath(sub)) throw new ProxyRefusal(404, 'Not found');
    entry.path = `${mountPath}/${sub}`;
    call.path = sub;
    if (request.method === 'OPTIONS') return preflight(request);
    if (request.method !== 'POST') throw new ProxyRefusal(405, 'Method not allowed', undefined, { Allow: 'POST' });

    await budgets.spendClientCall(call);
    try {
      for (const stage of beforeUpstream) await stage(call);
      await forward(call);
    } catch (error) {
      // Refused after its proofs were claimed, or no answer from the upstream: the proofs return.
      if (call.claimed) await proofs.returnProofs(call);
      throw error;
    }
    call.deadline = undefined;
    for (const stage of afterUpstream) await stage(call);
    return documentedReply(call);
  }

  function preflight(request: ProxyRequest): ProxyReply {
    const cors = corsHeaders(request);
    if (!cors['Access-Control-Allow-Origin']) throw new ProxyRefusal(403, 'Origin not allowed');
    return reply(null, {
      status: 204,
      headers: {
        ...cors,
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': `Content-Type, Accept, ${CAPTCHA_TOKEN_HEADER}`,
        'Access-Control-Max-Age': '600',
      },
    });
  }

  const exchange = async (request: ProxyRequest, clientIp?: string): Promise<ProxyReply> => {
    const ip = clientAddress(request.headers, clientIp);
    const entry: VlensProxyLogEntry = {
      time: new Date().toISOString(),
      method: request.method,
      path: '(other)',
      status: 0,
      ip,
    };
    const call = newCall(request, ip, entry, storeTimeoutMs, telemetry.begin(request.method, request.headers));
    let response: ProxyReply;
    let refusal: ProxyRefusal | undefined;
    try {
      response = await route(call, pathnameOf(request.url));
    } catch (error) {
      refusal = error instanceof ProxyRefusal ? error : new ProxyRefusal(500, 'Internal error');
      if (!(error instanceof ProxyRefusal)) entry.error = error instanceof Error ? error.name : 'Error';
      response = envelopeResponse(refusal);
    }
    Object.assign(response.headers, corsHeaders(request));
    entry.status = response.status;
    const { telemetry: calls } = call;
    if (calls.traceId) entry.traceId = calls.traceId;
    calls.end({
      path: entry.path === '(other)' ? '(other)' : entry.path.slice(mountPath.length + 1),
      status: response.status,
      refusedBy: refusal?.defence,
      call,
    });
    try {
      log(entry);
    } catch {
      // A failing logger never fails the request.
    }
    return response;
  };
  const handler = async (request: Request, info?: { clientIp?: string }): Promise<Response> =>
    toWebResponse(await exchange(fromWebRequest(request), info?.clientIp));
  const ready = () => readiness({ store, config: configProblems(options) });
  const close = async () => {
    telemetry.close();
    upstreamPost.close();
    proofs.close();
    await store.close();
  };
  return Object.assign(handler, { exchange, close, ready, mountPath });
}

/** What the options lack for the proxy to serve a registration (readiness): empty when complete. */
function configProblems(options: VlensProxyOptions): string[] {
  const problems: string[] = [];
  if (!options.apiKey?.trim()) problems.push('apiKey is empty');
  try {
    const { protocol } = new URL(options.upstream ?? 'https://api.vlenseg.com');
    if (protocol !== 'https:' && protocol !== 'http:') problems.push('upstream is not an http(s) URL');
  } catch {
    problems.push('upstream is not a URL');
  }
  if (options.allowedCountries && options.allowedCountries.length === 0) {
    problems.push('allowedCountries is empty: no code can be sent');
  }
  if (options.captcha && (!options.captcha.secret || !options.captcha.siteKey)) {
    problems.push('captcha needs its siteKey and secret');
  }
  return problems;
}

/** A fresh per-call context; the stages fill in the rest. */
function newCall(
  request: ProxyRequest,
  ip: string,
  entry: VlensProxyLogEntry,
  storeTimeoutMs: number,
  telemetry: CallTelemetry,
): CallContext {
  return {
    request,
    ip,
    entry,
    telemetry,
    storeTimeoutMs,
    path: undefined as unknown as VlensPath,
    raw: '',
    body: {},
    status: 0,
    envelope: {},
    failed: false,
  };
}

/** Stage: the upstream's answer as the browser may see it (documented fields only, never a code). */
function documentedReply(call: CallContext): ProxyReply {
  const answer = documentedResponse(call.path, call.envelope, call.failed);
  // The proxy's own addition to a failed code check, so the widget can say how many tries remain even when Vlens does not.
  if (call.failed && call.codeChecksLeft !== undefined) answer.code_checks_left = call.codeChecksLeft;
  return reply(JSON.stringify(answer), {
    status: call.status,
    headers: { ...JSON_HEADERS, 'Cache-Control': 'no-store' },
  });
}

/** Pathnames of the request URLs seen (a handful per deployment: one per host and path), parsed once each. */
const PATHNAMES = new Map<string, string>();
const PATHNAMES_MAX = 256;

/** `new URL(url).pathname`, from PATHNAMES when `url` was seen before; throws as `new URL` does on an invalid URL. */
function pathnameOf(url: string): string {
  let pathname = PATHNAMES.get(url);
  if (pathname === undefined) {
    pathname = new URL(url).pathname;
    if (PATHNAMES.size < PATHNAMES_MAX) PATHNAMES.set(url, pathname);
  }
  return pathname;
}

/** A copy of `value` without any OTP field (see isOtpField), at any depth. */
export const stripOtpFields = withoutOtpFields;
