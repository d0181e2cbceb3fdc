/**
 * The widget's one API client: POSTs JSON to `{endpoint}/<Vlens path>` (the
 * tenant's proxy; no key of any kind), parses the envelope with the shared
 * schemas and returns `data`, or throws a typed {@link VlensError}.
 */
import {
  responseSchemas,
  isEnvelopeSuccess,
  type CheckExistenceInput,
  type Envelope,
  type ExistenceOutput,
  type OAuthTokenInput,
  type OAuthTokenOutput,
  type RegisterInput,
  type RegisterOutput,
  type StepVerifyEmailInput,
  type StepVerifyPhoneInput,
} from './schemas.js';
import { CAPTCHA_TOKEN_HEADER, VLENS_PATHS, type VlensPath } from './paths.js';
import type { RegisteredOutput, VlensErrorKind } from '../events.js';
import { DEFAULT_TIMEOUT_MS, VlensError } from './error.js';

export { DEFAULT_TIMEOUT_MS, VlensError };

export interface VlensClientOptions {
  /** The tenant's proxy mount, e.g. `/api/vlens` or `https://api.example.com/vlens`. */
  endpoint: string;
  /** Fetch credentials mode: `same-origin` (default) or `include` for a cross-site backend. */
  credentials?: 'same-origin' | 'include' | 'omit';
  /** Give up on a call after this many ms (default 15000). */
  timeoutMs?: number;
  /** For tests and non-browser hosts. Default: the global fetch. */
  fetch?: typeof fetch;
}

/**
 * The phone flow an email or OAuth verification belongs to, sent with `StepVerifyEmail`,
 * `StepVerifyOAuthToken` and `VerifyOAuthToken`: the proxy keys the proof on it (and strips it).
 */
export interface PhoneFlow {
  phoneNumber: string;
  phoneNumberOtpRequestId: string;
}

/** Every call takes its input and an optional AbortSignal; aborting rejects with the signal's reason. */
export interface VlensClient {
  /** `captchaToken`: with a CAPTCHA the proxy asks for one here too (the call tells who is registered). */
  checkExistence(
    input: CheckExistenceInput,
    signal?: AbortSignal,
    captchaToken?: string | null,
  ): Promise<ExistenceOutput>;
  /** `captchaToken`: the CAPTCHA token for this send, sent as the `Vlens-Captcha-Token` header. */
  sendPhoneCode(
    input: { phoneNumber: string; smsProviders?: number | null },
    signal?: AbortSignal,
    captchaToken?: string | null,
  ): Promise<RegisterOutput>;
  verifyPhoneCode(
    input: { phoneNumber: string; phoneNumberOtpRequestId: string; phoneNumberOtp: string },
    signal?: AbortSignal,
  ): Promise<RegisterOutput>;
  /** Email calls carry the phone flow they belong to (`phoneNumber`, `phoneNumberOtpRequestId`): see StepVerifyEmailInput. */
  sendEmailCode(
    input: StepVerifyEmailInput,
    signal?: AbortSignal,
    captchaToken?: string | null,
  ): Promise<RegisterOutput>;
  verifyEmailCode(
    input: StepVerifyEmailInput & { emailOtpRequestId: string; emailOtp: string },
    signal?: AbortSignal,
  ): Promise<RegisterOutput>;
  verifyOAuthToken(input: OAuthTokenInput, signal?: AbortSignal): Promise<OAuthTokenOutput>;
  /** Resolves only with an access token; an answer without one is a `protocol` error. */
  register(input: RegisterInput, signal?: AbortSignal): Promise<RegisteredOutput>;
}

export function createVlensClient({
  endpoint,
  credentials = 'same-origin',
  timeoutMs = DEFAULT_TIMEOUT_MS,
  fetch: fetchImpl,
}: VlensClientOptions): VlensClient {
  const base = endpoint.replace(/\/+$/, '');

  /** `required`: a `data` key the step cannot go on without; its absence is a protocol error. */
  async function post(
    path: VlensPath,
    body: object,
    signal?: AbortSignal,
    required?: string,
    captchaToken?: string | null,
  ): Promise<unknown> {
    signal?.throwIfAborted();
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
    const doFetch = fetchImpl ?? globalThis.fetch;
    try {
      let response: Response;
      let text: string;
      try {
        // `cache` is a browser fetch option that Node's RequestInit type lacks (Node's fetch ignores it).
        const init: RequestInit & { cache: 'no-store' } = {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            ...(captchaToken ? { [CAPTCHA_TOKEN_HEADER]: captchaToken } : {}),
          },
          body: JSON.stringify(body),
          credentials,
          signal: combined,
          cache: 'no-store',
          redirect: 'error',
        };
        response = await doFetch(`${base}/${path}`, init);
        text = await response.text();
      } catch (cause) {
        if (signal?.aborted) throw signal.reason;
        if (timeout.signal.aborted) throw new VlensError('timeout', `No answer within ${timeoutMs} ms`, { cause });
        throw new VlensError('network', 'The server could not be reached', { cause });
      }
      return readEnvelope(path, response.status, text, required);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    checkExistence: (input, signal, captchaToken) =>
      post(VLENS_PATHS.checkExistence, input, signal, undefined, captchaToken) as Promise<ExistenceOutput>,
    sendPhoneCode: (input, signal, captchaToken) =>
      post(
        VLENS_PATHS.verifyPhone,
        input satisfies StepVerifyPhoneInput,
        signal,
        'phoneNumberOtpRequestId',
        captchaToken,
      ) as Promise<RegisterOutput>,
    verifyPhoneCode: (input, signal) =>
      post(VLENS_PATHS.verifyPhone, input satisfies StepVerifyPhoneInput, signal) as Promise<RegisterOutput>,
    sendEmailCode: (input, signal, captchaToken) =>
      post(
        VLENS_PATHS.verifyEmail,
        input satisfies StepVerifyEmailInput,
        signal,
        'emailOtpRequestId',
        captchaToken,
      ) as Promise<RegisterOutput>,
    verifyEmailCode: (input, signal) =>
      post(VLENS_PATHS.verifyEmail, input satisfies StepVerifyEmailInput, signal) as Promise<RegisterOutput>,
    verifyOAuthToken: (input, signal) =>
      post(
        VLENS_PATHS.verifyOAuthForRegister,
        input,
        signal,
        'oAuthTokenVerificationRequestId',
      ) as Promise<OAuthTokenOutput>,
    register: (input, signal) => post(VLENS_PATHS.register, input, signal, 'accessToken') as Promise<RegisteredOutput>,
  };
}

/** Status + body text → `data`, or the VlensError the envelope rule calls for. */
export function readEnvelope(path: VlensPath, status: number, text: string, required?: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    if (status === 504) throw new VlensError('timeout', 'The server timed out', { status });
    throw new VlensError('protocol', `The response (HTTP ${status}) is not JSON`, { status, cause });
  }
  const ok = status >= 200 && status < 300;
  const { byPath, anyEnvelope } = responseSchemas();
  const parsed = (ok ? byPath[path] : anyEnvelope).safeParse(json);
  if (!parsed.success) {
    const loose = anyEnvelope.safeParse(json);
    // A 2xx whose data does not match is a protocol error even when it looks like an envelope,
    // unless it is a plain error envelope (HTTP 200 with error_code, as some deployments answer).
    if (loose.success && !isEnvelopeSuccess(status, loose.data) && loose.data.error_code) {
      throw apiError(status, loose.data);
    }
    throw new VlensError('protocol', `The response (HTTP ${status}) is not a Vlens envelope`, {
      status,
      cause: parsed.error,
    });
  }
  const envelope = parsed.data as Envelope;
  if (!isEnvelopeSuccess(status, envelope)) throw apiError(status, envelope);
  if (required && !(envelope.data as Record<string, unknown>)[required]) {
    throw new VlensError('protocol', `The answer (HTTP ${status}) has no ${required}`, { status, envelope });
  }
  return envelope.data;
}

function apiError(status: number, envelope: Envelope): VlensError {
  const kind: VlensErrorKind = status === 504 ? 'timeout' : 'api';
  return new VlensError(kind, envelope.error_message || `The call failed (HTTP ${status})`, { status, envelope });
}
