/**
 * One call through the proxy, as its stages see it. createVlensProxy makes
 * one CallContext per request and hands it from stage to stage:
 *
 *   route → readBody/validate → budgets (client, destination) → human check
 *   (CAPTCHA, verifyHuman) → proofs (claim) → forward → documented fields →
 *   proofs (note) → log
 *
 * Each stage reads what the ones before it filled in and throws a
 * ProxyRefusal to end the call. Stages are plain async functions over this
 * object, so a wrapper (metrics, traces) can time each by name.
 */
import type { VlensPath } from '../api/paths.js';
import type { ProxyRequest } from './exchange.js';
import type { VlensProxyLogEntry } from './log.js';
import type { CallTelemetry } from './metrics.js';

export interface CallContext {
  readonly request: ProxyRequest;
  /** The client's address as the budgets see it (see client-address.ts). */
  readonly ip: string;
  /** The log line of this call, filled in as the stages go. */
  readonly entry: VlensProxyLogEntry;
  /** The call's span and counters (see metrics.ts); forward starts the upstream span, the proxy ends it. */
  readonly telemetry: CallTelemetry;
  /** The Vlens path asked for (set by route). */
  path: VlensPath;
  /** The request body as sent (set by readBody). */
  raw: string;
  /** The validated body, phone number normalised to E.164 (set by validate); what is forwarded. */
  body: Record<string, unknown>;
  /** The phone number's country, when the body has one (set by validate). */
  country?: string;
  /** For a code check: the checks this proxy still forwards for its request id (set by the budgets). */
  codeChecksLeft?: number;
  /** The upstream's answer (set by forward). */
  status: number;
  envelope: Record<string, unknown>;
  /** Whether the upstream's answer is a failure (set by forward). */
  failed: boolean;
  /**
   * The phone flow an email or OAuth verification belongs to: the `phoneNumber` and
   * `phoneNumberOtpRequestId` the widget sends with them, taken out of the body (set by takeFlow).
   */
  flow?: { phone: string; requestId: string };
  /** The proofs a Register claimed (key and value), returned to the store if the call fails (set by claimProofs). */
  claimed?: Array<[key: string, value: string]>;
  /** How long the store may take for this whole call, ms (the proxy's `storeTimeoutMs`). */
  readonly storeTimeoutMs: number;
  /**
   * The store deadline of this call, set at its first store call (see storeDeadline); cleared once
   * the upstream answered, so the store calls after it get their own.
   */
  deadline?: number;
}

/**
 * The store deadline of a call: every store call before the upstream call shares one, and every one after
 * it another, so a stalled Redis costs a request one `storeTimeoutMs` on each side of the upstream call,
 * never one per store call.
 */
export function storeDeadline(call: CallContext): number {
  return (call.deadline ??= Date.now() + call.storeTimeoutMs);
}

/** What a stage is: it reads and fills in the context, or throws a ProxyRefusal. */
export type Stage = (call: CallContext) => Promise<void> | void;
