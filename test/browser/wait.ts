/**
 * `waitUntil` for every browser test: @open-wc's, with one deadline for all (20 s, not its default 1 s)
 * that suits two cores running three engines, lint and the node tests side by side. Tests wait on a
 * condition, never on a time; the deadline only bounds how long a broken condition takes to fail, so no
 * test sets a shorter one.
 */
import { waitUntil as openWcWaitUntil } from '@open-wc/testing';

export const WAIT_TIMEOUT_MS = 20_000;

export function waitUntil(
  predicate: () => unknown,
  message?: string,
  options: { interval?: number; timeout?: number } = {},
): Promise<void> {
  return openWcWaitUntil(predicate, message, { timeout: WAIT_TIMEOUT_MS, ...options });
}
