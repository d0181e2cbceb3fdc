/**
 * Built-in CAPTCHA verification: the proxy checks the token the widget got
 * from Cloudflare Turnstile, hCaptcha or reCAPTCHA v3 with the provider's
 * server API (`siteverify`) before any code is sent.
 */
import type { CaptchaProvider } from '../api/schemas.js';
import { CAPTCHA_ACTION } from '../captcha/types.js';

export type { CaptchaProvider } from '../api/schemas.js';

export interface CaptchaOptions {
  provider: CaptchaProvider;
  /** The public site key the widget renders with (answered by `GET {mount}/config`). */
  siteKey: string;
  /** The secret the provider's verify API expects. Never leaves the server. */
  secret: string;
  /** The provider's verify endpoint; overridable for tests and the stand-in. Default: the provider's siteverify URL. */
  verifyUrl?: string;
  /** reCAPTCHA v3: the lowest score accepted (0.0 bot … 1.0 human). Default 0.5. */
  minScore?: number;
  /**
   * The action the token must carry (the widget's is 'vlens_send'): reCAPTCHA v3's must be it (none, an
   * empty or a null action is refused); Turnstile's must be it when the token has one (a widget may set
   * none). hCaptcha has no actions. Default 'vlens_send'.
   */
  action?: string;
  /**
   * Hostnames the provider must report the token was solved on (siteverify's `hostname`); another or none
   * is refused. Default: the hosts of `allowedOrigins`, else the host the request was sent to (its URL).
   */
  expectedHostnames?: readonly string[];
  /**
   * Also require a token on `CheckExistenceOfEmailOrPhone`, which tells whether a number or email is
   * registered (the enumeration oracle); the widget sends one. Default true.
   */
  existenceCheck?: boolean;
  /** The fetch used to call the verify API. Default: the global fetch. */
  fetch?: typeof fetch;
}

/** Each provider's server-side verify API. */
export const CAPTCHA_VERIFY_URLS: Readonly<Record<CaptchaProvider, string>> = Object.freeze({
  turnstile: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
  hcaptcha: 'https://api.hcaptcha.com/siteverify',
  recaptcha: 'https://www.google.com/recaptcha/api/siteverify',
});

/** `human`: the provider says so; `refused`: it says not (or no token); `unavailable`: it could not be asked. */
export type CaptchaVerdict = 'human' | 'refused' | 'unavailable';

interface SiteverifyAnswer {
  success?: unknown;
  score?: unknown;
  action?: unknown;
  hostname?: unknown;
}

/** A verifier bound to one provider and secret. `signal` ends the call (the proxy's deadline). */
export function createCaptchaVerifier(options: CaptchaOptions) {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (!options.secret) throw new Error('captcha: secret is required');
  if (!options.siteKey) throw new Error('captcha: siteKey is required');
  const verifyUrl = options.verifyUrl || CAPTCHA_VERIFY_URLS[options.provider];
  const minScore = options.minScore ?? 0.5;
  const action = options.action ?? CAPTCHA_ACTION;

  /** `expectedHostnames`: where the token may have been solved (lower case). */
  return async function verify(
    token: string | null,
    remoteIp: string | undefined,
    signal: AbortSignal,
    expectedHostnames: ReadonlySet<string>,
  ): Promise<CaptchaVerdict> {
    if (!token || token.length > 4096) return 'refused';
    const form = new URLSearchParams({ secret: options.secret, response: token });
    if (remoteIp && remoteIp !== 'unknown') form.set('remoteip', remoteIp);
    if (options.provider === 'hcaptcha') form.set('sitekey', options.siteKey);
    let answer: SiteverifyAnswer;
    try {
      const response = await fetchImpl(verifyUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: form.toString(),
        signal,
        redirect: 'error',
      });
      if (!response.ok) return 'unavailable';
      answer = (await response.json()) as SiteverifyAnswer;
    } catch {
      return 'unavailable';
    }
    if (answer?.success !== true) return 'refused';
    if (typeof answer.hostname !== 'string' || !expectedHostnames.has(answer.hostname.toLowerCase())) return 'refused';
    if (options.provider === 'recaptcha' && answer.action !== action) return 'refused';
    if (options.provider === 'turnstile' && answer.action && answer.action !== action) return 'refused';
    if (options.provider === 'recaptcha' && !(typeof answer.score === 'number' && answer.score >= minScore))
      return 'refused';
    return 'human';
  };
}
