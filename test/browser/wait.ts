/**
 * `waitUntil` for every browser test: @open-wc's, with a deadline that suits two cores running three
 * engines and the node tests side by side (10 s, not its default 1 s). Tests wait on a condition,
 * never on a time; the deadline only bounds how long a broken condition takes to fail.
 */
import { waitUntil as openWcWaitUntil } from '@open-wc/testing';

export const WAIT_TIMEOUT_MS = 10_000;

export function waitUntil(
  predicate: () => unknown,
  message?: string,
  options: { interval?: number; timeout?: number } = {},
): Promise<void> {
  return openWcWaitUntil(predicate, message, { timeout: WAIT_TIMEOUT_MS, ...options });
}
