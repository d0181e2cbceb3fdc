/** Injected faults: which one applies to a call, and the answers they produce. */
import { setTimeout as sleep } from 'node:timers/promises';
import { VLENS_API_PREFIX } from '../api/paths.js';
import { StandInResetError } from './errors.js';
import type { StandInFault } from './types.js';

interface ActiveFault {
  fault: StandInFault;
  path?: string;
  remaining?: number;
}

/** `Register`, `/Register` and `/api/DigitalIdentity/Register` all name the same path. */
export const relativePath = (path: string) =>
  path.startsWith(VLENS_API_PREFIX) ? path.slice(VLENS_API_PREFIX.length) : path.replace(/^\/+/, '');

export class FaultList {
  private active: ActiveFault[] = [];
  private releaseHeld: () => void = () => {};
  private released: Promise<void> = this.nextRelease();

  private nextRelease(): Promise<void> {
    return new Promise((resolve) => (this.releaseHeld = resolve));
  }

  /** Sets a fault (replacing one with the same scope), or clears faults for the scope (all when unscoped). */
  set(fault: StandInFault | null, scope: { path?: string; times?: number } = {}) {
    const path = scope.path === undefined ? undefined : relativePath(scope.path);
    if (!fault) {
      this.active = path === undefined ? [] : this.active.filter((a) => a.path !== path);
      return;
    }
    this.active = this.active.filter((a) => a.path !== path);
    if (scope.times !== undefined && scope.times <= 0) return;
    this.active.push({ fault, path, remaining: scope.times });
  }

  /** The fault for this call, if any, using up one of its `times`. Path-scoped faults win. */
  take(path: string): StandInFault | undefined {
    const hit = this.active.find((a) => a.path === path) ?? this.active.find((a) => a.path === undefined);
    if (!hit) return undefined;
    if (hit.remaining !== undefined && --hit.remaining <= 0) this.active = this.active.filter((a) => a !== hit);
    return hit.fault;
  }

  /** Calls a `hold` fault is holding now. */
  held = 0;

  /** Holds a call until `release()` or `clear()` (or its request is aborted). */
  async hold(signal: AbortSignal | undefined): Promise<void> {
    this.held++;
    try {
      await Promise.race([this.released, aborted(signal)]);
    } finally {
      this.held--;
    }
  }

  release() {
    this.releaseHeld();
    this.released = this.nextRelease();
  }

  clear() {
    this.active = [];
    this.release();
  }
}

/** A JSON envelope padded to exactly `bytes` bytes (or its minimum size). */
export function largeEnvelopeBody(bytes: number): string {
  const head = '{"data":{"padding":"';
  const tail = '"},"error_code":null,"error_message":null,"error_descriptions":null}';
  return head + 'x'.repeat(Math.max(0, bytes - head.length - tail.length)) + tail;
}

/**
 * The answer a fault gives, or undefined when the call should go on normally
 * (after a delay, or once `faults` lets a held call go). A reset throws StandInResetError.
 */
export async function applyFault(
  fault: StandInFault,
  signal: AbortSignal | undefined,
  faults: Pick<FaultList, 'hold'>,
): Promise<Response | undefined> {
  switch (fault.kind) {
    case 'delay':
      await sleep(fault.ms, undefined, { signal }).catch(() => undefined);
      return undefined;
    case 'hold':
      await faults.hold(signal);
      return undefined;
    case 'status':
      return Response.json(
        {
          data: null,
          error_code: fault.status,
          error_message: `Injected fault: HTTP ${fault.status}`,
          error_descriptions: { fault: 'status' },
        },
        { status: fault.status },
      );
    case 'non-json':
      return new Response('<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>', {
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
      });
    case 'reset':
      throw new StandInResetError();
    case 'large':
      return new Response(largeEnvelopeBody(fault.bytes), {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
      });
    case 'redirect':
      return new Response(null, { status: 302, headers: { location: fault.location } });
  }
}

/** Settles when `signal` aborts (the caller went away); never without one. */
function aborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) resolve();
    else signal?.addEventListener('abort', () => resolve(), { once: true });
  });
}
