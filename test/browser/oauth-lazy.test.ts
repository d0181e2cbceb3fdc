/**
 * Provider code is loaded only when a provider is chosen, and the real adapters meet the
 * `idTokenProvider` interface: MSAL is stubbed at PublicClientApplication (its popup cannot
 * run offline), Google Identity Services by a local fake script whose button hands over a token.
 *
 * The widget runs in an iframe (fixtures/lazy-page.html) whose first, classic script enlarges
 * the resource timing buffer before any module loads, so "never requested" is checked on a
 * complete list of the page's requests. In the test runner the dev server serves source
 * modules: provider code shows as src/oauth/google.ts, src/oauth/microsoft.ts and @azure/msal-*.
 */
import { expect } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import { fetchDevIdToken } from '../../demo/dev-sign-in.js';
import { loadProvider } from '../../src/oauth/load.js';
import { OAuthCancelledError, OAuthProviderError } from '../../src/oauth/types.js';
import { freshStandIn, openWidgetPage, part, query, record, waitForStep, widgetAtEmailStepIn } from './helpers.js';

type LazyPage = Window & typeof globalThis & { loadMsal(): Promise<typeof import('@azure/msal-browser')> };
type FakeGsi = {
  next: string | null;
  initialized: { client_id: string }[];
  buttons: { locale?: string; text?: string }[];
};

const FAKE_GSI = '/test/browser/fixtures/fake-gsi.js';
const GOOGLE_AUDIENCE = 'vlens-register-dev-google';
const MICROSOFT_AUDIENCE = 'vlens-register-dev-microsoft';
const PROVIDER_CODE = {
  google: /\/src\/oauth\/google\.ts/,
  microsoft: /\/src\/oauth\/microsoft\.ts/,
  msal: /@azure\/msal-/,
  gsi: /accounts\.google\.com\/gsi|fixtures\/fake-gsi\.js/,
};
const NOTHING = { google: false, microsoft: false, msal: false, gsi: false };

/** The Google dialog the adapter opens in a document, once it is open. */
async function googleDialog(doc: Document): Promise<HTMLDialogElement> {
  await waitUntil(
    () => doc.querySelector('dialog.vlens-google-sign-in[open] .fake-google-button'),
    'the Google dialog with its button',
  );
  return doc.querySelector<HTMLDialogElement>('dialog.vlens-google-sign-in')!;
}

/** Which provider code a window requested so far. */
function requested(win: Window): Record<keyof typeof PROVIDER_CODE, boolean> {
  const urls = win.performance.getEntriesByType('resource').map((entry) => entry.name);
  const seen = (pattern: RegExp) => urls.some((u) => pattern.test(u));
  return {
    google: seen(PROVIDER_CODE.google),
    microsoft: seen(PROVIDER_CODE.microsoft),
    msal: seen(PROVIDER_CODE.msal),
    gsi: seen(PROVIDER_CODE.gsi),
  };
}

let frame: HTMLIFrameElement;
const page = () => frame.contentWindow as LazyPage;

/** A widget in the iframe page, walked to the email step. */
const widgetAtEmailStep = (attributes: Record<string, string>) => widgetAtEmailStepIn(page().document, attributes);

describe('OAuth provider code is loaded lazily', () => {
  before(async () => {
    ({ frame } = await openWidgetPage<LazyPage>('/test/browser/fixtures/lazy-page.html'));
  });
  after(() => frame.remove());
  beforeEach(freshStandIn);

  it('the page recorded every module it loaded (so the checks below can fail)', () => {
    const urls = page()
      .performance.getEntriesByType('resource')
      .map((e) => e.name);
    expect(urls.some((u) => u.includes('/src/register/flow.ts'))).to.equal(true);
    expect(
      urls.some((u) => u.includes('/src/register/lazy-parts.ts')),
      'the lazy parts loader is part of the widget',
    ).to.equal(true);
  });

  it('a page without oauth-providers requests no provider code', async () => {
    const el = await widgetAtEmailStep({});
    expect(query(el, 'button[part~="oauth"]'), 'no provider buttons').to.equal(null);
    expect(requested(page())).to.deep.equal(NOTHING);
    const urls = page()
      .performance.getEntriesByType('resource')
      .map((e) => e.name);
    expect(
      urls.some((u) => u.includes('/src/oauth/load.ts')),
      'the provider loader came with the submit path',
    ).to.equal(true);
  });

  it('nothing loads while providers are configured but not chosen', async () => {
    const el = await widgetAtEmailStep({
      'oauth-providers': 'google microsoft',
      'google-client-id': 'g',
      'microsoft-client-id': 'm',
    });
    expect(query(el, 'button[part~="oauth-google"]')).to.exist;
    expect(requested(page())).to.deep.equal(NOTHING);
  });

  describe('the real Microsoft adapter (MSAL popup stubbed)', () => {
    let msal: typeof import('@azure/msal-browser');
    let originalPopup: (typeof msal.PublicClientApplication.prototype)['loginPopup'];
    const attributes = {
      'oauth-providers': 'microsoft google',
      'google-client-id': GOOGLE_AUDIENCE,
      'microsoft-client-id': MICROSOFT_AUDIENCE,
      'microsoft-authority': 'https://login.microsoftonline.com/common',
    };

    before(async () => {
      // MSAL is loaded here to stub its popup; the adapter module itself must still wait for the choice.
      msal = await page().loadMsal();
      originalPopup = msal.PublicClientApplication.prototype.loginPopup;
    });
    after(() => {
      msal.PublicClientApplication.prototype.loginPopup = originalPopup;
    });

    it('is requested only after choosing Microsoft, and its token registers the person', async () => {
      const email = `msal.${Date.now()}@example.com`;
      const token = await fetchDevIdToken('microsoft', email);
      const popups: unknown[] = [];
      msal.PublicClientApplication.prototype.loginPopup = async function (request) {
        popups.push(request);
        return { idToken: token } as Awaited<ReturnType<typeof originalPopup>>;
      };
      const el = await widgetAtEmailStep(attributes);
      expect(requested(page()).microsoft, 'not before the choice').to.equal(false);

      part<HTMLButtonElement>(el, 'button[part~="oauth-microsoft"]').click();
      await waitForStep(el, 'finish');
      expect(requested(page())).to.include({ microsoft: true, google: false, gsi: false });
      expect(popups).to.have.length(1);
      expect(part(el, '[part~="verified-email"]').textContent).to.contain(email);
    });

    it('maps MSAL’s user_cancelled to a cancellation: back to the choice, no vlens-error', async () => {
      msal.PublicClientApplication.prototype.loginPopup = async () => {
        throw new msal.BrowserAuthError('user_cancelled', '');
      };
      const el = await widgetAtEmailStep(attributes);
      const errors = record(el, 'vlens-error');
      part<HTMLButtonElement>(el, 'button[part~="oauth-microsoft"]').click();
      await waitUntil(
        () => el.step === 'email' && !query(el, '[slot="status"][data-tone="progress"]'),
        'back at the choice',
      );
      expect(errors).to.deep.equal([]);
    });
  });

  describe('the real Google adapter (Google Identity Services faked)', () => {
    it('registers through the widget: the adapter loads on the choice, its dialog holds Google’s button', async () => {
      const script = page().document.createElement('script');
      script.src = FAKE_GSI;
      page().document.head.append(script);
      await waitUntil(() => (page() as unknown as { fakeGsi?: FakeGsi }).fakeGsi, 'the fake GIS script ran');
      const fake = (page() as unknown as { fakeGsi: FakeGsi }).fakeGsi;

      const email = `gsi.${Date.now()}@example.com`;
      fake.next = await fetchDevIdToken('google', email);
      const el = await widgetAtEmailStep({ 'oauth-providers': 'google', 'google-client-id': GOOGLE_AUDIENCE });
      expect(requested(page()).google, 'not before the choice').to.equal(false);

      part<HTMLButtonElement>(el, 'button[part~="oauth-google"]').click();
      const dialog = await googleDialog(page().document);
      expect(requested(page()).google).to.equal(true);
      expect(dialog.querySelector('h2')!.textContent).to.equal('Continue with Google');
      expect(fake.buttons[0]).to.include({ locale: 'en', text: 'continue_with' });
      dialog.querySelector<HTMLButtonElement>('.fake-google-button')!.click();
      await waitForStep(el, 'finish');
      expect(page().document.querySelector('dialog.vlens-google-sign-in'), 'the dialog is gone').to.equal(null);
      expect(fake.initialized[0].client_id).to.equal(GOOGLE_AUDIENCE);
      expect(part(el, '[part~="verified-email"]').textContent).to.contain(email);
    });
  });
});

describe('loadProvider and the Google adapter', () => {
  // This page's own buffer may be full of the modules it loaded: make room for what comes next.
  before(() => performance.setResourceTimingBufferSize(100_000));
  const fake = () => (window as unknown as { fakeGsi: FakeGsi }).fakeGsi;

  it('refuses a provider without its client id', async () => {
    for (const name of ['google', 'microsoft'] as const) {
      const error = await loadProvider(name, {}).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(OAuthProviderError);
      expect(error).to.include({ kind: 'config', provider: name });
    }
  });

  it('loads the GIS script on the first call only; closing its dialog is a cancellation, Google’s button gives the token', async () => {
    const google = await loadProvider('google', {
      googleClientId: GOOGLE_AUDIENCE,
      googleScriptUrl: FAKE_GSI,
      googleDialog: { title: 'تابع باستخدام Google', cancel: 'إلغاء', locale: 'ar', dir: 'rtl' },
    });
    expect(requested(window).google, 'the adapter module loads with loadProvider').to.equal(true);
    expect(requested(window).gsi, 'the GIS script waits for the first call').to.equal(false);

    const first = google('google').catch((e: unknown) => e);
    const dialog = await googleDialog(document);
    expect(requested(window).gsi).to.equal(true);
    expect(fake().initialized[0].client_id).to.equal(GOOGLE_AUDIENCE);
    expect(fake().buttons[0]).to.include({ locale: 'ar', text: 'continue_with' });
    expect(dialog.dir).to.equal('rtl');
    await expect(dialog).to.be.accessible();
    const cancel = [...dialog.querySelectorAll('button')].find((b) => b.textContent === 'إلغاء')!;
    cancel.click();
    expect(await first).to.be.instanceOf(OAuthCancelledError);
    expect(document.querySelector('dialog.vlens-google-sign-in')).to.equal(null);

    fake().next = 'a.jwt.token';
    const second = google('google');
    (await googleDialog(document)).querySelector<HTMLButtonElement>('.fake-google-button')!.click();
    expect(await second).to.equal('a.jwt.token');
    expect(document.querySelectorAll(`script[src="${FAKE_GSI}"]`)).to.have.length(1);
  });

  it('reports a GIS script that does not load as a network failure', async () => {
    const google = await loadProvider('google', {
      googleClientId: 'x',
      googleScriptUrl: '/test/browser/fixtures/missing-gsi.js',
    });
    const saved = (window as { google?: unknown }).google;
    delete (window as { google?: unknown }).google;
    try {
      const error = await google('google').catch((e: unknown) => e);
      expect(error).to.be.instanceOf(OAuthProviderError);
      expect(error).to.include({ kind: 'network' });
    } finally {
      (window as { google?: unknown }).google = saved;
    }
  });
});
