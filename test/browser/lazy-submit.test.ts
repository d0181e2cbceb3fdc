/**
 * The first load without the submit path and the picker's panel: both are
 * lazy modules the element requests after its first render. Their requests
 * are held at the dev server (chunk gate) from before the first widget
 * mounts, so every test here starts with neither loaded; it releases the
 * one it needs. Real proxy and stand-in.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import type { VlensRegister } from '../../src/register/vlens-register.component.js';
import { countryPanel, lightFieldNodes, submitPath } from '../../src/register/lazy-parts.js';
import { COUNTRY_IDS } from '../../src/register/country-picker.js';
import {
  ENDPOINT,
  holdLazyModules,
  LAZY_PATHS,
  chunkGate,
  part,
  standIn,
  statusOf,
  submitButton,
  type,
  uniquePhone,
  waitForStep,
  unavailable,
} from './helpers.js';

const byId = (el: VlensRegister, id: string) => el.shadowRoot!.getElementById(id);

describe('lazy first load', () => {
  holdLazyModules();

  it('a submit before the submit path arrives says "working", keeps what was typed, and goes through once it has', async () => {
    const requestsBefore = await chunkGate.requests(LAZY_PATHS.submitPath);
    const el = await fixture<VlensRegister>(html`<vlens-register endpoint=${ENDPOINT}></vlens-register>`);
    // The element asks for the submit path right after its first render, before any submit.
    await waitUntil(
      async () => (await chunkGate.requests(LAZY_PATHS.submitPath)) > requestsBefore,
      'the submit path is requested after the first render',
    );
    expect(submitPath.now()).to.equal(undefined);
    await lightFieldNodes.load(); // typing then finds the light-DOM field at once (that chunk is not held)
    const phone = await uniquePhone();
    type(el, '#phone', phone);
    const callsBefore = await standIn.calls();
    submitButton(el).click();
    await el.updateComplete;
    expect(statusOf(el)).to.deep.equal({ text: 'Please wait…', tone: 'progress' });
    expect(unavailable(submitButton(el))).to.equal(true, 'a second click does not queue a second send');
    expect(part<HTMLInputElement>(el, '#phone').value).to.equal(phone, 'what was typed stays');
    expect(await standIn.calls()).to.deep.equal(callsBefore, 'nothing is sent before the code to send it has arrived');

    await chunkGate.pass(LAZY_PATHS.submitPath);
    await waitForStep(el, 'phone-code');
    expect((await standIn.lastRequest<{ phoneNumber: string }>('Register/StepVerifyPhone'))?.phoneNumber).to.equal(
      phone,
    );
  });

  it("names Egypt from the strings on the first screen, and other countries in the page's language once the panel has loaded", async () => {
    const ar = await fixture<VlensRegister>(html`<vlens-register endpoint=${ENDPOINT} lang="ar"></vlens-register>`);
    const en = await fixture<VlensRegister>(html`<vlens-register endpoint=${ENDPOINT} lang="en"></vlens-register>`);
    expect(countryPanel.now()).to.equal(undefined, 'the panel module (Intl.DisplayNames) is not loaded');
    expect(byId(ar, COUNTRY_IDS.value)!.textContent).to.contain('مصر').and.contain('+20');
    expect(byId(en, COUNTRY_IDS.value)!.textContent).to.contain('Egypt').and.contain('+20');

    // The picker offers a choice once the proxy's /config has listed its countries.
    await waitUntil(
      () => byId(ar, COUNTRY_IDS.toggle) && byId(en, COUNTRY_IDS.toggle),
      'the proxy offers other countries',
    );
    (byId(ar, COUNTRY_IDS.toggle) as HTMLButtonElement).click();
    (byId(en, COUNTRY_IDS.toggle) as HTMLButtonElement).click();
    await ar.updateComplete;
    expect(byId(ar, COUNTRY_IDS.toggle)!.getAttribute('aria-expanded')).to.equal('true');
    expect(byId(ar, COUNTRY_IDS.list)).to.equal(null, 'the list waits for its module');

    await chunkGate.pass(LAZY_PATHS.countryPanel);
    await waitUntil(
      () => byId(ar, COUNTRY_IDS.list) && byId(en, COUNTRY_IDS.list),
      'both panels render once the module is in',
    );
    const names = (el: VlensRegister) =>
      [...(byId(el, COUNTRY_IDS.list) as HTMLSelectElement).options].map((o) => o.textContent.trim());
    expect(names(ar).some((name) => name.startsWith('ألمانيا'))).to.equal(true, 'Arabic names');
    expect(names(en).some((name) => name.startsWith('Germany'))).to.equal(true, 'English names');
    // Each opened panel focuses its search once it renders; one page has one focus, and it is one of these.
    const focused = [ar, en].find((el) => document.activeElement === el);
    expect(focused?.shadowRoot!.activeElement?.id).to.equal(
      COUNTRY_IDS.search,
      'the search is focused once it is there',
    );
  });
});
