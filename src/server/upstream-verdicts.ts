/**
 * What the proxy reads in the upstream's refusals. Vlens documents no error
 * codes (see the stand-in's errors.ts), so these are the stand-in's codes,
 * plus the HTTP statuses a deployment that answers errors with a status
 * uses for the same refusals.
 */

/** `error_code`s that say a verification can no longer be used: expired (2002), burnt by wrong tries (2003), unknown or replaced (2004). */
export const VERIFICATION_GONE_CODES: ReadonlySet<number> = new Set([2002, 2003, 2004]);

/** HTTP statuses that say the same: 410 Gone (expired), 429 (too many tries), 404 (unknown request id). */
export const VERIFICATION_GONE_STATUSES: ReadonlySet<number> = new Set([404, 410, 429]);

/** Whether a failed answer to a code check or a Register says its code or request id is spent for good. */
export function saysVerificationGone(status: number, envelope: Record<string, unknown>): boolean {
  const code = envelope.error_code;
  return (typeof code === 'number' && VERIFICATION_GONE_CODES.has(code)) || VERIFICATION_GONE_STATUSES.has(status);
}
