/** The proxy's request log: one JSON line per request, never a key, code, password or token. */

export interface VlensProxyLogEntry {
  /** ISO time the request arrived. */
  time: string;
  method: string;
  /** The served path, or '(other)' for paths the proxy does not serve (never the raw URL). */
  path: string;
  status: number;
  /** Time spent waiting for Vlens, when the call went upstream. */
  upstreamMs?: number;
  /** The client IP the limits used. */
  ip?: string;
  /** The request's phone number, masked (`+20******4567`). */
  phone?: string;
  /** The name of an unexpected error, if one happened. */
  error?: string;
  /** The W3C trace id of the call's span (when an OpenTelemetry SDK records it, or the client sent a `traceparent`). */
  traceId?: string;
}

let pending = '';
let flushHooked = false;

/** Writes the lines gathered so far in one write. */
function flushLog(): void {
  if (!pending) return;
  const lines = pending;
  pending = '';
  process.stdout.write(lines);
}

/**
 * The default log: the entry as one JSON line on stdout. Lines logged in the
 * same turn of the event loop go out in one write, after it (stdout to a
 * file or pipe is a blocking system call per write); any left at exit are
 * written then.
 */
export function jsonLineLog(entry: VlensProxyLogEntry): void {
  if (!pending) setImmediate(flushLog).unref();
  if (!flushHooked) {
    flushHooked = true;
    process.once('exit', flushLog);
  }
  pending += `${JSON.stringify(entry)}\n`;
}

/** Keeps the `+`, the first two digits and the last four: `+201001234567` → `+20******4567`. */
export function maskPhone(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  if (digits.length <= 6) return '+' + '*'.repeat(digits.length);
  return `+${digits.slice(0, 2)}${'*'.repeat(digits.length - 6)}${digits.slice(-4)}`;
}
