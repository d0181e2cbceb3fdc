/**
 * Every failure a person can meet, in Arabic and English, through the real proxy and stand-in: the
 * widget's own words in its language (never the server's English), the tries left where the server
 * or the proxy gives them, and a new code offered when the old one cannot be used any more.
 */
import { expect } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import type { VlensRegister } from '../../src/register/vlens-register.component.js';
import type { VlensStrings } from '../../src/i18n/index.js';
import { en } from '../../src/i18n/en.js';
import { ar } from '../../src/i18n/ar.js';
import { VLENS_PATHS } from '../../src/api/paths.js';
import {
  enterCodeFor,
  enterPhone,
  freshStandIn,
  mountIn,
  part,
  query,
  record,
  settled,
  standIn,
  submitButton,
  type,
  uniquePhone,
  waitForStep,
  unavailable,
} from './helpers.js';

const DICTIONARIES: Record<'en' | 'ar', VlensStrings> = { en, ar };

const statusText = (el: VlensRegister) => query(el, '[slot="status"]')?.textContent?.trim() ?? '';

/** Waits for the failure to show and returns its text, checked for the language. */
async function failureShown(el: VlensRegister, errors: unknown[], lang: 'en' | 'ar'): Promise<string> {
  await waitUntil(() => errors.length === 1, 'vlens-error fires');
  await settled(el);
  const text = statusText(el);
  expect(text).to.not.equal('');
  if (lang === 'ar') {
    const withoutEmails = text.replace(/[^\s@]+@[^\s@]+/g, '');
    expect(withoutEmails, `Latin letters in the Arabic status: ${text}`).to.not.match(/[A-Za-z]/);
  }
  return text;
}

async function wrongCodeFor(to: string): Promise<string> {
  const right = (await standIn.lastCode(to))!;
  return right === '000000' ? '111111' : '000000';
}

const resendReady = (el: VlensRegister) => !unavailable(part<HTMLButtonElement>(el, 'button[part~="resend"]'));

for (const lang of ['ar', 'en'] as const) {
  const t = DICTIONARIES[lang];
  const tries = (n: number) => t.codeWrongTries.replace('{tries}', triesText(lang, n));

  describe(`vlens-register: every failure in ${lang}`, () => {
    beforeEach(freshStandIn);

    it('a wrong code says so, with the tries left the server gives', async () => {
      const el = await mountIn(lang);
      const errors = record(el, 'vlens-error');
      const phone = await uniquePhone();
      await enterPhone(el, phone);
      type(el, '#code', await wrongCodeFor(phone));
      expect(await failureShown(el, errors, lang)).to.equal(tries(4));
      expect(errors[0].error_message, 'the server’s words stay in the event').to.equal(
        'The verification code is wrong.',
      );
      expect(part(el, '#code').getAttribute('aria-invalid')).to.equal('true');
    });

    it('an expired code says so and offers a new code at once', async () => {
      await standIn.configure({ codeTtlMs: 0 });
      const el = await mountIn(lang);
      const errors = record(el, 'vlens-error');
      const phone = await uniquePhone();
      await enterPhone(el, phone);
      expect(resendReady(el), 'the resend countdown runs').to.equal(false);
      await enterCodeFor(el, phone);
      expect(await failureShown(el, errors, lang)).to.equal(t.codeExpired);
      expect(resendReady(el), 'a new code is offered').to.equal(true);
    });

    it('too many wrong tries says so and offers a new code', async () => {
      await standIn.configure({ maxTries: 1 });
      const el = await mountIn(lang);
      const errors = record(el, 'vlens-error');
      const phone = await uniquePhone();
      await enterPhone(el, phone);
      type(el, '#code', await wrongCodeFor(phone));
      expect(await failureShown(el, errors, lang)).to.equal(t.codeTooManyTries);
      expect(resendReady(el)).to.equal(true);
      part<HTMLButtonElement>(el, 'button[part~="resend"]').click();
      await waitUntil(() => query(el, '[data-tone="notice"]') !== null, 'the new code is on its way');
      await enterCodeFor(el, phone);
      await waitForStep(el, 'finish');
    });

    it('a number the server refuses', async () => {
      await standIn.fault({ kind: 'status', status: 422 }, { path: VLENS_PATHS.verifyPhone, times: 1 });
      const el = await mountIn(lang);
      const errors = record(el, 'vlens-error');
      type(el, '#phone', await uniquePhone());
      submitButton(el).click();
      expect(await failureShown(el, errors, lang)).to.equal(t.phoneRefused);
      expect(el.step).to.equal('phone');
    });

    it('an email the server refuses', async () => {
      const el = await mountIn(lang, { emailStep: 'required' });
      const errors = record(el, 'vlens-error');
      const phone = await uniquePhone();
      await enterPhone(el, phone);
      await enterCodeFor(el, phone);
      await waitForStep(el, 'email');
      await standIn.fault({ kind: 'status', status: 400 }, { path: VLENS_PATHS.verifyEmail, times: 1 });
      type(el, '#email', `someone.${phone.slice(-4)}@example.com`);
      submitButton(el).click();
      expect(await failureShown(el, errors, lang)).to.equal(t.emailRefused);
    });

    it('a registration refused', async () => {
      const el = await mountIn(lang);
      const errors = record(el, 'vlens-error');
      const phone = await uniquePhone();
      await enterPhone(el, phone);
      await enterCodeFor(el, phone);
      await waitForStep(el, 'finish');
      await standIn.fault({ kind: 'status', status: 422 }, { path: VLENS_PATHS.register, times: 1 });
      submitButton(el).click();
      expect(await failureShown(el, errors, lang)).to.equal(t.registrationRefused);
    });

    it('a server failure: could not finish, try again', async () => {
      await standIn.fault({ kind: 'status', status: 500 }, { path: VLENS_PATHS.verifyPhone, times: 1 });
      const el = await mountIn(lang);
      const errors = record(el, 'vlens-error');
      type(el, '#phone', await uniquePhone());
      submitButton(el).click();
      expect(await failureShown(el, errors, lang)).to.equal(t.errorServer);
      expect(unavailable(submitButton(el)), 'the person can try again').to.equal(false);
    });
  });
}

function triesText(lang: 'en' | 'ar', n: number): string {
  const t = DICTIONARIES[lang];
  const rule = new Intl.PluralRules(lang).select(n);
  const key = ({ one: 'triesLeftOne', two: 'triesLeftTwo', few: 'triesLeftFew', many: 'triesLeftMany' } as const)[
    rule as 'one' | 'two' | 'few' | 'many'
  ];
  return (key ? t[key] : t.triesLeftOther).replace('{count}', String(n));
}
