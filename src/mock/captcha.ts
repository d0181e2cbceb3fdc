/**
 * A fake CAPTCHA for development and tests: stand-ins for the scripts of
 * Cloudflare Turnstile, hCaptcha and reCAPTCHA v3 (the parts of their browser
 * APIs the widget uses), and a fake `siteverify` endpoint per provider that
 * the proxy asks. The demo and the browser tests run the whole CAPTCHA path
 * offline with it. Node only; refuses to run in production.
 *
 *   GET  {mount}/{provider}/api.js       the fake provider script
 *   POST {mount}/{provider}/siteverify   secret=…&response=<token> → { success, hostname, score?, action? }
 *
 * Tokens read `fake-<provider>.<action>.<random>@<hostname>`: the fake script
 * writes the page's hostname into each, and the verify endpoint answers it as
 * `hostname`, as the real providers report where a token was solved.
 */
import type { CaptchaProvider } from '../api/schemas.js';
import type { MountedHandler } from './node-mount.js';
import { isProductionEnv } from './production.js';

export const FAKE_CAPTCHA_PATH = '/fake-captcha';
/** The secret the fake verify endpoint expects unless told otherwise. */
export const FAKE_CAPTCHA_SECRET = 'fake-captcha-secret';
/** A site key for the fake scripts (any string works). */
export const FAKE_CAPTCHA_SITE_KEY = 'fake-captcha-site-key';

const PROVIDERS: readonly CaptchaProvider[] = ['turnstile', 'hcaptcha', 'recaptcha'];

/** `pass`: tokens verify; `refuse`: every token is refused; `low-score`: reCAPTCHA answers score 0.1. */
export type FakeCaptchaVerdict = 'pass' | 'refuse' | 'low-score';

export interface FakeCaptchaCheck {
  provider: CaptchaProvider;
  token: string;
  remoteIp: string | null;
  success: boolean;
}

export interface FakeCaptchaControl {
  /** How the verify endpoint answers from now on. */
  setVerdict(verdict: FakeCaptchaVerdict): void;
  /** Every verify call so far, oldest first. */
  checks(): FakeCaptchaCheck[];
  /** Back to `pass`, no checks, tokens forgotten. */
  reset(): void;
}

export interface FakeCaptcha {
  handler: MountedHandler;
  control: FakeCaptchaControl;
}

/**
 * Creates the fake scripts and verify endpoints under `mountPath`. Tokens are single-use like the real
 * ones unless `singleUse` is false (the benchmark replays one token). Throws when NODE_ENV is production (any casing).
 */
export function createFakeCaptcha({
  mountPath = FAKE_CAPTCHA_PATH,
  secret = FAKE_CAPTCHA_SECRET,
  singleUse = true,
} = {}): FakeCaptcha {
  if (isProductionEnv()) throw new Error('The fake CAPTCHA refuses to run with NODE_ENV=production.');
  const mount = mountPath.replace(/\/+$/, '');
  let verdict: FakeCaptchaVerdict = 'pass';
  let checks: FakeCaptchaCheck[] = [];
  const used = new Set<string>();

  const json = (body: object, status = 200) =>
    Response.json(body, { status, headers: { 'cache-control': 'no-store' } });

  async function siteverify(provider: CaptchaProvider, request: Request): Promise<Response> {
    const form = new URLSearchParams(await request.text());
    const token = form.get('response') ?? '';
    const prefix = `fake-${provider}.`;
    const check: FakeCaptchaCheck = { provider, token, remoteIp: form.get('remoteip'), success: false };
    if (singleUse) checks.push(check);
    if (form.get('secret') !== secret) return json({ success: false, 'error-codes': ['invalid-input-secret'] });
    if (!token.startsWith(prefix)) return json({ success: false, 'error-codes': ['invalid-input-response'] });
    if (singleUse && used.has(token)) return json({ success: false, 'error-codes': ['timeout-or-duplicate'] });
    if (singleUse) used.add(token);
    if (verdict === 'refuse') return json({ success: false, 'error-codes': ['invalid-input-response'] });
    const at = token.lastIndexOf('@');
    const hostname = at > 0 ? token.slice(at + 1) : 'localhost';
    const action = token.slice(prefix.length).split('.')[0] ?? '';
    check.success = provider !== 'recaptcha' || verdict !== 'low-score';
    const extra =
      provider === 'recaptcha' ? { score: verdict === 'low-score' ? 0.1 : 0.9, action } : action ? { action } : {};
    return json({ success: true, challenge_ts: new Date().toISOString(), hostname, ...extra });
  }

  const handler = async (request: Request): Promise<Response | null> => {
    const path = new URL(request.url).pathname;
    if (path !== mount && !path.startsWith(`${mount}/`)) return null;
    const [provider, file] = path.slice(mount.length + 1).split('/') as [CaptchaProvider, string | undefined];
    if (!PROVIDERS.includes(provider)) return json({ error: `Use ${mount}/{turnstile|hcaptcha|recaptcha}/…` }, 404);
    if (file === 'api.js' && (request.method === 'GET' || request.method === 'HEAD')) {
      return new Response(FAKE_SCRIPTS[provider], {
        headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' },
      });
    }
    if (file === 'siteverify' && request.method === 'POST') return siteverify(provider, request);
    return json({ error: 'Not found' }, 404);
  };

  const control: FakeCaptchaControl = {
    setVerdict: (next) => {
      verdict = next;
    },
    checks: () => checks.map((check) => ({ ...check })),
    reset: () => {
      verdict = 'pass';
      checks = [];
      used.clear();
    },
  };
  return { handler: Object.assign(handler, { mountPath: mount }), control };
}

/** The verify URL of the fake for `provider`, on a server at `origin` (e.g. `http://127.0.0.1:8000`). */
export function fakeCaptchaVerifyUrl(origin: string, provider: CaptchaProvider, mountPath = FAKE_CAPTCHA_PATH): string {
  return `${origin.replace(/\/+$/, '')}${mountPath}/${provider}/siteverify`;
}

/** Shared by the fake scripts: a token the fake verify endpoint accepts once. */
const TOKEN_JS = `const token = (provider, action) => 'fake-' + provider + '.' + (action || '') + '.' + Date.now().toString(36) + Math.random().toString(36).slice(2) + '@' + location.hostname;`;

/** The fake scripts: just enough of each provider's browser API, answering asynchronously like the real ones. */
const FAKE_SCRIPTS: Record<CaptchaProvider, string> = {
  turnstile: `(() => {
  ${TOKEN_JS}
  const widgets = new Map();
  let next = 0;
  const find = (idOrContainer) => widgets.get(idOrContainer) || [...widgets.values()].find((w) => w.container === idOrContainer || w.container === document.querySelector(idOrContainer));
  window.turnstile = {
    ready(callback) { setTimeout(callback, 0); },
    render(container, params) {
      const element = typeof container === 'string' ? document.querySelector(container) : container;
      const id = 'fake-turnstile-' + ++next;
      const box = document.createElement('div');
      box.setAttribute('data-fake-captcha', 'turnstile');
      element.appendChild(box);
      const widget = { id, params, container: element, box };
      widgets.set(id, widget);
      if (params.execution !== 'execute') setTimeout(() => params.callback && params.callback(token('turnstile', params.action)), 0);
      return id;
    },
    execute(idOrContainer) {
      const widget = find(idOrContainer);
      setTimeout(() => widget.params.callback && widget.params.callback(token('turnstile', widget.params.action)), 0);
    },
    reset() {},
    remove(id) { const widget = widgets.get(id); if (widget) { widget.box.remove(); widgets.delete(id); } },
    getResponse() { return undefined; },
  };
})();
`,
  hcaptcha: `(() => {
  ${TOKEN_JS}
  const widgets = new Map();
  let next = 0;
  window.hcaptcha = {
    render(container, params) {
      const element = typeof container === 'string' ? document.getElementById(container) : container;
      const id = 'fake-hcaptcha-' + ++next;
      const box = document.createElement('div');
      box.setAttribute('data-fake-captcha', 'hcaptcha');
      element.appendChild(box);
      widgets.set(id, { params, box });
      return id;
    },
    execute(id, options) {
      const widget = widgets.get(id) || [...widgets.values()][0];
      const response = token('hcaptcha', '');
      if (options && options.async) return new Promise((resolve) => setTimeout(() => resolve({ response, key: 'fake' }), 0));
      setTimeout(() => widget.params.callback && widget.params.callback(response), 0);
    },
    reset() {},
    remove(id) { const widget = widgets.get(id); if (widget) { widget.box.remove(); widgets.delete(id); } },
    getResponse() { return ''; },
  };
})();
`,
  recaptcha: `(() => {
  ${TOKEN_JS}
  window.grecaptcha = {
    ready(callback) { setTimeout(callback, 0); },
    execute(siteKey, options) {
      if (!siteKey) return Promise.reject(new Error('Invalid site key or not loaded in api.js: ' + siteKey));
      return new Promise((resolve) => setTimeout(() => resolve(token('recaptcha', options && options.action)), 0));
    },
  };
})();
`,
};
