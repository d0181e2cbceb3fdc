/** The built-in CAPTCHA providers, as the widget uses them: a token per code send. No DOM types leak out. */

export const CAPTCHA_PROVIDER_NAMES = ['turnstile', 'hcaptcha', 'recaptcha'] as const;

export type CaptchaProviderName = (typeof CAPTCHA_PROVIDER_NAMES)[number];

/** The action name tokens carry (reCAPTCHA v3 and Turnstile report it; the proxy checks it). */
export const CAPTCHA_ACTION = 'vlens_send';

export interface CaptchaSetup {
  siteKey: string;
  /** The provider's script URL; default its official one (self-hosted copies and tests give their own). */
  scriptSrc?: string;
  /** Where an interactive challenge may show (Turnstile, hCaptcha): a light-DOM element of the widget. */
  container: HTMLElement;
}

/** One provider, loaded and rendered: a fresh token for each code send. */
export interface CaptchaClient {
  token(): Promise<string>;
  /** Removes what the provider rendered. */
  dispose(): void;
}

export function isCaptchaProviderName(value: string): value is CaptchaProviderName {
  return (CAPTCHA_PROVIDER_NAMES as readonly string[]).includes(value);
}
