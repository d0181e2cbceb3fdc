/**
 * Opt-in resume after a reload: the number and its request id (never a code
 * or a token) kept in sessionStorage while the code step is open.
 */
const MAX_AGE_MS = 10 * 60 * 1000;

export interface ResumePoint {
  phone: string;
  requestId: string;
}

interface Stored extends ResumePoint {
  savedAt: number;
}

export function resumeKey(endpoint: string, id: string): string {
  return `vlens-register:resume:${endpoint}:${id}`;
}

/** Storage can be missing or throw (privacy modes, sandboxed frames): resume is then simply off. */
function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

export function saveResumePoint(key: string, point: ResumePoint, now = Date.now()): void {
  try {
    storage()?.setItem(
      key,
      JSON.stringify({ phone: point.phone, requestId: point.requestId, savedAt: now } satisfies Stored),
    );
  } catch {
    // Quota or privacy mode: nothing to resume later.
  }
}

export function clearResumePoint(key: string): void {
  try {
    storage()?.removeItem(key);
  } catch {
    // As above.
  }
}

/** The saved point if it is well-formed and recent; a stale or broken entry is removed. */
export function loadResumePoint(key: string, now = Date.now()): ResumePoint | null {
  let raw: string | null;
  try {
    raw = storage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Stored>;
    if (typeof value.phone === 'string' && typeof value.requestId === 'string' && typeof value.savedAt === 'number') {
      if (now - value.savedAt >= 0 && now - value.savedAt < MAX_AGE_MS)
        return { phone: value.phone, requestId: value.requestId };
    }
  } catch {
    // Not ours or corrupted.
  }
  clearResumePoint(key);
  return null;
}
