/**
 * The Vlens stand-in: a stateful fake of the registration API for
 * development and tests. Node only; refuses to run in production.
 */
import { isVlensPath, VLENS_API_PREFIX } from '../api/paths.js';
import { REQUEST_SCHEMAS, firstIssueField } from '../api/schemas.js';
import { errorEnvelope, type StandInRefusal } from './errors.js';
import { isProductionEnv } from './production.js';
import { applyFault, FaultList, relativePath } from './faults.js';
import { HANDLERS, type HandlerContext } from './handlers.js';
import { createDevIssuer, DEFAULT_OAUTH_AUDIENCES, type DevIssuer } from './issuers.js';
import { DEFAULT_SETTINGS, StandInState } from './state.js';
import type { StandInCodeSent, StandInControl, StandInOptions, StandInSettings } from './types.js';

export type { DevIssuer } from './issuers.js';
export { DEV_ISSUER_URLS, DEFAULT_OAUTH_AUDIENCES } from './issuers.js';
export { STAND_IN_ERRORS, StandInResetError, type StandInErrorName } from './errors.js';
export type { StandInCodeSent, StandInControl, StandInFault, StandInOptions, StandInSettings } from './types.js';

export interface VlensStandIn {
  /** Answers `POST /api/DigitalIdentity/<path>` like Vlens. Throws StandInResetError under a `reset` fault. */
  handle(request: Request): Promise<Response>;
  control: StandInControl;
  /** The development OAuth issuers whose tokens the stand-in accepts. */
  issuers: { google: DevIssuer; microsoft: DevIssuer };
  /** Calls `listener` with every code sent from now on (beside the `onCode` option); returns the unsubscribe. */
  onCode(listener: (sent: StandInCodeSent) => void): () => void;
}

/** Creates a stand-in with its own users, codes and dev issuers. Throws when NODE_ENV is production (any casing). */
export function createVlensStandIn(options: StandInOptions = {}): VlensStandIn {
  if (isProductionEnv()) {
    throw new Error(
      'The Vlens stand-in refuses to start with NODE_ENV=production: it leaks codes and is not Vlens. Set VLENS_API_KEY to use the real API.',
    );
  }
  const now = options.now ?? Date.now;
  const initial: StandInSettings = {
    emailRequired: options.emailRequired ?? DEFAULT_SETTINGS.emailRequired,
    errorStatus: options.errorStatus ?? DEFAULT_SETTINGS.errorStatus,
    codeTtlMs: options.codeTtlMs ?? DEFAULT_SETTINGS.codeTtlMs,
    maxTries: options.maxTries ?? DEFAULT_SETTINGS.maxTries,
  };
  const state = new StandInState(initial, now, options.onCode);
  const faults = new FaultList();
  const calls = new Map<string, number>();
  const lastRequests = new Map<string, unknown>();
  const google = createDevIssuer('Google', options.oauthAudience?.google ?? DEFAULT_OAUTH_AUDIENCES.google, now);
  const microsoft = createDevIssuer(
    'Microsoft',
    options.oauthAudience?.microsoft ?? DEFAULT_OAUTH_AUDIENCES.microsoft,
    now,
  );
  const ctx: HandlerContext = { state, issuers: { Google: google, Microsoft: microsoft }, now };

  const refuse = (refusal: StandInRefusal) => {
    const { status, body } = errorEnvelope(refusal, state.settings.errorStatus);
    return Response.json(body, { status });
  };

  const hasValidKey = (request: Request) => {
    const key = request.headers.get('apikey');
    return options.apiKey === undefined ? Boolean(key?.trim()) : key === options.apiKey;
  };

  async function handle(request: Request): Promise<Response> {
    const pathname = new URL(request.url).pathname;
    const path = pathname.startsWith(VLENS_API_PREFIX) ? relativePath(pathname) : pathname;
    calls.set(path, (calls.get(path) ?? 0) + 1);

    const fault = faults.take(path);
    if (fault) {
      const faulted = await applyFault(fault, request.signal, faults);
      if (faulted) return faulted;
    }
    if (request.method !== 'POST' || !pathname.startsWith(VLENS_API_PREFIX) || !isVlensPath(path)) {
      return refuse({ error: 'notFound', details: { path: pathname, method: request.method } });
    }
    if (!hasValidKey(request)) return refuse({ error: 'unauthorized', details: { field: 'ApiKey' } });

    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return refuse({ error: 'invalidInput', details: { field: '(body)', message: 'The body is not JSON' } });
    }
    const parsed = REQUEST_SCHEMAS[path].safeParse(body);
    if (!parsed.success) return refuse({ error: 'invalidInput', details: firstIssueField(parsed.error) });
    lastRequests.set(path, parsed.data);

    const outcome = await HANDLERS[path](ctx, parsed.data as never);
    if ('error' in outcome) return refuse(outcome);
    return Response.json({ data: outcome.data, error_code: null, error_message: null, error_descriptions: null });
  }

  const control: StandInControl = {
    lastCode: (to) => state.lastCodes.get(to) ?? state.lastCodes.get(to.trim().toLowerCase()),
    configure: (patch) => {
      state.settings = { ...state.settings, ...patch };
    },
    settings: () => ({ ...state.settings }),
    fault: (fault, scope) => faults.set(fault, scope),
    release: () => faults.release(),
    held: () => faults.held,
    addUser: (user) => {
      state.addUser(user);
    },
    reset: () => {
      state.reset();
      faults.clear();
      calls.clear();
      lastRequests.clear();
    },
    lastRequest: (path) => lastRequests.get(path.replace(/^\/+/, '')),
    calls: () => Object.fromEntries(calls),
  };

  const onCode = (listener: (sent: StandInCodeSent) => void) => {
    state.codeListeners.add(listener);
    return () => void state.codeListeners.delete(listener);
  };

  return { handle, control, issuers: { google, microsoft }, onCode };
}
