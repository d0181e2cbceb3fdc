import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Waits until `condition()` holds, checking every 10 ms; fails with `message` after `timeoutMs`, a
 * bound for a condition that never comes, not a time anything should take.
 */
export async function until(condition: () => boolean, message: string, timeoutMs = 5000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) assert.fail(`not within ${timeoutMs} ms: ${message}`);
    await sleep(10);
  }
}
