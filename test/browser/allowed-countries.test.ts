/**
 * One source of allowed countries: the widget offers what the proxy's `GET {mount}/config` lists
 * (through real proxies that differ only in `allowedCountries`), narrowed by `allowed-countries`,
 * which is used alone when the proxy's configuration cannot be read.
 */
import { expect, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import type { VlensRegister } from '../../src/register/vlens-register.component.js';
import { en } from '../../src/i18n/en.js';
import { isWorldPhoneMetadataLoaded } from '../../src/phone/metadata-store.js';
import {
  closedPortEndpoint,
  countryToggle,
  enterPhone,
  errorText,
  mount,
  openCountryPicker,
  part,
  query,
  record,
  standIn,
  submitButton,
  type,
  uniquePhone,
} from './helpers.js';

const EG_ONLY = '/api/vlens-eg';
const EG_SA = '/api/vlens-eg-sa';

const countryName = (el: VlensRegister) => part(el, '[part~="country-name"]').textContent ?? '';

const toggle = (el: VlensRegister) => query<HTMLButtonElement>(el, '[part~="country-toggle"]');

async function offeredInPicker(el: VlensRegister): Promise<string[]> {
  await openCountryPicker(el);
  return [...part<HTMLSelectElement>(el, '[part~="country-list"]').options].map((option) => option.value).sort();
}

describe('vlens-register: the countries the proxy allows', () => {
  it('with the proxy allowing only Egypt: no picker, and a number from elsewhere is refused before any call', async () => {
    // Until the configuration answers, the default country alone (Saudi Arabia here); then Egypt, the only one allowed.
    const el = await mount(html`<vlens-register endpoint=${EG_ONLY} default-country="SA"></vlens-register>`);
    await waitUntil(() => countryName(el).includes('+20'), 'the proxy’s list replaces the default country');
    expect(toggle(el), 'nothing to pick').to.equal(null);
    const errors = record(el, 'vlens-error');
    const before = await standIn.calls();
    type(el, '#phone', '+966 50 123 4567');
    submitButton(el).click();
    await waitUntil(() => errorText(el) === en.errorPhoneCountry, 'the country is refused here');
    expect(await standIn.calls()).to.deep.equal(before);
    expect(errors).to.deep.equal([]);
    expect(isWorldPhoneMetadataLoaded(), 'no other country’s metadata was loaded for it').to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('with ["EG","SA"] it offers exactly those', async () => {
    const el = await mount(html`<vlens-register endpoint=${EG_SA}></vlens-register>`);
    expect(await offeredInPicker(el)).to.deep.equal(['EG', 'SA']);
    await expect(el).to.be.accessible();
  });

  it('allowed-countries narrows the proxy’s list (never widens it)', async () => {
    // Until the configuration answers, the first of the host's list (France); then what both allow.
    const el = await mount(html`<vlens-register endpoint=${EG_SA} allowed-countries="FR SA"></vlens-register>`);
    await waitUntil(() => countryName(el).includes('+966'), 'only Saudi Arabia is in both lists');
    expect(toggle(el)).to.equal(null);
  });

  it('allowed-countries alone when the proxy’s configuration cannot be read', async () => {
    const endpoint = await closedPortEndpoint();
    const el = await mount(html`<vlens-register endpoint=${endpoint} allowed-countries="eg, sa"></vlens-register>`);
    expect(await offeredInPicker(el)).to.deep.equal(['EG', 'SA']);
  });

  it('waits the resend interval the proxy enforces, unless resend-after is set', async () => {
    const phone = await uniquePhone();
    const el = await mount(html`<vlens-register endpoint=${EG_SA}></vlens-register>`);
    await countryToggle(el);
    await enterPhone(el, phone);
    expect(part(el, 'button[part~="resend"]').textContent).to.match(/in 4[12] s/);
    const own = await mount(html`<vlens-register endpoint=${EG_SA} resend-after="7"></vlens-register>`);
    await countryToggle(own);
    await enterPhone(own, await uniquePhone());
    expect(part(own, 'button[part~="resend"]').textContent).to.match(/in [67] s/);
  });
});
