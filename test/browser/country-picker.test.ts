/** The country picker on its own: keyboard use, search in both languages, lazy metadata. */
import { LitElement, html as litHtml } from 'lit';
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import { sendKeys } from '@web/test-runner-commands';
import { CountryPicker, COUNTRY_IDS, type CountryPickerStrings } from '../../src/register/country-picker.js';
import { countryPanel } from '../../src/register/lazy-parts.js';
import { isCountryLoaded, isWorldPhoneMetadataLoaded } from '../../src/phone/metadata-store.js';
import { countryCallingCodes } from '../../src/phone/countries.js';
import { typeKeys } from './helpers.js';
import { localeOf, stringsFor } from '../../src/i18n/index.js';
import { LATER_STRINGS } from '../../src/i18n/later.js';

/** The picker's strings are part of the element's dictionaries: the real ones, per language. */
/** Every string: the picker's toggle and panel show once the submit path (with the later strings) has loaded. */
const stringsOf = (lang: string): CountryPickerStrings => stringsFor(localeOf(lang), undefined, LATER_STRINGS);

class PickerHost extends LitElement {
  static override properties = { defaultCountry: { attribute: 'default-country' }, lang: {} };
  defaultCountry = 'EG';
  /** The countries offered; null = every country. */
  offered: string[] | null = null;
  readonly picker = new CountryPicker(this, {
    defaultCountry: () => this.defaultCountry,
    offered: () => this.offered ?? [...countryCallingCodes().keys()],
  });
  override render() {
    return litHtml`<main>${this.picker.render(stringsOf(this.lang), localeOf(this.lang))}</main>`;
  }
}
customElements.define('country-picker-test-host', PickerHost);

const byId = <T extends HTMLElement>(el: PickerHost, id: string) => el.shadowRoot!.getElementById(id) as T | null;
const active = (el: PickerHost) => el.shadowRoot!.activeElement;

describe('country picker', () => {
  // The panel is a lazy module (test/browser/lazy-submit.test.ts covers its loading): here it is in.
  before(() => countryPanel.load());

  it('shows Egypt by default and loads no other metadata while browsing', async () => {
    const el = await fixture<PickerHost>(html`<country-picker-test-host></country-picker-test-host>`);
    expect(el.picker.country).to.equal('EG');
    expect(byId(el, COUNTRY_IDS.value)!.textContent).to.contain('Egypt').and.contain('+20');
    byId(el, COUNTRY_IDS.toggle)!.click();
    await el.updateComplete;
    expect(byId(el, COUNTRY_IDS.toggle)!.getAttribute('aria-expanded')).to.equal('true');
    expect(active(el)?.id).to.equal(COUNTRY_IDS.search, 'opening focuses the search');
    await typeKeys('germ');
    await el.updateComplete;
    const list = byId<HTMLSelectElement>(el, COUNTRY_IDS.list)!;
    expect(list.options[0].value).to.equal('DE');
    await expect(el).to.be.accessible();
    expect(isWorldPhoneMetadataLoaded()).to.equal(false, 'searching loads nothing');
  });

  it('is operable by keyboard: search, arrow into the list, Enter picks, focus returns', async () => {
    const el = await fixture<PickerHost>(html`<country-picker-test-host></country-picker-test-host>`);
    byId(el, COUNTRY_IDS.toggle)!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await typeKeys('fra');
    await el.updateComplete;
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(active(el)?.id).to.equal(COUNTRY_IDS.list);
    expect(el.picker.country).to.equal('FR');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(byId(el, COUNTRY_IDS.panel)).to.equal(null);
    expect(active(el)?.id).to.equal(COUNTRY_IDS.toggle);
    expect(byId(el, COUNTRY_IDS.value)!.textContent).to.contain('France').and.contain('+33');
    // Picking another country is what loads the world's metadata.
    await waitUntil(() => isCountryLoaded('FR'), 'French metadata loads after the pick');
    expect(el.picker.loading).to.equal(false);
  });

  it('Escape closes without changing the country', async () => {
    const el = await fixture<PickerHost>(
      html`<country-picker-test-host default-country="SA"></country-picker-test-host>`,
    );
    expect(el.picker.country).to.equal('SA');
    byId(el, COUNTRY_IDS.toggle)!.click();
    await el.updateComplete;
    await typeKeys('xyzzy');
    await el.updateComplete;
    expect(byId(el, COUNTRY_IDS.list)!.textContent).to.contain(stringsOf('en').countryNoMatch);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(byId(el, COUNTRY_IDS.panel)).to.equal(null);
    expect(active(el)?.id).to.equal(COUNTRY_IDS.toggle);
    expect(el.picker.country).to.equal('SA');
  });

  it('searches Arabic names, Arabic-Indic calling codes, and keeps +codes left-to-right', async () => {
    const el = await fixture<PickerHost>(
      html`<country-picker-test-host lang="ar" dir="rtl"></country-picker-test-host>`,
    );
    expect(byId(el, COUNTRY_IDS.value)!.textContent).to.contain('مصر');
    const code = el.shadowRoot!.querySelector('[part~="calling-code"]')!;
    expect(getComputedStyle(code).direction).to.equal('ltr');
    byId(el, COUNTRY_IDS.toggle)!.click();
    await el.updateComplete;
    const search = byId<HTMLInputElement>(el, COUNTRY_IDS.search)!;
    search.value = 'السعود';
    search.dispatchEvent(new InputEvent('input'));
    await el.updateComplete;
    expect(byId<HTMLSelectElement>(el, COUNTRY_IDS.list)!.options[0].value).to.equal('SA');
    search.value = '+٩٦٦';
    search.dispatchEvent(new InputEvent('input'));
    await el.updateComplete;
    expect([...byId<HTMLSelectElement>(el, COUNTRY_IDS.list)!.options].map((o) => o.value)).to.deep.equal(['SA']);
    await aTimeout(0);
  });

  it('ignores a country code the library does not know', async () => {
    const el = await fixture<PickerHost>(
      html`<country-picker-test-host default-country="XX"></country-picker-test-host>`,
    );
    expect(el.picker.country).to.equal('EG');
    el.picker.choose('ZZ');
    expect(el.picker.country).to.equal('EG');
  });

  it('offers only the given countries: exactly those in the list, no picker for one', async () => {
    const el = await fixture<PickerHost>(html`<country-picker-test-host></country-picker-test-host>`);
    el.offered = ['EG', 'SA'];
    el.requestUpdate();
    await el.updateComplete;
    byId(el, COUNTRY_IDS.toggle)!.click();
    await el.updateComplete;
    const list = byId<HTMLSelectElement>(el, COUNTRY_IDS.list)!;
    expect([...list.options].map((o) => o.value).sort()).to.deep.equal(['EG', 'SA']);
    el.picker.choose('FR');
    expect(el.picker.country, 'a country not offered cannot be chosen').to.equal('EG');
    await typeKeys('fra');
    await el.updateComplete;
    expect(byId(el, COUNTRY_IDS.list)!.tagName, 'no match outside the list').to.equal('P');
    el.offered = ['SA'];
    el.requestUpdate();
    await el.updateComplete;
    expect(byId(el, COUNTRY_IDS.toggle), 'one country: nothing to pick').to.equal(null);
    expect(byId(el, COUNTRY_IDS.panel)).to.equal(null);
    expect(el.picker.country, 'the default country is not offered: the first offered').to.equal('SA');
    await expect(el).to.be.accessible();
  });
});
