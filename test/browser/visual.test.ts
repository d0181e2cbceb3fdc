/**
 * Visual-regression baselines: every step in English and Arabic, and the
 * dark theme, compared with test/screenshots/baseline/ (see the runner
 * config; `UPDATE_SCREENSHOTS=1` rewrites them). Fixed numbers and a zero
 * resend cooldown keep each picture the same from run to run; fonts from npm
 * (fonts.ts) keep it the same from machine to machine. Chromium only.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { lightFieldNodes } from '../../src/register/lazy-parts.js';
import { visualDiff } from '@web/test-runner-visual-regression';
import { setViewport } from '@web/test-runner-commands';
import type { VlensRegister } from '../../src/register/vlens-register.component.js';
import {
  ENDPOINT,
  countryToggle,
  freshStandIn,
  openCountryPicker,
  standIn,
  submitButton,
  type,
  waitForStep,
} from './helpers.js';
import { fontsSettled, loadTestFonts, TEST_FONT_FAMILY } from './fonts.js';

/** Numbers outside the range `uniquePhone()` hands out; the stand-in is reset before each test. */
const PHONES = { en: '+201099990001', ar: '+201099990002' } as const;

async function frame(lang: 'en' | 'ar', theme = 'light'): Promise<{ wrapper: HTMLElement; el: VlensRegister }> {
  await loadTestFonts();
  const wrapper = await fixture<HTMLDivElement>(html`<div
    lang=${lang}
    style="inline-size:360px;padding:8px;background:#f5f5f5;--vlens-font-family:${TEST_FONT_FAMILY}"
  >
    <vlens-register endpoint=${ENDPOINT} email-step="required" password="required" resend-after="0" theme=${theme}></vlens-register>
  </div>`);
  const el = wrapper.querySelector('vlens-register')!;
  await el.updateComplete;
  await lightFieldNodes.load(); // typing then finds the light-DOM field at once
  return { wrapper, el };
}

/** Takes the picture without focus (the heading's ring after a step change, a blinking caret in a field). */
async function shoot(wrapper: HTMLElement, el: VlensRegister, name: string): Promise<void> {
  (el.shadowRoot!.activeElement as HTMLElement | null)?.blur();
  (document.activeElement as HTMLElement | null)?.blur();
  await el.updateComplete;
  await fontsSettled();
  await visualDiff(wrapper, name);
}

describe('vlens-register: screenshots', function (this: unknown) {
  // Each test walks several steps with a picture and an audit on each: more than the suite's 15 s on a busy machine.
  (this as { timeout(ms: number): void }).timeout(60_000);
  beforeEach(async () => {
    await freshStandIn();
    await setViewport({ width: 800, height: 1000 });
  });

  for (const lang of ['en', 'ar'] as const) {
    it(`every step in ${lang === 'en' ? 'English' : 'Arabic'}`, async () => {
      const { wrapper, el } = await frame(lang);
      const phone = PHONES[lang];
      const email = `visual-${lang}@example.com`;
      // The settled first screen: the picker offers its choice once the submit path and the proxy's list are in.
      await countryToggle(el);
      await shoot(wrapper, el, `${lang}-1-phone`);
      type(el, '#phone', phone);
      submitButton(el).click();
      await waitForStep(el, 'phone-code');
      await shoot(wrapper, el, `${lang}-2-phone-code`);
      type(el, '#code', (await standIn.lastCode(phone))!);
      await waitForStep(el, 'email');
      await shoot(wrapper, el, `${lang}-3-email`);
      type(el, '#email', email);
      submitButton(el).click();
      await waitForStep(el, 'email-code');
      await shoot(wrapper, el, `${lang}-4-email-code`);
      type(el, '#code', (await standIn.lastCode(email))!);
      await waitForStep(el, 'finish');
      await shoot(wrapper, el, `${lang}-5-finish`);
      type(el, '#password', 'correct horse battery');
      submitButton(el).click();
      await waitForStep(el, 'done');
      await shoot(wrapper, el, `${lang}-6-done`);
    });
  }

  it('the dark theme, with an error, in both languages', async () => {
    for (const lang of ['en', 'ar'] as const) {
      const { wrapper, el } = await frame(lang, 'dark');
      type(el, '#phone', '0100 123');
      submitButton(el).click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
      await shoot(wrapper, el, `${lang}-dark-phone-error`);
    }
  });

  it('the country picker open, in both languages', async () => {
    for (const lang of ['en', 'ar'] as const) {
      const { wrapper, el } = await frame(lang);
      await openCountryPicker(el);
      await expect(el).to.be.accessible();
      await shoot(wrapper, el, `${lang}-country-picker`);
    }
  });
});
