/**
 * Cloudflare Turnstile, rendered with `execution: 'execute'` and
 * `appearance: 'interaction-only'`: invisible unless Cloudflare asks the
 * person to interact, then shown in the widget's `captcha` slot.
 */
import { loadScript, providerGlobal } from './load-script.js';
import { CAPTCHA_ACTION, type CaptchaClient } from './types.js';
import type { CaptchaSetup } from './setup.js';

export const TURNSTILE_SCRIPT = 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit';

interface Turnstile {
  render(container: HTMLElement, params: Record<string, unknown>): string;
  execute(widgetId: string): void;
  reset(widgetId: string): void;
  remove(widgetId: string): void;
}

export async function createTurnstile({ siteKey, scriptSrc, container }: CaptchaSetup): Promise<CaptchaClient> {
  await loadScript(scriptSrc || TURNSTILE_SCRIPT);
  const turnstile = providerGlobal<Turnstile>('turnstile');
  let waiting: { resolve(token: string): void; reject(error: Error): void } | null = null;
  const settle = (outcome: string | Error) => {
    const current = waiting;
    waiting = null;
    if (!current) return;
    if (typeof outcome === 'string') current.resolve(outcome);
    else current.reject(outcome);
  };
  const widgetId = turnstile.render(container, {
    sitekey: siteKey,
    action: CAPTCHA_ACTION,
    execution: 'execute',
    appearance: 'interaction-only',
    callback: (token: string) => settle(token),
    'error-callback': () => settle(new Error('Turnstile could not issue a token')),
    'timeout-callback': () => settle(new Error('Turnstile timed out')),
  });
  let used = false;
  return {
    token: () =>
      new Promise<string>((resolve, reject) => {
        settle(new Error('Superseded by a newer token request'));
        waiting = { resolve, reject };
        // A token is single-use: the widget is reset before asking for the next one.
        if (used) turnstile.reset(widgetId);
        used = true;
        turnstile.execute(widgetId);
      }),
    dispose: () => turnstile.remove(widgetId),
  };
}
