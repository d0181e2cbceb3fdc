/**
 * The widget's CAPTCHA: when `captcha` names a provider, its module and
 * script are loaded (lazily, after the first render) and a fresh token is
 * taken before each code send. An interactive challenge (Turnstile,
 * hCaptcha) shows in a light-DOM `<div slot="captcha">` the controller
 * adds to the host in `hostUpdated`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { VlensError } from '../api/client.js';
import { isCaptchaProviderName, type CaptchaClient, type CaptchaProviderName } from '../captcha/types.js';

export interface CaptchaSettings {
  /** `turnstile`, `hcaptcha`, `recaptcha`; empty: no CAPTCHA. */
  provider: string;
  siteKey: string;
  /** Overrides the provider's script URL (self-hosting, tests). */
  scriptSrc: string;
}

/** The light-DOM container's slot name (the element's template has `<slot name="captcha">`). */
export const CAPTCHA_SLOT = 'captcha';

export class CaptchaController implements ReactiveController {
  private client: Promise<CaptchaClient> | null = null;
  private loadedFor = '';
  private warnedFor = '';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly settings: () => CaptchaSettings,
  ) {
    host.addController(this);
  }

  /** The provider to use, or null when none (or an unknown one, or no site key) is set. */
  get provider(): CaptchaProviderName | null {
    const { provider, siteKey } = this.settings();
    const name = provider.trim().toLowerCase();
    return isCaptchaProviderName(name) && siteKey ? name : null;
  }

  hostUpdated(): void {
    // Configured: load the provider now, so the first send does not wait for its script.
    if (this.provider) {
      this.ready().catch(() => {});
      return;
    }
    const { provider, siteKey } = this.settings();
    const key = `${provider} ${siteKey}`;
    if (provider.trim() && this.warnedFor !== key) {
      this.warnedFor = key;
      console.warn(
        `<vlens-register>: captcha="${provider}" is ignored: use turnstile, hcaptcha or recaptcha, with captcha-site-key.`,
      );
    }
  }

  /** A fresh token for one code send, or null without a CAPTCHA. Failures are `network` VlensErrors. */
  async token(signal: AbortSignal): Promise<string | null> {
    if (!this.provider) return null;
    try {
      const client = await this.ready();
      const token = await Promise.race([client.token(), aborted(signal)]);
      signal.throwIfAborted();
      return token;
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw new VlensError('network', 'The CAPTCHA could not give a token', { cause: error });
    }
  }

  private ready(): Promise<CaptchaClient> {
    const provider = this.provider!;
    const { siteKey, scriptSrc } = this.settings();
    const key = `${provider} ${siteKey} ${scriptSrc}`;
    if (this.client && this.loadedFor === key) return this.client;
    const previous = this.client;
    previous?.then(
      (client) => client.dispose(),
      () => {},
    );
    this.loadedFor = key;
    const container = this.container();
    container.replaceChildren();
    const loading = import('../captcha/load.js').then(({ loadCaptcha }) =>
      loadCaptcha(provider, { siteKey, scriptSrc, container }),
    );
    this.client = loading;
    // A failed load (offline, blocked script) is tried again on the next send.
    loading.catch(() => {
      if (this.client === loading) this.client = null;
    });
    return loading;
  }

  private container(): HTMLElement {
    let element = this.host.querySelector<HTMLElement>(`:scope > [slot="${CAPTCHA_SLOT}"][data-vlens-captcha]`);
    if (!element) {
      element = document.createElement('div');
      element.slot = CAPTCHA_SLOT;
      element.setAttribute('data-vlens-captcha', '');
      this.host.append(element);
    }
    return element;
  }
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
