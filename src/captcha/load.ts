/**
 * The one place the provider modules are imported, dynamically: a page
 * without `captcha` loads neither them nor any provider script.
 */
import type { CaptchaClient, CaptchaProviderName } from './types.js';
import type { CaptchaSetup } from './setup.js';

export async function loadCaptcha(provider: CaptchaProviderName, setup: CaptchaSetup): Promise<CaptchaClient> {
  switch (provider) {
    case 'turnstile':
      return (await import('./turnstile.js')).createTurnstile(setup);
    case 'hcaptcha':
      return (await import('./hcaptcha.js')).createHCaptcha(setup);
    case 'recaptcha':
      return (await import('./recaptcha.js')).createReCaptcha(setup);
  }
}
