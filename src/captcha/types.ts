/** The built-in CAPTCHA providers, as the widget uses them: a token per code send. No DOM types (the proxy imports this); CaptchaSetup is in setup.ts. */

export const CAPTCHA_PROVIDER_NAMES = ['turnstile', 'hcaptcha', 'recaptcha'] as const;

export type CaptchaProviderName = (typeof CAPTCHA_PROVIDER_NAMES)[number];

/** The action name tokens carry (reCAPTCHA v3 and Turnstile report it; the proxy checks it). */
export const CAPTCHA_ACTION = 'vlens_send';

/** One provider, loaded and rendered: a fresh token for each code send. */
export interface CaptchaClient {
  token(): Promise<string>;
  /** Removes what the provider rendered. */
  dispose(): void;
}

export function isCaptchaProviderName(value: string): value is CaptchaProviderName {
  return (CAPTCHA_PROVIDER_NAMES as readonly string[]).includes(value);
}
