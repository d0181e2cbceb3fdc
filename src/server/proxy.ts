/**
 * The key-holding proxy: a web-standard handler that validates what the
 * widget sends, applies rate limits, checks the proof a Register needs,
 * adds the tenant's ApiKey, forwards to Vlens and lets only documented
 * fields of the answer through (never a one-time code).
 */
import type { Redis } from 'ioredis';
import type { CountryCode } from 'libphonenumber-js/max';
import {
  CAPTCHA_TOKEN_HEADER,
  isVlensPath,
  PROXY_CONFIG_PATH,
  VLENS_API_PREFIX,
  VLENS_PATHS,
  type VlensPath,
} from '../api/paths.js';
import { firstIssueField, isEnvelopeSuccess, REQUEST_SCHEMAS, type ProxyConfig } from '../api/schemas.js';
import { canonicalEmail, checkPhone } from './canonical.js';
import { createCaptchaVerifier, type CaptchaOptions } from './captcha.js';
import { clientLimitKey, isPrivateAddress } from './client-address.js';
import { documentedResponse, withoutOtpFields } from './documented-fields.js';
import { createLimitStore, type LimitName, type LimitOutcome, type VlensLimits } from './limits.js';
import { jsonLineLog, maskPhone, type VlensProxyLogEntry } from './log.js';
import { fetchUpstream, nodeUpstream } from './upstream.js';
import { fromWebRequest, reply, toWebResponse, type ProxyReply, type ProxyRequest } from './exchange.js';

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
   * Read the client IP from `X-Forwarded-For` instead of the socket. `true`
   * trusts one proxy in front (the right-most entry, the one it appended);
   * a number trusts that many hops. Default false.
   */
  trustProxy?: boolean | number;
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
  /** How long a Redis call may take before Redis counts as down, ms. Default 1000. */
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
   * budget spent, X-Forwarded-For ignored). Default: console.warn.
   */
  warn?: (message: string) => void;
}

export type VlensProxyHandler = ((request: Request, info?: { clientIp?: string }) => Promise<Response>) & {
  /** The same handler on adapter-neutral request and reply objects (the Node listener uses this; see exchange.ts). */
  exchange(request: ProxyRequest, clientIp?: string): Promise<ProxyReply>;
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
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const limits = createLimitStore({
    limits: options.limits,
    redis: options.redis,
    storeTimeoutMs: options.storeTimeoutMs,
  });
  const proofTtlSec = options.proofTtlSec ?? 600;
  const verifyHumanTimeoutMs = options.verifyHumanTimeoutMs ?? 5000;
  const config: ProxyConfig = Object.freeze({
    allowedCountries: [...allowedCountries],
    resendAfterSec: options.resendAfterSec ?? 60,
    captcha: options.captcha ? { provider: options.captcha.provider, siteKey: options.captcha.siteKey } : null,
  });
  const verifyCaptcha = options.captcha ? createCaptchaVerifier(options.captcha) : undefined;
  const configBody = JSON.stringify(config);
  const globalBudget = { ...DEFAULT_LIMITS.sendGlobal, ...options.limits?.sendGlobal };
  /** The global send budget's circuit breaker: while open (until this time, ms) sends are refused without asking the store. */
  let breakerOpenUntil = 0;
  let warnedForwardedFor = false;

  function clientIpOf(request: ProxyRequest, socketIp: string | undefined): string {
    if (
      trustedHops === 0 &&
      !warnedForwardedFor &&
      socketIp &&
      request.headers.has('x-forwarded-for') &&
      isPrivateAddress(socketIp)
    ) {
      warnedForwardedFor = true;
      warn(
        `vlens proxy: requests arrive from the private address ${socketIp} with X-Forwarded-For, but trustProxy is off: ` +
          'every client behind that proxy shares one IP budget. Set trustProxy to the number of proxies in front.',
      );
    }
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

  /** Takes a point; resolves to the points left (when the store says). */
  async function limit(name: LimitName, key: string, field?: string): Promise<number | undefined> {
    const outcome = await limits.consume(name, key);
    refuseUnless(outcome, field);
    return outcome.ok ? outcome.remaining : undefined;
  }

  function refuseUnless(outcome: LimitOutcome, field?: string): void {
    if (outcome.ok) return;
    if (outcome.reason === 'unavailable') {
      throw new ProxyRefusal(503, 'The service is temporarily unavailable; try again shortly', field);
    }
    throw new ProxyRefusal(429, 'Too many requests; try again later', field, {
      'Retry-After': String(outcome.retryAfterSec),
    });
  }

  /** The CAPTCHA token of a send, checked with the provider within the deadline. */
  async function checkCaptcha(request: ProxyRequest, ip: string): Promise<void> {
    if (!verifyCaptcha) return;
    const deadline = AbortSignal.timeout(verifyHumanTimeoutMs);
    const verdict = await verifyCaptcha(request.headers.get(CAPTCHA_TOKEN_HEADER), ip, deadline);
    if (verdict === 'unavailable')
      throw new ProxyRefusal(503, 'Human verification is unavailable; try again shortly', 'captcha');
    if (verdict === 'refused') throw new ProxyRefusal(403, 'Human verification failed', 'captcha');
  }

  /** Whether a human sent this (the `verifyHuman` hook, within its deadline). */
  async function checkHuman(request: ProxyRequest, raw: string): Promise<void> {
    if (!options.verifyHuman) return;
    const copy = request.toRequest(raw);
    const unavailable = new ProxyRefusal(503, 'Human verification is unavailable; try again shortly');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a ProxyRefusal, answered as a 503
      timer = setTimeout(() => reject(unavailable), verifyHumanTimeoutMs);
    });
    try {
      const human = await Promise.race([Promise.resolve().then(() => options.verifyHuman!(copy)), deadline]).catch(
        () => {
          throw unavailable;
        },
      );
      if (!human) throw new ProxyRefusal(403, 'Human verification failed');
    } finally {
      clearTimeout(timer);
    }
  }

  /** The tenant-wide send budget, behind a circuit breaker that logs one line when it trips. */
  async function spendGlobalSend(field: string): Promise<void> {
    const now = Date.now();
    if (now < breakerOpenUntil) {
      throw new ProxyRefusal(429, 'Too many requests; try again later', field, {
        'Retry-After': String(Math.max(1, Math.ceil((breakerOpenUntil - now) / 1000))),
      });
    }
    const outcome = await limits.consume('sendGlobal', 'all');
    if (!outcome.ok && outcome.reason === 'limited') {
      breakerOpenUntil = now + outcome.retryAfterSec * 1000;
      warn(
        `vlens proxy: the global send budget (${globalBudget.points} codes per ${globalBudget.durationSec} s) is spent; ` +
          `every send is refused until ${new Date(breakerOpenUntil).toISOString()}. Raise limits.sendGlobal if this is real traffic.`,
      );
    }
    refuseUnless(outcome, field);
  }

  /**
   * The limits and checks that depend on what is being asked, applied before the upstream call.
   * Resolves, for a code check, to the checks this proxy still forwards for its request id.
   */
  async function guard(
    path: VlensPath,
    body: Record<string, unknown>,
    country: string | undefined,
    request: ProxyRequest,
    raw: string,
    ip: string,
  ): Promise<number | undefined> {
    const isSend =
      (path === VLENS_PATHS.verifyPhone && !body.phoneNumberOtp) ||
      (path === VLENS_PATHS.verifyEmail && !body.emailOtp);
    const isRegister = path === VLENS_PATHS.register || path === VLENS_PATHS.registerStepCreate;
    if (path === VLENS_PATHS.checkExistence || isRegister) await limit('existence', clientLimitKey(ip));
    if (isSend) {
      const field = path === VLENS_PATHS.verifyPhone ? 'phoneNumber' : 'email';
      if (field === 'phoneNumber' && !allowedCountries.has(country ?? '')) {
        throw new ProxyRefusal(400, 'Codes cannot be sent to phone numbers in this country', 'phoneNumber');
      }
      await checkCaptcha(request, ip);
      await checkHuman(request, raw);
      const key =
        field === 'phoneNumber'
          ? `phone:${body.phoneNumber as string}`
          : `email:${canonicalEmail(body.email as string)}`;
      await limit('sendShort', key, field);
      await limit('sendDaily', key, field);
      await limit('sendIp', clientLimitKey(ip), field);
      await spendGlobalSend(field);
      return undefined;
    }
    const code = body.phoneNumberOtp ?? body.emailOtp;
    let left: number | undefined;
    if (code) {
      // The request schemas made these strings.
      const requestId = (body.phoneNumberOtpRequestId ?? body.emailOtpRequestId) as string | undefined;
      const key = requestId ? `id:${requestId.toLowerCase()}` : `phone:${String(body.phoneNumber)}`;
      left = await limit('codeChecks', key, path === VLENS_PATHS.verifyEmail ? 'emailOtp' : 'phoneNumberOtp');
    }
    if (isRegister) {
      await checkProof(body);
      return undefined;
    }
    return left;
  }

  /** What this proxy saw validated, kept in the limiter store for `proofTtlSec`. */
  const proofKey = {
    phone: (requestId: unknown) => `phone:${String(requestId).toLowerCase()}`,
    email: (email: unknown) => `email:${String(email).trim().toLowerCase()}`,
    oauth: (requestId: unknown) => `oauth:${String(requestId).toLowerCase()}`,
  };

  async function recall(key: string): Promise<string | null> {
    const outcome = await limits.recall(key);
    if (!outcome.ok) throw new ProxyRefusal(503, 'The service is temporarily unavailable; try again shortly');
    return outcome.value;
  }

  /**
   * Register (and StepCreate) only with proof: a phone request id this proxy
   * saw validated for this very number, and, when the email step is
   * required, the email or OAuth verification it saw succeed.
   */
  async function checkProof(body: Record<string, unknown>): Promise<void> {
    const noProof = (field: string) =>
      new ProxyRefusal(403, 'Register needs the verifications this proxy saw succeed', field);
    if (!body.phoneNumberOtpRequestId) throw noProof('phoneNumberOtpRequestId');
    const seen = await recall(proofKey.phone(body.phoneNumberOtpRequestId));
    const phone = seen ? (JSON.parse(seen) as { phone: string; emailRequired: boolean }) : undefined;
    if (!phone || phone.phone !== body.phoneNumber) throw noProof('phoneNumberOtpRequestId');
    if (body.oAuthTokenVerificationRequestId) {
      if (!(await recall(proofKey.oauth(body.oAuthTokenVerificationRequestId))))
        throw noProof('oAuthTokenVerificationRequestId');
    } else if (phone.emailRequired) {
      if (!body.email || !(await recall(proofKey.email(body.email)))) throw noProof('email');
    }
  }

  /** After a successful answer: note the verification it proves, or spend the proofs a Register used. */
  async function noteProof(
    path: VlensPath,
    body: Record<string, unknown>,
    data: Record<string, unknown>,
  ): Promise<void> {
    const remember = async (key: string, value: string) => {
      if (!(await limits.remember(key, value, proofTtlSec))) {
        throw new ProxyRefusal(503, 'The service is temporarily unavailable; try again shortly');
      }
    };
    if (path === VLENS_PATHS.verifyPhone && body.phoneNumberOtp) {
      const value = JSON.stringify({
        phone: body.phoneNumber,
        emailRequired: data.isEmailConfirmationRequired === true,
      });
      await remember(proofKey.phone(body.phoneNumberOtpRequestId), value);
    } else if (path === VLENS_PATHS.verifyEmail && body.emailOtp) {
      await remember(proofKey.email(body.email), '1');
    } else if (path === VLENS_PATHS.verifyOAuthForRegister || path === VLENS_PATHS.verifyOAuth) {
      const id = data.oAuthTokenVerificationRequestId;
      if (typeof id === 'string' && id && data.isVerified !== false) await remember(proofKey.oauth(id), '1');
    } else if (path === VLENS_PATHS.register || path === VLENS_PATHS.registerStepCreate) {
      await limits.forget(proofKey.phone(body.phoneNumberOtpRequestId));
      if (body.email) await limits.forget(proofKey.email(body.email));
      if (body.oAuthTokenVerificationRequestId)
        await limits.forget(proofKey.oauth(body.oAuthTokenVerificationRequestId));
    }
  }

  /** Calls Vlens; resolves to its status and envelope (a JSON object), or throws a 502/504 refusal. */
  async function forward(
    path: VlensPath,
    body: unknown,
    entry: VlensProxyLogEntry,
  ): Promise<{ status: number; envelope: Record<string, unknown> }> {
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
      if (data === null || typeof data !== 'object' || Array.isArray(data)) {
        throw new ProxyRefusal(502, 'The upstream service did not answer with an envelope');
      }
      return { status: answer.status, envelope: data as Record<string, unknown> };
    } catch (error) {
      if (error instanceof ProxyRefusal) throw error;
      if (controller.signal.aborted) throw new ProxyRefusal(504, 'The upstream service did not answer in time');
      throw new ProxyRefusal(502, 'The upstream service could not be reached');
    } finally {
      clearTimeout(timer);
      entry.upstreamMs = Math.round(performance.now() - started);
    }
  }

  async function route(
    request: ProxyRequest,
    pathname: string,
    ip: string,
    entry: VlensProxyLogEntry,
  ): Promise<ProxyReply> {
    const prefix = `${mountPath}/`;
    const sub = pathname.startsWith(prefix) ? pathname.slice(prefix.length) : undefined;
    if (sub === 'healthz') {
      entry.path = `${mountPath}/healthz`;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        throw new ProxyRefusal(405, 'Method not allowed', undefined, { Allow: 'GET, HEAD' });
      }
      return reply(JSON.stringify({ status: 'ok' }), { headers: { ...JSON_HEADERS, 'Cache-Control': 'no-store' } });
    }
    if (sub === PROXY_CONFIG_PATH) {
      entry.path = `${mountPath}/${PROXY_CONFIG_PATH}`;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        throw new ProxyRefusal(405, 'Method not allowed', undefined, { Allow: 'GET, HEAD' });
      }
      return reply(request.method === 'HEAD' ? null : configBody, {
        headers: { ...JSON_HEADERS, 'Cache-Control': 'no-cache' },
      });
    }
    if (sub === undefined || !isVlensPath(sub)) throw new ProxyRefusal(404, 'Not found');
    entry.path = `${mountPath}/${sub}`;
    if (request.method === 'OPTIONS') return preflight(request);
    if (request.method !== 'POST') throw new ProxyRefusal(405, 'Method not allowed', undefined, { Allow: 'POST' });

    await limit('ip', clientLimitKey(ip));
    if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? '')) {
      throw new ProxyRefusal(415, 'Requests must be application/json');
    }
    const declared = Number(request.headers.get('content-length'));
    if (declared > maxBodyBytes) throw new ProxyRefusal(413, 'The request body is too large');
    const raw = await request.readText(maxBodyBytes).catch(() => {
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
    let country: string | undefined;
    if (typeof body.phoneNumber === 'string') {
      // One handset, one spelling: every limit, proof, log line and the upstream call use libphonenumber's E.164.
      const phone = checkPhone(body.phoneNumber);
      entry.phone = maskPhone(phone.ok ? phone.e164 : body.phoneNumber);
      if (!phone.ok) throw new ProxyRefusal(400, `Invalid phoneNumber: ${phone.message}`, 'phoneNumber');
      body.phoneNumber = phone.e164;
      country = phone.country;
    }
    const codeChecksLeft = await guard(sub, body, country, request, raw, ip);
    const { status, envelope } = await forward(sub, body, entry);
    const failed = !isEnvelopeSuccess(status, envelope);
    if (!failed) await noteProof(sub, body, envelope.data as Record<string, unknown>);
    const answer = documentedResponse(sub, envelope, failed);
    // The proxy's own addition to a failed code check, so the widget can say how many tries remain even when Vlens does not.
    if (failed && codeChecksLeft !== undefined) answer.code_checks_left = codeChecksLeft;
    return reply(JSON.stringify(answer), {
      status,
      headers: { ...JSON_HEADERS, 'Cache-Control': 'no-store' },
    });
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
    const ip = clientIpOf(request, clientIp);
    const entry: VlensProxyLogEntry = {
      time: new Date().toISOString(),
      method: request.method,
      path: '(other)',
      status: 0,
      ip,
    };
    let response: ProxyReply;
    try {
      response = await route(request, pathnameOf(request.url), ip, entry);
    } catch (error) {
      const refusal = error instanceof ProxyRefusal ? error : new ProxyRefusal(500, 'Internal error');
      if (!(error instanceof ProxyRefusal)) entry.error = error instanceof Error ? error.name : 'Error';
      response = envelopeResponse(refusal);
    }
    Object.assign(response.headers, corsHeaders(request));
    entry.status = response.status;
    try {
      log(entry);
    } catch {
      // A failing logger never fails the request.
    }
    return response;
  };
  const handler = async (request: Request, info?: { clientIp?: string }): Promise<Response> =>
    toWebResponse(await exchange(fromWebRequest(request), info?.clientIp));
  const close = async () => {
    upstreamPost.close();
    await limits.close();
  };
  return Object.assign(handler, { exchange, close, mountPath });
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

function envelopeResponse(refusal: ProxyRefusal): ProxyReply {
  const body = {
    data: null,
    error_code: refusal.status,
    error_message: refusal.message,
    error_descriptions: { source: 'proxy', ...(refusal.field ? { field: refusal.field } : {}) },
  };
  return reply(JSON.stringify(body), {
    status: refusal.status,
    headers: { ...JSON_HEADERS, 'Cache-Control': 'no-store', ...refusal.headers },
  });
}

/** A copy of `value` without any OTP field (see isOtpField), at any depth. */
export const stripOtpFields = withoutOtpFields;
