/** reCAPTCHA v3: no challenge, a scored token per action (Google shows its badge on the page). */
import { loadScript, providerGlobal } from './load-script.js';
import { CAPTCHA_ACTION, type CaptchaClient } from './types.js';
import type { CaptchaSetup } from './setup.js';

export const RECAPTCHA_SCRIPT = 'https://www.google.com/recaptcha/api.js';

interface ReCaptcha {
  ready(callback: () => void): void;
  execute(siteKey: string, options: { action: string }): Promise<string>;
}

export async function createReCaptcha({ siteKey, scriptSrc }: CaptchaSetup): Promise<CaptchaClient> {
  await loadScript(scriptSrc || `${RECAPTCHA_SCRIPT}?render=${encodeURIComponent(siteKey)}`);
  const grecaptcha = providerGlobal<ReCaptcha>('grecaptcha');
  await new Promise<void>((resolve) => grecaptcha.ready(resolve));
  return {
    token: () => grecaptcha.execute(siteKey, { action: CAPTCHA_ACTION }),
    dispose: () => {},
  };
}
