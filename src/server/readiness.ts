/**
 * `GET {mount}/readyz`: whether this instance can serve a registration now (its limit store answers and
 * its configuration is complete), and what could lose limits or proofs (a Redis without persistence, or
 * with an eviction policy that drops keys). `healthz` stays the liveness check.
 */
import type { LimitStore } from './limits.js';

export interface Readiness {
  /** 200 when true, 503 when false. */
  ready: boolean;
  body: {
    status: 'ready' | 'unavailable';
    store: Awaited<ReturnType<LimitStore['status']>>;
    /** What the configuration lacks (empty when complete). */
    config: string[];
  };
}

/**
 * One warning line, once the store first answers, when it can lose limits or proofs (a Redis without
 * persistence or with an eviction policy); nothing for a store that does not answer (readyz says so).
 */
export function warnOnceAboutStore(store: LimitStore, warn: (message: string) => void): void {
  void store.status().then(
    (status) => {
      if (status.ok && status.warnings.length) warn(`vlens proxy: ${status.warnings.join('; ')}`);
    },
    () => {},
  );
}

/** The readiness of a proxy with this store and these configuration problems. */
export async function readiness({ store, config }: { store: LimitStore; config: string[] }): Promise<Readiness> {
  const status = await store.status();
  const ready = status.ok && config.length === 0;
  return { ready, body: { status: ready ? 'ready' : 'unavailable', store: status, config } };
}
