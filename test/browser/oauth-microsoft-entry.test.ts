/**
 * Microsoft sign-in is an opt-in entry (`vlens-register/oauth/microsoft`), so the core a bundler
 * user imports never names `@azure/msal-browser`. Without the entry, choosing Microsoft shows the
 * provider failure in the person's language and fires `vlens-error` (`kind: "config"`) whose
 * message says what to install and import; importing the entry makes the same widget sign in
 * through the real adapter (MSAL's popup stubbed: it cannot run offline).
 *
 * Each test loads its own iframe page (fixtures/package-page.html: `vlens-register/vlens-register.js`
 * as source, the Microsoft entry not imported), so what one test enables no other test sees.
 */
import { expect } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import { fetchDevIdToken } from '../../demo/dev-sign-in.js';
import { ar } from '../../src/i18n/ar.js';
import { en } from '../../src/i18n/en.js';
import { MICROSOFT_NOT_ENABLED } from '../../src/oauth/load.js';
import { freshStandIn, openWidgetPage, part, record, statusOf, waitForStep, widgetAtEmailStepIn } from './helpers.js';
import type { VlensRegister } from '../../src/register/vlens-register.component.js';

type PackagePage = Window &
  typeof globalThis & {
    enableMicrosoft(): Promise<unknown>;
    loadMsal(): Promise<typeof import('@azure/msal-browser')>;
  };

const MICROSOFT_AUDIENCE = 'vlens-register-dev-microsoft';
/** Microsoft's adapter module or MSAL itself (the dev server serves source modules). */
const MICROSOFT_CODE = /\/src\/oauth\/microsoft\.ts|@azure\/msal-/;

let frame: HTMLIFrameElement | null = null;
const page = () => frame!.contentWindow as PackagePage;

function requestedMicrosoftCode(): boolean {
  return page()
    .performance.getEntriesByType('resource')
    .some((entry) => MICROSOFT_CODE.test(entry.name));
}

/** A widget offering Microsoft, in the iframe page, walked to the email step. */
const atEmailStep = (lang: 'en' | 'ar') =>
  widgetAtEmailStepIn(page().document, {
    lang,
    'oauth-providers': 'microsoft',
    'microsoft-client-id': MICROSOFT_AUDIENCE,
  });

const microsoftButton = (el: VlensRegister) => part<HTMLButtonElement>(el, 'button[part~="oauth-microsoft"]');

describe('Microsoft sign-in without and with vlens-register/oauth/microsoft', () => {
  beforeEach(async () => {
    await freshStandIn();
    ({ frame } = await openWidgetPage<PackagePage>('/test/browser/fixtures/package-page.html'));
  });
  afterEach(() => {
    frame?.remove();
    frame = null;
  });

  for (const [lang, t] of [
    ['en', en],
    ['ar', ar],
  ] as const) {
    it(`without the entry, choosing Microsoft fails clearly (${lang}): the provider failure shown, vlens-error says what to install`, async () => {
      const el = await atEmailStep(lang);
      const errors = record(el, 'vlens-error');
      microsoftButton(el).click();
      await waitUntil(() => errors.length === 1, 'vlens-error');
      await el.updateComplete;

      expect(errors[0]).to.include({ step: 'oauth', kind: 'config' });
      expect(errors[0].error_message).to.contain(MICROSOFT_NOT_ENABLED);
      expect(MICROSOFT_NOT_ENABLED).to.contain('@azure/msal-browser').and.contain("'vlens-register/oauth/microsoft'");
      expect(statusOf(el)).to.deep.equal({
        text: t.oauthFailed.replace('{provider}', t.providerMicrosoft),
        tone: 'error',
      });
      expect(requestedMicrosoftCode(), 'neither the adapter nor MSAL was requested').to.equal(false);
    });
  }

  it('importing the entry enables it: the same widget then signs in through MSAL', async () => {
    const el = await atEmailStep('en');
    const errors = record(el, 'vlens-error');
    microsoftButton(el).click();
    await waitUntil(() => errors.length === 1, 'vlens-error before the entry is imported');
    expect(errors[0].error_message).to.contain(MICROSOFT_NOT_ENABLED);

    await page().enableMicrosoft();
    const msal = await page().loadMsal();
    const email = `msal-entry.${Date.now()}@example.com`;
    const token = await fetchDevIdToken('microsoft', email);
    const popups: unknown[] = [];
    msal.PublicClientApplication.prototype.loginPopup = async function (request) {
      popups.push(request);
      return { idToken: token } as Awaited<ReturnType<typeof msal.PublicClientApplication.prototype.loginPopup>>;
    };

    part<HTMLButtonElement>(el, 'button[part~="retry"]').click();
    await waitForStep(el, 'finish');
    expect(popups).to.have.length(1);
    expect(requestedMicrosoftCode()).to.equal(true);
    expect(part(el, '[part~="verified-email"]').textContent).to.contain(email);
    expect(errors, 'no further vlens-error').to.have.length(1);
  });
});
