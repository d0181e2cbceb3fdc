/** The proxy's own refusals (not Vlens's), and the envelope they are answered with. */
import { reply, type ProxyReply } from './exchange.js';
import type { Defence } from './metrics.js';

export const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };

/** A refusal from the proxy itself, answered as an envelope; thrown by any stage. */
export class ProxyRefusal {
  /** The defence that refused the call, when one did (metrics and span events name it). */
  defence?: Defence;

  constructor(
    readonly status: number,
    readonly message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {}

  /** Names the defence that refused; returns this refusal. */
  by(defence: Defence): this {
    this.defence = defence;
    return this;
  }
}

/** The 503 of a store (Redis) that could not answer in time. */
export function storeUnavailable(field?: string): ProxyRefusal {
  return new ProxyRefusal(503, 'The service is temporarily unavailable; try again shortly', field).by('store');
}

/** The 429 of a spent budget, with its Retry-After. */
export function tooMany(retryAfterSec: number, field?: string): ProxyRefusal {
  return new ProxyRefusal(429, 'Too many requests; try again later', field, {
    'Retry-After': String(Math.max(1, Math.ceil(retryAfterSec))),
  });
}

/** A refusal as the proxy's envelope: `error_code` is the HTTP status, `error_descriptions.source` is 'proxy'. */
export function envelopeResponse(refusal: ProxyRefusal): ProxyReply {
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
