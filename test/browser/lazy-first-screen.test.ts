/**
 * What the first screen holds before the submit path arrives (issue 11): only its own strings (the
 * phone step, the picker, the resumed code step), Egypt's calling code, and the default country alone;
 * the calling-codes table, the offered countries, the later strings and the texts of failed calls come
 * with the submit path, after which the element renders again. The dev server holds the submit path's
 * and the picker panel's requests (chunk gate) from before the first widget mounts; the last test
 * releases them one after the other.
 * Real proxy and stand-in.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { VlensRegister } from '../../src/register/vlens-register.component.js';
import { countryPanel, submitPath } from '../../src/register/lazy-parts.js';
import { COUNTRY_IDS } from '../../src/register/country-picker.js';
import { saveResumePoint, resumeKey } from '../../src/register/resume.js';
import { en } from '../../src/i18n/en.js';
import { ar } from '../../src/i18n/ar.js';
import type { VlensStrings } from '../../src/i18n/index.js';
import type { VlensErrorDetail } from '../../src/events.js';
import {
  ENDPOINT,
  LAZY_PATHS,
  chunkGate,
  holdLazyModules,
  part,
  query,
  statusOf,
  submitButton,
  type,
} from './helpers.js';
import { waitUntil } from './wait.js';

const byId = (el: VlensRegister, id: string) => el.shadowRoot!.getElementById(id);

/** Everything the widget shows: its shadow root's text and its light-DOM field, label, hint and status. */
const shownText = (el: VlensRegister) => `${el.shadowRoot!.textContent} ${el.textContent}`;

/** No dictionary key (all camelCase) and no "undefined" is on screen. */
function expectNoKeys(el: VlensRegister): void {
  const text = shownText(el);
  for (const key of Object.keys(en).filter((k) => /[A-Z]/.test(k))) expect(text).not.to.contain(key);
  expect(text).not.to.contain('undefined');
}

describe('first screen before the submit path arrives', () => {
  holdLazyModules();

  it("the light-DOM field's module failing, then slow: a submit says it failed (network error, vlens-error); typed meanwhile, the fallback keeps it; once in, the light input has the value, caret and focus, and the submit asked meanwhile follows", async () => {
    // The first widget of this file: nothing has requested the nodes' module yet.
    await chunkGate.fail(LAZY_PATHS.lightFieldNodes);
    try {
      const el = await fixture<VlensRegister>(html`<vlens-register lang="en" endpoint=${ENDPOINT}></vlens-register>`);
      const errors: VlensErrorDetail[] = [];
      el.addEventListener('vlens-error', (e) => errors.push(e.detail));
      submitButton(el).click();
      await waitUntil(() => errors.length === 1, 'vlens-error for the failed load');
      expect(errors[0].kind).to.equal('network');
      await el.updateComplete;
      const fallbackStatus = part(el, '.fallback-status');
      expect([fallbackStatus.textContent?.trim(), fallbackStatus.dataset.tone]).to.deep.equal([
        en.errorNetwork,
        'error',
      ]);
      const failedRequests = await chunkGate.requests(LAZY_PATHS.lightFieldNodes);

      await chunkGate.hold(LAZY_PATHS.lightFieldNodes);
      const fallback = part<HTMLInputElement>(el, 'input[data-vlens-fallback]');
      fallback.focus();
      fallback.value = '0100 123';
      fallback.setSelectionRange(2, 2);
      submitButton(el).click();
      await waitUntil(
        async () => (await chunkGate.requests(LAZY_PATHS.lightFieldNodes)) > failedRequests,
        'the module is asked for again',
      );
      expect(el.querySelector('input[slot="field"]'), 'no light field while its module is held').to.equal(null);
      expect(el.shadowRoot!.activeElement).to.equal(fallback);

      await chunkGate.pass(LAZY_PATHS.lightFieldNodes);
      await waitUntil(() => el.querySelector('input[slot="field"]'), 'the light field once the module is in');
      const light = el.querySelector<HTMLInputElement>('input[slot="field"]')!;
      expect(light.value).to.equal('0100 123');
      expect(document.activeElement, 'the focus moved over').to.equal(light);
      expect([light.selectionStart, light.selectionEnd]).to.deep.equal([2, 2]);
      // The submit went on: it waits for the (held) submit path, saying so.
      await waitUntil(() => statusOf(el).tone === 'progress', 'the submit followed');
      expect(statusOf(el).text).to.equal(en.working);
    } finally {
      await chunkGate.pass(LAZY_PATHS.lightFieldNodes);
    }
  });

  it('a resumed code step shows its own words in both languages before the submit path is in, and a submit waits for it', async () => {
    const widgets: [VlensRegister, VlensStrings][] = [];
    for (const [lang, t] of [
      ['en', en],
      ['ar', ar],
    ] as const) {
      const id = `resumed-${lang}`;
      saveResumePoint(resumeKey(ENDPOINT, id), { phone: '+201000000009', requestId: 'held-request' });
      const el = await fixture<VlensRegister>(
        html`<vlens-register id=${id} lang=${lang} endpoint=${ENDPOINT} resume></vlens-register>`,
      );
      widgets.push([el, t]);
    }
    expect(submitPath.now()).to.equal(undefined);
    for (const [el, t] of widgets) {
      await waitUntil(() => el.step === 'phone-code', 'restored once the resume module (not held) is in');
      await waitUntil(() => query(el, 'label[slot="field-label"]'), 'the light-DOM field (its module is not held)');
      expect(part(el, '[part~="heading"]').textContent?.trim()).to.equal(t.phoneCodeHeading);
      expect(part(el, 'button[part~="submit"]').textContent?.trim()).to.equal(t.codeSubmit);
      expect(part(el, 'label[slot="field-label"]').textContent?.trim()).to.equal(t.codeLabel);
      expectNoKeys(el);
      // The code's checks come with the submit path (issue 24): until it is in, a submit says "working".
      submitButton(el).click();
      await waitUntil(() => statusOf(el).tone === 'progress', 'the submit waits for the submit path');
      expect(statusOf(el).text).to.equal(t.working);
    }
  });

  it('Egypt and +20 from the first screen, the default country alone; the table, the offered countries and the later strings arrive with the submit path', async () => {
    const widgets: [VlensRegister, VlensStrings, string][] = [];
    for (const [lang, t, saudiArabia] of [
      ['en', en, 'Saudi Arabia'],
      ['ar', ar, 'السعودية'],
    ] as const) {
      const egypt = await fixture<VlensRegister>(
        html`<vlens-register lang=${lang} endpoint=${ENDPOINT}></vlens-register>`,
      );
      const saudi = await fixture<VlensRegister>(
        html`<vlens-register lang=${lang} endpoint=${ENDPOINT} default-country="SA"></vlens-register>`,
      );
      widgets.push([egypt, t, ''], [saudi, t, saudiArabia]);
    }
    expect(submitPath.now()).to.equal(undefined);
    expect(countryPanel.now()).to.equal(undefined);
    for (const [el, t, saudiArabia] of widgets) {
      expect(part(el, '[part~="heading"]').textContent?.trim()).to.equal(t.phoneHeading);
      expect(query(el, '[part~="country-toggle"]'), 'one country until the offered countries are known').to.equal(null);
      const country = byId(el, COUNTRY_IDS.value)!.textContent;
      if (saudiArabia) expect(country.trim()).to.equal('SA', 'no name nor calling code before their modules arrive');
      else expect(country).to.contain(t.countryEgypt).and.contain('+20');
      expectNoKeys(el);
    }

    await chunkGate.pass(LAZY_PATHS.submitPath);
    await submitPath.load();
    for (const [el, t, saudiArabia] of widgets) {
      await waitUntil(() => query(el, '[part~="country-toggle"]'), 'the proxy’s countries are offered');
      if (saudiArabia) expect(byId(el, COUNTRY_IDS.value)!.textContent).to.contain('+966').and.contain('SA');
      // A later string: the phone's checks come with the submit path.
      type(el, '#phone', '12');
      submitButton(el).click();
      await waitUntil(() => statusOf(el).tone === 'error', 'the number is refused');
      expect(statusOf(el).text).to.equal(t.phoneTooShort);
      expectNoKeys(el);
    }

    await chunkGate.pass(LAZY_PATHS.countryPanel);
    for (const [el, , saudiArabia] of widgets.filter(([, , name]) => name)) {
      await waitUntil(
        () => byId(el, COUNTRY_IDS.value)!.textContent.includes(saudiArabia),
        `${saudiArabia} named once the panel is in`,
      );
    }
  });
});
