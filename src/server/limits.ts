/**
 * The proxy's rate limits and the proofs it keeps (which phone, email and
 * OAuth verifications it saw succeed) behind one small store: in memory by
 * default, in Redis (shared by every proxy instance) when given an ioredis
 * client or URL. A Redis that does not answer within `storeTimeoutMs` is
 * treated exactly like one that errors.
 */
import type * as IORedis from 'ioredis';
import type * as RateLimiterFlexible from 'rate-limiter-flexible';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { importPeer } from './optional-peer.js';

// Optional peers: without them, `vlens-register/server` fails with one line naming the npm install.
const { Redis } = await importPeer('ioredis', 'vlens-register/server', () => import('ioredis'));
const { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } = await importPeer(
  'rate-limiter-flexible',
  'vlens-register/server',
  () => import('rate-limiter-flexible'),
);
type Redis = IORedis.Redis;
type RateLimiterMemory = RateLimiterFlexible.RateLimiterMemory;
type RateLimiterRes = RateLimiterFlexible.RateLimiterRes;
import type { StoreFailure, StoreOperation } from './metrics.js';

/** `points` calls per `durationSec` seconds, per key. */
export interface Limit {
  points: number;
  durationSec: number;
}

/** Every limit the proxy applies; each is a factory option. */
export interface VlensLimits {
  /** OTP sends per handset (normalised E.164) or canonical email, short window. Default 3 per 10 min. */
  sendShort: Limit;
  /** OTP sends per handset or canonical email, per day. Default 10 per day. */
  sendDaily: Limit;
  /**
   * Code sends per number block: the E.164 number without its last
   * NUMBER_BLOCK_DIGITS digits (1,000 consecutive numbers), against SMS
   * pumping through a range. Default 10 per hour.
   */
  sendBlock: Limit;
  /** Code sends per destination country. Default 500 per hour (half the global budget). */
  sendCountry: Limit;
  /** OTP sends (phone and email) per client IP, IPv6 grouped by /64. Default 20 per hour. */
  sendIp: Limit;
  /** OTP sends per IPv6 /48 (a site: 65,536 /64s); IPv4 has no such budget. Default 40 per hour. */
  sendIpBlock: Limit;
  /**
   * OTP sends through this proxy altogether (every instance sharing one Redis):
   * the tenant-wide budget. Spent, it trips a circuit breaker that refuses
   * sends until the window turns. Default 1000 per hour.
   */
  sendGlobal: Limit;
  /** Code checks per request id (StepVerifyPhone/StepVerifyEmail validation, Register with a code). Default 5 per day. */
  codeChecks: Limit;
  /** Calls per client IP (IPv6 by /64) across every endpoint. Default 100 per 10 min. */
  ip: Limit;
  /**
   * Calls that reveal whether a number or email is registered, per client IP:
   * `CheckExistenceOfEmailOrPhone` and `Register` (its 409 says the same). Default 10 per 10 min.
   */
  existence: Limit;
}

export type LimitName = keyof VlensLimits;

/** The CONTRACT defaults, plus the send caps per client and per proxy. */
export const DEFAULT_LIMITS: Readonly<VlensLimits> = Object.freeze({
  sendShort: { points: 3, durationSec: 10 * 60 },
  sendDaily: { points: 10, durationSec: 24 * 60 * 60 },
  sendBlock: { points: 10, durationSec: 60 * 60 },
  sendCountry: { points: 500, durationSec: 60 * 60 },
  sendIp: { points: 20, durationSec: 60 * 60 },
  sendIpBlock: { points: 40, durationSec: 60 * 60 },
  sendGlobal: { points: 1000, durationSec: 60 * 60 },
  codeChecks: { points: 5, durationSec: 24 * 60 * 60 },
  ip: { points: 100, durationSec: 10 * 60 },
  existence: { points: 10, durationSec: 10 * 60 },
});

/**
 * What happens when the Redis store cannot answer (an error, or no answer
 * within `storeTimeoutMs`). Limits that protect money or codes (every send
 * cap, code checks) fail closed: the call is refused (`unavailable`, a 503
 * from the proxy). The per-IP limits fall back to an in-memory limiter per
 * instance, so the rest of the flow keeps working, still limited. Proofs
 * fail closed too (see `recall`).
 */
export const FAIL_CLOSED: ReadonlySet<LimitName> = new Set<LimitName>([
  'sendShort',
  'sendDaily',
  'sendBlock',
  'sendCountry',
  'sendIp',
  'sendIpBlock',
  'sendGlobal',
  'codeChecks',
]);

export type LimitOutcome =
  | { ok: true; /** Points left in this window, when the store says. */ remaining?: number }
  | { ok: false; reason: 'limited'; retryAfterSec: number }
  | { ok: false; reason: 'unavailable' };

/** A remembered value, none (never seen or expired), or the store could not answer. */
export type RecallOutcome = { ok: true; value: string | null } | { ok: false; reason: 'unavailable' };

/**
 * Every store call takes an optional `deadline` (a `Date.now()` time): the
 * proxy gives all the calls of one request the same deadline, so a Redis
 * that stalls costs a request one `storeTimeoutMs`, not one per call.
 * Without one, each call gets `storeTimeoutMs` of its own.
 */
export interface LimitStore {
  /** Takes one point from `name`'s budget for `key`. */
  consume(name: LimitName, key: string, deadline?: number): Promise<LimitOutcome>;
  /** Spends what is left of `name`'s budget for `key` in this window (best effort). */
  exhaust(name: LimitName, key: string, deadline?: number): Promise<void>;
  /** Keeps `value` under `key` for `ttlSec` seconds; false when the store could not answer. */
  remember(key: string, value: string, ttlSec: number, deadline?: number): Promise<boolean>;
  /** The value kept under `key`, if it has not expired. */
  recall(key: string, deadline?: number): Promise<RecallOutcome>;
  /** The value kept under `key`, removed in the same step (one caller gets it, across instances). */
  claim(key: string, deadline?: number): Promise<RecallOutcome>;
  /** Removes `key` (best effort). */
  forget(key: string, deadline?: number): Promise<void>;
  /** Releases what the store opened (a Redis connection it created from a URL). */
  close(): Promise<void>;
  /** Whether the store answers now, and what it keeps across a restart (readiness). */
  status(): Promise<StoreStatus>;
}

export interface LimitStoreOptions {
  limits?: Partial<VlensLimits>;
  /** An ioredis client (left open on close) or a redis:// URL (connected and closed here). */
  redis?: Redis | string;
  /** Key prefix in Redis. Default 'vlens'. */
  prefix?: string;
  /** How long any store call may take before the store counts as unavailable, ms. Default 1000. */
  storeTimeoutMs?: number;
  /** Told of every store call that failed or timed out (metrics). */
  onFailure?: (operation: StoreOperation, failure: StoreFailure) => void;
}

/** What readiness needs to know of the store. */
export interface StoreStatus {
  kind: 'memory' | 'redis';
  /** Whether the store answered (always true for memory). */
  ok: boolean;
  /** Redis: 'aof', 'rdb', 'aof+rdb', 'none', or 'unknown' when CONFIG is not allowed. */
  persistence?: 'aof' | 'rdb' | 'aof+rdb' | 'none' | 'unknown';
  /** Redis: its `maxmemory-policy` (with `maxmemory` set), or 'unknown'. */
  evictionPolicy?: string;
  /** What can lose limits or proofs, one plain sentence each (empty when nothing). */
  warnings: string[];
}

const TIMED_OUT = Symbol('timed out');

/** Takes a value and its remaining lifetime (ms) in one step: `[value, pttl]`, or nil when there is none. */
const CLAIM_SCRIPT = `local v = redis.call('GET', KEYS[1])
if not v then return false end
local ttl = redis.call('PTTL', KEYS[1])
redis.call('DEL', KEYS[1])
return {v, ttl}`;

/** `promise`, or TIMED_OUT at `deadline` (a `Date.now()` time); a late rejection is swallowed. */
async function within<T>(promise: Promise<T>, deadline: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, deadline - Date.now()));
  });
  promise.catch(() => {});
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const limited = (res: RateLimiterRes): LimitOutcome => ({
  ok: false,
  reason: 'limited',
  retryAfterSec: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
});

/** Takes a point from an in-memory limiter. */
async function consumeMemory(limiter: RateLimiterMemory, key: string): Promise<LimitOutcome> {
  try {
    const answer = await limiter.consume(key);
    return { ok: true, remaining: answer.remainingPoints };
  } catch (error) {
    return error instanceof RateLimiterRes ? limited(error) : { ok: false, reason: 'unavailable' };
  }
}

/** Creates the store: memory unless `redis` is given. */
export function createLimitStore(options: LimitStoreOptions = {}): LimitStore {
  const limits: VlensLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const prefix = options.prefix ?? 'vlens';
  const storeTimeoutMs = options.storeTimeoutMs ?? 1000;
  const ownsClient = typeof options.redis === 'string';
  const client =
    typeof options.redis === 'string'
      ? new Redis(options.redis, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 })
      : options.redis;
  // Connection errors surface as failed calls; without a listener ioredis would print every retry.
  if (ownsClient) client!.on('error', () => {});

  const limiters = {} as Record<LimitName, RateLimiterAbstract>;
  /** Per-instance stand-ins for the per-IP limits while Redis cannot answer. */
  const fallbacks = {} as Partial<Record<LimitName, RateLimiterMemory>>;
  for (const name of Object.keys(limits) as LimitName[]) {
    const { points, durationSec } = limits[name];
    const base = { points, duration: durationSec, keyPrefix: `${prefix}:${name}` };
    limiters[name] = client
      ? new RateLimiterRedis({ ...base, storeClient: client, rejectIfRedisNotReady: true })
      : new RateLimiterMemory(base);
    if (client && !FAIL_CLOSED.has(name)) fallbacks[name] = new RateLimiterMemory(base);
  }
  const memory = client ? undefined : new MemoryValues();

  async function consumeFallback(name: LimitName, key: string): Promise<LimitOutcome> {
    const fallback = fallbacks[name];
    return fallback ? consumeMemory(fallback, key) : { ok: false, reason: 'unavailable' };
  }

  const failed = options.onFailure ?? (() => {});
  const deadlineOf = (deadline: number | undefined) => deadline ?? Date.now() + storeTimeoutMs;

  async function ready(deadline: number): Promise<boolean> {
    if (!client || (await whenReady(client, deadline))) return true;
    failed('ready', 'timeout');
    return false;
  }

  /** `call` by `deadline`; TIMED_OUT or a thrown error (not a limit's refusal) are counted as failures of `operation`. */
  async function timed<T>(
    operation: StoreOperation,
    call: Promise<T>,
    deadline: number,
  ): Promise<T | typeof TIMED_OUT> {
    try {
      const answer = await within(call, deadline);
      if (answer === TIMED_OUT) failed(operation, 'timeout');
      return answer;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) failed(operation, 'error');
      throw error;
    }
  }

  const redisKey = (key: string) => `${prefix}:proof:${key}`;

  /** A Redis read of one value: the store unavailable when not ready, on an error or past the deadline. */
  async function read(command: Promise<string | null>, deadline: number): Promise<RecallOutcome> {
    try {
      const value = await timed('recall', command, deadline);
      return value === TIMED_OUT ? { ok: false, reason: 'unavailable' } : { ok: true, value };
    } catch {
      return { ok: false, reason: 'unavailable' };
    }
  }

  return {
    async consume(name, key, deadline) {
      // Memory answers at once: no deadline to race (a timer and a Promise.race per call).
      if (!client) return consumeMemory(limiters[name] as RateLimiterMemory, key);
      const by = deadlineOf(deadline);
      if (FAIL_CLOSED.has(name) && !(await ready(by))) return { ok: false, reason: 'unavailable' };
      try {
        const answer = await timed('consume', limiters[name].consume(key), by);
        if (answer === TIMED_OUT) return consumeFallback(name, key);
        return { ok: true, remaining: answer.remainingPoints };
      } catch (error) {
        if (error instanceof RateLimiterRes) return limited(error);
        return consumeFallback(name, key);
      }
    },
    async exhaust(name, key, deadline) {
      const penalty = limiters[name].penalty(key, limits[name].points);
      if (client) await timed('exhaust', penalty, deadlineOf(deadline)).catch(() => {});
      else await penalty.catch(() => {});
    },
    async remember(key, value, ttlSec, deadline) {
      if (memory) {
        memory.set(key, value, ttlSec);
        return true;
      }
      const by = deadlineOf(deadline);
      if (!(await ready(by))) return false;
      try {
        const command = client!.set(redisKey(key), value, 'EX', Math.max(1, Math.ceil(ttlSec)));
        return (await timed('remember', command, by)) === 'OK';
      } catch {
        return false;
      }
    },
    async recall(key, deadline) {
      if (memory) return { ok: true, value: memory.get(key) };
      const by = deadlineOf(deadline);
      if (!(await ready(by))) return { ok: false, reason: 'unavailable' };
      return read(client!.get(redisKey(key)), by);
    },
    async claim(key, deadline) {
      if (memory) {
        const value = memory.get(key);
        memory.delete(key);
        return { ok: true, value };
      }
      const by = deadlineOf(deadline);
      if (!(await ready(by))) return { ok: false, reason: 'unavailable' };
      // One atomic step (a script runs alone), so of two instances claiming one value, one gets it.
      const command = client!.eval(CLAIM_SCRIPT, 1, redisKey(key)) as Promise<[string, number] | null>;
      try {
        const answer = await timed('claim', command, by);
        if (answer !== TIMED_OUT) return { ok: true, value: answer?.[0] ?? null };
      } catch {
        return { ok: false, reason: 'unavailable' };
      }
      // Too late for this caller, but Redis may still run it (a stall): what it takes then goes back, as it was.
      command
        .then((late) => late && client!.set(redisKey(key), late[0], 'PX', Math.max(1, late[1]), 'NX'))
        .catch(() => {});
      return { ok: false, reason: 'unavailable' };
    },
    async forget(key, deadline) {
      if (memory) return memory.delete(key);
      await timed('forget', client!.del(redisKey(key)), deadlineOf(deadline)).catch(() => {});
    },
    async close() {
      if (ownsClient && client) client.disconnect();
    },
    async status() {
      if (!client) {
        return {
          kind: 'memory',
          ok: true,
          warnings: [
            'limits and proofs are kept in this process only: each instance counts alone and a restart forgets them',
          ],
        };
      }
      const by = deadlineOf(undefined);
      if (!(await ready(by))) return { kind: 'redis', ok: false, warnings: ['Redis does not answer'] };
      const answer = await within(redisSettings(client), by).catch(() => undefined);
      if (answer === undefined || answer === TIMED_OUT) {
        return { kind: 'redis', ok: false, warnings: ['Redis does not answer'] };
      }
      return { kind: 'redis', ok: true, ...answer };
    },
  };
}

/** How a Redis keeps keys across a restart and under memory pressure, with a warning for each way it can drop them. */
export async function redisSettings(
  client: Redis,
): Promise<{ persistence: NonNullable<StoreStatus['persistence']>; evictionPolicy: string; warnings: string[] }> {
  await client.ping();
  const config = async (name: string): Promise<string | undefined> => {
    try {
      const pair = (await client.call('CONFIG', 'GET', name)) as string[];
      return pair[1];
    } catch {
      return undefined; // CONFIG renamed or refused (managed Redis): unknown
    }
  };
  const [appendonly, save, policy, maxmemory] = await Promise.all([
    config('appendonly'),
    config('save'),
    config('maxmemory-policy'),
    config('maxmemory'),
  ]);
  const warnings: string[] = [];
  let persistence: NonNullable<StoreStatus['persistence']>;
  if (appendonly === undefined && save === undefined) persistence = 'unknown';
  else {
    const aof = appendonly === 'yes';
    const rdb = !!save?.trim();
    persistence = aof && rdb ? 'aof+rdb' : aof ? 'aof' : rdb ? 'rdb' : 'none';
  }
  if (persistence === 'none')
    warnings.push(
      'Redis has no persistence (appendonly no, save ""): a restart loses every pending proof and send counter',
    );
  else if (persistence === 'rdb')
    warnings.push(
      'Redis persists by snapshots only (appendonly no): a restart loses the proofs and counts since the last snapshot',
    );
  else if (persistence === 'unknown') warnings.push('Redis persistence is unknown (CONFIG GET refused)');
  const evictionPolicy = policy === undefined ? 'unknown' : policy;
  if (policy === undefined) warnings.push('Redis eviction policy is unknown (CONFIG GET refused)');
  else if (policy !== 'noeviction' && maxmemory !== '0')
    warnings.push(
      `Redis evicts keys under memory pressure (maxmemory-policy ${policy}): proofs and limits can vanish; use noeviction`,
    );
  return { persistence, evictionPolicy, warnings };
}

/** Values with an expiry, in this process; expired entries are swept as new ones arrive. */
class MemoryValues {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();
  private writesSinceSweep = 0;

  set(key: string, value: string, ttlSec: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: Date.now() + ttlSec * 1000 });
    if (++this.writesSinceSweep >= 1000) this.sweep();
  }

  get(key: string): string | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return null;
    }
    return entry.value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  private sweep(): void {
    this.writesSinceSweep = 0;
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}

/** Each client's wait for its 'ready' event in progress: one listener per client, however many calls wait. */
const readyWaits = new WeakMap<Redis, Promise<true>>();

/**
 * Resolves true once `client` is ready (connecting a lazy client), false at `deadline` (a `Date.now()`
 * time). Calls that arrive while a wait is in progress share its listener (none per call while Redis is
 * down), each with its own deadline.
 */
async function whenReady(client: Redis, deadline: number): Promise<boolean> {
  if (client.status === 'ready') return true;
  if (client.status === 'wait') client.connect().catch(() => {});
  let wait = readyWaits.get(client);
  if (!wait) {
    wait = new Promise<true>((resolve) => {
      client.once('ready', () => {
        readyWaits.delete(client);
        resolve(true);
      });
    });
    readyWaits.set(client, wait);
  }
  return (await within(wait, deadline)) === true;
}
