/**
 * The proxy's rate limits behind one small interface: in memory by default,
 * in Redis (shared by every proxy instance) when given an ioredis client or URL.
 */
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** `points` calls per `durationSec` seconds, per key. */
export interface Limit {
  points: number;
  durationSec: number;
}

/** Every limit the proxy applies; each is a factory option. */
export interface VlensLimits {
  /** OTP sends per phone number (digits only) or lowercased email, short window. Default 3 per 10 min. */
  sendShort: Limit;
  /** OTP sends per phone number or email, per day. Default 10 per day. */
  sendDaily: Limit;
  /** Code checks per request id (StepVerifyPhone/StepVerifyEmail validation, Register with a code). Default 5 per day. */
  codeChecks: Limit;
  /** Calls per client IP across every endpoint. Default 100 per 10 min. */
  ip: Limit;
  /** `CheckExistenceOfEmailOrPhone` calls per client IP (it reveals who is registered). Default 10 per 10 min. */
  existence: Limit;
}

export type LimitName = keyof VlensLimits;

/** The CONTRACT defaults. */
export const DEFAULT_LIMITS: Readonly<VlensLimits> = Object.freeze({
  sendShort: { points: 3, durationSec: 10 * 60 },
  sendDaily: { points: 10, durationSec: 24 * 60 * 60 },
  codeChecks: { points: 5, durationSec: 24 * 60 * 60 },
  ip: { points: 100, durationSec: 10 * 60 },
  existence: { points: 10, durationSec: 10 * 60 },
});

/**
 * What happens when the Redis store cannot answer. Limits that protect
 * money or codes (sends, code checks) fail closed: the call is refused
 * (`unavailable`, a 503 from the proxy) after waiting up to `storeTimeoutMs`
 * for a connecting Redis to be ready. The per-IP limits fall back to an
 * in-memory limiter per instance (rate-limiter-flexible's insurance limiter),
 * so the rest of the flow keeps working, still limited (a store that hangs
 * past `storeTimeoutMs` lets those through).
 */
export const FAIL_CLOSED: ReadonlySet<LimitName> = new Set<LimitName>(['sendShort', 'sendDaily', 'codeChecks']);

export type LimitOutcome =
  | { ok: true; /** Points left in this window, when the store says. */ remaining?: number }
  | { ok: false; reason: 'limited'; retryAfterSec: number }
  | { ok: false; reason: 'unavailable' };

export interface LimitStore {
  /** Takes one point from `name`'s budget for `key`. */
  consume(name: LimitName, key: string): Promise<LimitOutcome>;
  /** Releases what the store opened (a Redis connection it created from a URL). */
  close(): Promise<void>;
}

export interface LimitStoreOptions {
  limits?: Partial<VlensLimits>;
  /** An ioredis client (left open on close) or a redis:// URL (connected and closed here). */
  redis?: Redis | string;
  /** Key prefix in Redis. Default 'vlens'. */
  prefix?: string;
  /** How long a Redis answer may take before the store counts as unavailable, ms. Default 1000. */
  storeTimeoutMs?: number;
}

/** Creates the limiter set: memory unless `redis` is given. */
export function createLimitStore(options: LimitStoreOptions = {}): LimitStore {
  const limits: VlensLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const prefix = options.prefix ?? 'vlens';
  const storeTimeoutMs = options.storeTimeoutMs ?? 1000;
  const ownsClient = typeof options.redis === 'string';
  const client =
    typeof options.redis === 'string'
      ? new Redis(options.redis, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 })
      : options.redis;
  // Connection errors surface as failed consumes; without a listener ioredis would print every retry.
  if (ownsClient) client!.on('error', () => {});

  const limiters = {} as Record<LimitName, RateLimiterAbstract>;
  for (const name of Object.keys(limits) as LimitName[]) {
    const { points, durationSec } = limits[name];
    const base = { points, duration: durationSec, keyPrefix: `${prefix}:${name}` };
    limiters[name] = client
      ? new RateLimiterRedis({
          ...base,
          storeClient: client,
          rejectIfRedisNotReady: true,
          insuranceLimiter: FAIL_CLOSED.has(name) ? undefined : new RateLimiterMemory(base),
        })
      : new RateLimiterMemory(base);
  }

  return {
    async consume(name, key) {
      if (client && FAIL_CLOSED.has(name) && !(await whenReady(client, storeTimeoutMs))) {
        return { ok: false, reason: 'unavailable' };
      }
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), storeTimeoutMs);
      });
      try {
        const answer = await Promise.race([limiters[name].consume(key), timeout]);
        if (answer === 'timeout') return FAIL_CLOSED.has(name) ? { ok: false, reason: 'unavailable' } : { ok: true };
        return { ok: true, remaining: answer.remainingPoints };
      } catch (error) {
        if (error instanceof RateLimiterRes) {
          return { ok: false, reason: 'limited', retryAfterSec: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
        }
        return { ok: false, reason: 'unavailable' };
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      if (ownsClient && client) client.disconnect();
    },
  };
}

/** Resolves true once `client` is ready (connecting a lazy client), false after `timeoutMs`. */
async function whenReady(client: Redis, timeoutMs: number): Promise<boolean> {
  if (client.status === 'ready') return true;
  if (client.status === 'wait') client.connect().catch(() => {});
  return new Promise<boolean>((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    client.on('ready', onReady);
  });
}
