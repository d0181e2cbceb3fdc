/**
 * The component manifest against the rendered DOM: every `part` in the element's shadow root and
 * every slot name it uses (shadow `<slot name>` and its light-DOM `[slot]` children), collected while
 * walking every step through the real proxy and stand-in, is documented in custom-elements.json.
 * No light-DOM child the element makes carries a `part`: `::part()` cannot reach light DOM, so such
 * a name would be a styling hook that does not work.
 */
import { expect, html } from '@open-wc/testing';
import type { VlensRegister } from '../../src/register/vlens-register.component.js';
import { missingFromManifest, type ManifestLike } from '../helpers/manifest-coverage.js';
import {
  ENDPOINT,
  enterCodeFor,
  enterPhone,
  freshStandIn,
  openCountryPicker,
  interact,
  mount,
  part,
  settled,
  standIn,
  submitButton,
  type,
  uniquePhone,
  waitForStep,
} from './helpers.js';

/** Light-DOM children with a `part` attribute, by slot and part (none expected). */
const lightParts = new Set<string>();

function collect(el: VlensRegister, parts: Set<string>, slots: Set<string>): void {
  for (const child of el.querySelectorAll(':scope > [part]'))
    lightParts.add(`${child.getAttribute('slot')}: ${child.getAttribute('part')}`);
  const root = el.shadowRoot!;
  for (const node of root.querySelectorAll('[part]')) {
    for (const name of node.getAttribute('part')!.split(/\s+/).filter(Boolean)) parts.add(name);
  }
  for (const slot of root.querySelectorAll('slot[name]')) slots.add(slot.getAttribute('name')!);
  for (const child of el.querySelectorAll(':scope > [slot]')) slots.add(child.getAttribute('slot')!);
}

describe('custom-elements.json against the rendered DOM', () => {
  beforeEach(freshStandIn);

  it('documents every part and slot the element renders on the way to an account', async () => {
    const manifest = (await (await fetch('/custom-elements.json')).json()) as ManifestLike;
    await standIn.configure({ emailRequired: true });
    const el = await mount(html`<vlens-register endpoint=${ENDPOINT} password="required">
      <small slot="consent">Terms</small>
    </vlens-register>`);
    const parts = new Set<string>();
    const slots = new Set<string>();
    const phone = await uniquePhone();
    const email = `user${phone.slice(-6)}@example.com`;

    collect(el, parts, slots);
    interact(el);
    await el.updateComplete;
    collect(el, parts, slots);
    await openCountryPicker(el);
    collect(el, parts, slots);
    part<HTMLButtonElement>(el, '[part~="country-done"]').click();
    await el.updateComplete;

    await enterPhone(el, phone);
    collect(el, parts, slots);
    await enterCodeFor(el, phone);
    await waitForStep(el, 'email');
    collect(el, parts, slots);
    type(el, '#email', email);
    submitButton(el).click();
    await waitForStep(el, 'email-code');
    collect(el, parts, slots);
    await enterCodeFor(el, email);
    await waitForStep(el, 'finish');
    submitButton(el).click();
    await el.updateComplete;
    collect(el, parts, slots);
    type(el, '#password', 'correct horse battery');
    submitButton(el).click();
    await waitForStep(el, 'done');
    await settled(el);
    collect(el, parts, slots);

    expect(parts.size, 'parts were collected').to.be.greaterThan(10);
    expect(slots, 'the light-DOM slots were collected').to.include.keys('field', 'status', 'consent');
    expect(missingFromManifest(manifest, 'vlens-register', { parts, slots })).to.deep.equal({ parts: [], slots: [] });
    expect([...lightParts], 'no part on light-DOM children (::part() cannot reach them)').to.deep.equal([]);
  });
});
