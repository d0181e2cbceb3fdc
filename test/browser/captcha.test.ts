/**
 * The built-in CAPTCHA, for each provider, through the real proxy (one per
 * provider, mounted at /api/vlens-<provider>) and the stand-in's fake
 * provider scripts and verify endpoint: a token is obtained before each code
 * send, sent, and verified; a refused token shows a message in both
 * languages; without `captcha` no provider script loads.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { expect, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import { FAKE_CAPTCHA_SITE_KEY } from '../../src/mock/captcha.js';
import type { FakeCaptchaCheck } from '../../src/mock/captcha.js';
import {
  enterCodeFor,
  enterPhone,
  errorText,
  freshStandIn,
  mount,
  record,
  settled,
  standIn,
  submitButton,
  type,
  uniquePhone,
  waitForStep,
} from './helpers.js';

const captcha = {
  verdict: (verdict: 'pass' | 'refuse' | 'low-score') => executeServerCommand('captcha:verdict', { verdict }),
  checks: () => executeServerCommand<FakeCaptchaCheck[], undefined>('captcha:checks'),
  reset: () => executeServerCommand('captcha:reset'),
};

const PROVIDERS = ['turnstile', 'hcaptcha', 'recaptcha'] as const;
const PROVIDER_GLOBALS = { turnstile: 'turnstile', hcaptcha: 'hcaptcha', recaptcha: 'grecaptcha' } as const;

/** Script requests this page made to any CAPTCHA provider, real or fake. */
const captchaScripts = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) =>
      /fake-captcha|challenges\.cloudflare\.com|hcaptcha\.com|google\.com\/recaptcha|captcha\/load|captcha\/(turnstile|hcaptcha|recaptcha)/.test(
        url,
      ),
    );

const widget = (provider: string, lang = 'en') =>
  mount(html`<vlens-register
    endpoint=${`/api/vlens-${provider}`}
    lang=${lang}
    email-step="required"
    captcha=${provider}
    captcha-site-key=${FAKE_CAPTCHA_SITE_KEY}
    captcha-script-src=${`/fake-captcha/${provider}/api.js`}
  ></vlens-register>`);

describe('CAPTCHA: none configured', () => {
  it('loads no provider script and no CAPTCHA module, and sends without a token', async () => {
    await freshStandIn();
    await captcha.reset();
    performance.clearResourceTimings();
    const el = await mount();
    await enterPhone(el, await uniquePhone());
    expect(captchaScripts()).to.deep.equal([]);
    expect(document.querySelector('script[src*="captcha"]')).to.equal(null);
    expect(el.querySelector('[data-vlens-captcha]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('slot[name="captcha"]')).to.equal(null);
    expect(await captcha.checks()).to.deep.equal([]);
  });
});

for (const provider of PROVIDERS) {
  describe(`CAPTCHA: ${provider}`, () => {
    beforeEach(async () => {
      await freshStandIn();
      await captcha.reset();
    });

    it('gets a token before the existence check and each code send; the proxy verifies them; the flow completes', async () => {
      const el = await widget(provider);
      const errors = record(el, 'vlens-error');
      const phone = await uniquePhone();
      await enterPhone(el, phone);
      expect(typeof (window as unknown as Record<string, unknown>)[PROVIDER_GLOBALS[provider]]).to.equal(
        'object',
        'the provider script ran',
      );
      expect(el.querySelector('[data-vlens-captcha]')?.getAttribute('slot')).to.equal('captcha');
      let checks = await captcha.checks();
      expect(checks).to.have.length(2, 'CheckExistenceOfEmailOrPhone and the send, each with its own token');
      expect(checks[0]).to.include({ provider, success: true });
      expect(checks[0].token).to.match(new RegExp(`^fake-${provider}\\.`));
      expect(checks[1].token).not.to.equal(checks[0].token);

      await enterCodeFor(el, phone);
      await waitForStep(el, 'email');
      const email = `${provider}-${Date.now()}@example.com`;
      type(el, '#email', email);
      submitButton(el).click();
      await waitForStep(el, 'email-code');
      checks = await captcha.checks();
      expect(checks).to.have.length(3, 'the email send carried a fresh token');
      expect(checks[2].token).not.to.equal(checks[1].token);
      expect(checks.every((check) => check.success)).to.equal(true);

      await enterCodeFor(el, email);
      await waitForStep(el, 'finish');
      submitButton(el).click();
      await waitForStep(el, 'done');
      expect(errors).to.deep.equal([]);
      expect((await standIn.calls())['Register/StepVerifyPhone']).to.equal(2, 'one send and one check reached Vlens');
    });

    for (const lang of ['en', 'ar'] as const) {
      it(`a refused token: no code is sent, and the message says so (${lang})`, async () => {
        await captcha.verdict('refuse');
        const el = await widget(provider, lang);
        const errors = record(el, 'vlens-error');
        type(el, '#phone', await uniquePhone());
        submitButton(el).click();
        await waitUntil(() => errors.length > 0, 'the send fails');
        await settled(el);
        expect(el.step).to.equal('phone');
        expect(errors[0]).to.include({ error_code: 403, kind: 'api', status: 403 });
        expect(errors[0].error_descriptions).to.deep.equal({ source: 'proxy', field: 'captcha' });
        expect(errorText(el)).to.equal(
          lang === 'en'
            ? 'We could not confirm that you are a person. Try again.'
            : 'لم نتمكن من التأكد من أنك شخص وليس برنامجًا. حاول مرة أخرى.',
        );
        expect(await standIn.calls()).to.deep.equal({}, 'nothing reached Vlens, not even the existence check');
        const checks = await captcha.checks();
        expect(checks).to.have.length(1);
        expect(checks[0]).to.include({ provider, success: false });
      });
    }
  });
}

describe('CAPTCHA: a script that cannot load', () => {
  it('the send fails as a network error and is tried again on the next send', async () => {
    await freshStandIn();
    await captcha.reset();
    const el = await mount(html`<vlens-register
      endpoint="/api/vlens-turnstile"
      captcha="turnstile"
      captcha-site-key=${FAKE_CAPTCHA_SITE_KEY}
      captcha-script-src="/fake-captcha/nope/api.js"
    ></vlens-register>`);
    const errors = record(el, 'vlens-error');
    type(el, '#phone', await uniquePhone());
    submitButton(el).click();
    await waitUntil(() => errors.length > 0, 'the send fails');
    expect(errors[0].kind).to.equal('network');
    expect((await standIn.calls())['CheckExistenceOfEmailOrPhone']).to.equal(undefined, 'no token, no existence check');
    expect((await standIn.calls())['Register/StepVerifyPhone']).to.equal(undefined);
    el.captchaScriptSrc = '/fake-captcha/turnstile/api.js';
    await el.updateComplete;
    submitButton(el).click();
    await waitForStep(el, 'phone-code');
  });

  it('an unknown provider is ignored with one console warning', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      const el = await mount(
        html`<vlens-register endpoint="/api/vlens" captcha="friendlycaptcha" captcha-site-key="k"></vlens-register>`,
      );
      el.requestUpdate();
      await el.updateComplete;
      expect(warnings.filter((w) => w.includes('captcha="friendlycaptcha" is ignored'))).to.have.length(1);
      expect(el.querySelector('[data-vlens-captcha]')).to.equal(null);
    } finally {
      console.warn = original;
    }
  });
});
