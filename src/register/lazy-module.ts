/**
 * A module the first screen does not need, loaded once on demand (an
 * `import()`, a sibling chunk in the bundle). A failed load is forgotten, so
 * the next `load()` fetches again: browsers keep a module URL that failed as
 * failed for the page (Chromium does), so a retry imports the URL the
 * failure named under a new query string (see `retryUrl`).
 */
export interface LazyModule<M> {
  /** The module once loaded, else undefined (never starts a load). */
  now(): M | undefined;
  /** The module: at once when loaded, else one shared load. */
  load(): Promise<M>;
  /** Starts the load and ignores its outcome (a later `load()` reports a failure). */
  preload(): void;
}

/**
 * The URL of a module whose dynamic import failed, from the browser's error
 * (Chromium and Firefox name it), with `?retry=N`; undefined when the error
 * names none (then the retry imports the same specifier again).
 */
export function retryUrl(error: unknown, attempt: number): string | undefined {
  const url = /(?:https?:|file:)\/\/\S+?\.[cm]?[jt]s\b/.exec(error instanceof Error ? error.message : '')?.[0];
  return url && `${url}?retry=${attempt}`;
}

/** `importer` loads the module; `retry(url)` imports it from a URL `retryUrl` gave after a failure. */
export function lazyModule<M>(importer: () => Promise<M>, retry?: (url: string) => Promise<M>): LazyModule<M> {
  let loaded: M | undefined;
  let loading: Promise<M> | undefined;
  let failedUrl: string | undefined;
  let attempts = 0;
  const load = (): Promise<M> => {
    if (loaded) return Promise.resolve(loaded);
    attempts += 1;
    loading ??= (failedUrl && retry ? retry(failedUrl) : importer()).then(
      (module) => (loaded = module),
      (error: unknown) => {
        loading = undefined;
        failedUrl = retryUrl(error, attempts) ?? failedUrl?.replace(/\?retry=\d+$/, `?retry=${attempts}`);
        throw error;
      },
    );
    return loading;
  };
  return {
    now: () => loaded,
    load,
    preload: () => void load().catch(() => {}),
  };
}

/** Runs `work` when the page is idle (right away after a short delay where `requestIdleCallback` is missing). */
export function whenIdle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => work(), { timeout: 2000 });
  else setTimeout(work, 1);
}

/** Longest wait for a frame (a hidden page paints none) before `afterFirstPaint` runs its work anyway. */
export const FRAME_WAIT_MS = 100;

/**
 * Runs `work` once, in a task after the next frame has painted, so loads
 * that start then do not delay the first screen; after `FRAME_WAIT_MS` when
 * no frame comes.
 */
export function afterFirstPaint(work: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    work();
  };
  requestAnimationFrame(() => setTimeout(run, 0));
  setTimeout(run, FRAME_WAIT_MS);
}
