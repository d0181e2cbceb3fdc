/** hCaptcha, invisible: a challenge pops up only when hCaptcha wants one. */
import { loadScript, providerGlobal } from './load-script.js';
import type { CaptchaClient } from './types.js';
import type { CaptchaSetup } from './setup.js';

export const HCAPTCHA_SCRIPT = 'https://js.hcaptcha.com/1/api.js?render=explicit&recaptchacompat=off';

interface HCaptcha {
  render(container: HTMLElement, params: Record<string, unknown>): string;
  execute(widgetId: string, options: { async: true }): Promise<{ response: string }>;
  reset(widgetId: string): void;
  remove(widgetId: string): void;
}

export async function createHCaptcha({ siteKey, scriptSrc, container }: CaptchaSetup): Promise<CaptchaClient> {
  await loadScript(scriptSrc || HCAPTCHA_SCRIPT);
  const hcaptcha = providerGlobal<HCaptcha>('hcaptcha');
  const widgetId = hcaptcha.render(container, { sitekey: siteKey, size: 'invisible' });
  let used = false;
  return {
    async token() {
      if (used) hcaptcha.reset(widgetId);
      used = true;
      const { response } = await hcaptcha.execute(widgetId, { async: true });
      return response;
    },
    dispose: () => hcaptcha.remove(widgetId),
  };
}
