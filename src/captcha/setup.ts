/** What a provider is started with (browser only: it names a DOM element; types.ts stays DOM-free for the proxy). */
export interface CaptchaSetup {
  siteKey: string;
  /** The provider's script URL; default its official one (self-hosted copies and tests give their own). */
  scriptSrc?: string;
  /** Where an interactive challenge may show (Turnstile, hCaptcha): a light-DOM element of the widget. */
  container: HTMLElement;
}
