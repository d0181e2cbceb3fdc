/**
 * Hosts that own the element's children and hydrate it: the element creates
 * no light-DOM children until a person interacts with it (or the flow moves
 * on), then only its own, marked ones; it removes marked copies another
 * instance made and leaves everything else alone.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import { sendMouse } from '@web/test-runner-commands';
import type { VlensRegister } from '../../src/register/vlens-register.component.js';
import { resumeKey, saveResumePoint } from '../../src/register/resume.js';
import { en } from '../../src/i18n/en.js';
import {
  ENDPOINT,
  enterPhone,
  errorText,
  field,
  freshStandIn,
  interact,
  mount,
  record,
  typeKeys,
  uniquePhone,
  waitForStep,
} from './helpers.js';

const OWNER = 'data-vlens-owner';

function fallbackOf(el: VlensRegister): HTMLInputElement {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[data-vlens-fallback]');
  if (!input) throw new Error('no fallback field');
  return input;
}

const owned = (el: Element) => [...el.children].filter((child) => child.hasAttribute(OWNER));
const ownerOf = (el: VlensRegister) => owned(el)[0]?.getAttribute(OWNER);

/** The field's centre, in viewport pixels, for a real mouse click. */
function centre(element: Element): [number, number] {
  const box = element.getBoundingClientRect();
  return [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)];
}

describe('vlens-register: light-DOM children only after an interaction', () => {
  beforeEach(freshStandIn);

  it('has no light-DOM children before an interaction; the shadow shows a labelled field prefilled from `phone`', async () => {
    const el = await mount(html`<vlens-register endpoint=${ENDPOINT} phone="01001234567"></vlens-register>`);
    expect(el.children.length).to.equal(0);
    const fallback = fallbackOf(el);
    expect(fallback.value).to.equal('01001234567');
    expect([...fallback.labels!].map((label) => label.textContent)).to.deep.equal([en.phoneLabel]);
    expect(fallback.autocomplete).to.equal('tel');
    expect(fallback.getBoundingClientRect().height, 'the fallback is shown').to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });

  it('a click on the field makes the light field, which takes the focus, and typing goes on there', async () => {
    const el = await mount();
    const fallback = fallbackOf(el);
    await sendMouse({ type: 'click', position: centre(fallback) });
    const light = el.querySelector<HTMLInputElement>(':scope > input[slot="field"]');
    expect(light, 'made at the first press').to.exist;
    expect(document.activeElement === light, 'the light input has the focus').to.equal(true);
    await typeKeys('0100');
    expect(light!.value).to.equal('0100');
    expect(fallback.getBoundingClientRect().height, 'the fallback is no longer shown').to.equal(0);
    await sendMouse({ type: 'move', position: [0, 0] });
  });

  it('a value already in the fallback moves over with its caret and the focus', async () => {
    const el = await mount();
    const fallback = fallbackOf(el);
    fallback.value = '0100123';
    fallback.setSelectionRange(4, 4);
    fallback.focus();
    const light = field(el);
    expect(document.activeElement === light, 'the light input has the focus').to.equal(true);
    expect(light.value).to.equal('0100123');
    expect([light.selectionStart, light.selectionEnd]).to.deep.equal([4, 4]);
    await typeKeys('9');
    expect(light.value).to.equal('01009123');
  });

  it('a press elsewhere in the element (its button) makes them too, once', async () => {
    const el = await mount();
    const toggle = el.shadowRoot!.querySelector<HTMLButtonElement>('button[part~="submit"]')!;
    toggle.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    expect(owned(el).length).to.equal(5, 'form, label, input, hint, status');
    toggle.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    el.requestUpdate();
    await el.updateComplete;
    expect(owned(el).length).to.equal(5);
  });

  it('a flow past its first step makes them without an interaction (resume after a reload)', async () => {
    saveResumePoint(resumeKey(ENDPOINT, 'resumed'), {
      phone: '+201001234567',
      requestId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
    });
    const el = await mount(html`<vlens-register id="resumed" endpoint=${ENDPOINT} resume></vlens-register>`);
    await waitUntil(() => el.step === 'phone-code', 'restored once the resume module is in');
    await el.updateComplete;
    expect(el.querySelector(':scope > input[slot="field"]')!.getAttribute('autocomplete')).to.equal('one-time-code');
    el.reset();
    sessionStorage.clear();
  });
});

describe('vlens-register: its own children only', () => {
  beforeEach(freshStandIn);

  it('removes marked copies another instance made (a template copying innerHTML), keeps the host’s own children', async () => {
    const first = await mount();
    interact(first);
    const copied = first.innerHTML;
    const firstOwner = ownerOf(first);
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    // What Vue does with an in-DOM template: the first element's light DOM becomes static children of a new one.
    wrapper.innerHTML = `<vlens-register endpoint="${ENDPOINT}">${copied}<p slot="consent" id="terms">Terms</p></vlens-register>`;
    const second = wrapper.querySelector<VlensRegister>('vlens-register')!;
    expect(owned(second), 'removed when it connects').to.deep.equal([]);
    expect(second.querySelector('#terms')!.parentElement).to.equal(second);
    await second.updateComplete;
    interact(second);
    const own = owned(second);
    expect(own.length).to.equal(5);
    expect(own.every((node) => node.getAttribute(OWNER) !== firstOwner)).to.equal(true);
    expect(second.querySelector('#terms')!.parentElement, 'the host’s child stays').to.equal(second);

    // A stale copy that arrives later goes at the next render.
    second.insertAdjacentHTML('afterbegin', copied);
    second.requestUpdate();
    await second.updateComplete;
    expect(owned(second)).to.deep.equal(own);
    const ids = [...document.querySelectorAll('[id^="vlens-"]')].map((node) => node.id);
    expect(new Set(ids).size).to.equal(ids.length, 'ids are unique in the page');
  });

  it('never duplicates its own nodes across re-renders and moves, and puts back one a host removed', async () => {
    const el = await mount(
      html`<vlens-register endpoint=${ENDPOINT}><p slot="consent" id="terms">Terms</p></vlens-register>`,
    );
    interact(el);
    const own = owned(el);
    const elsewhere = await fixture<HTMLDivElement>(html`<div></div>`);
    elsewhere.append(el);
    el.requestUpdate();
    await el.updateComplete;
    expect(owned(el)).to.deep.equal(own);
    const status = own.find((node) => node.getAttribute('slot') === 'status')!;
    status.remove();
    el.requestUpdate();
    await el.updateComplete;
    expect(owned(el)).to.deep.equal(own, 'the same nodes, in order');
    expect(el.querySelector('#terms')!.parentElement).to.equal(el);
    await enterPhone(el, await uniquePhone());
    expect(el.querySelectorAll(':scope > input[slot="field"]').length).to.equal(1);
    expect(el.querySelectorAll(':scope > form').length).to.equal(1);
  });

  it('adopts nothing it did not make: an unmarked input with its slot name stays, and is not the step’s field', async () => {
    const el = await mount(
      html`<vlens-register endpoint=${ENDPOINT}><input slot="extra" id="host-input" /></vlens-register>`,
    );
    interact(el);
    expect(el.querySelector('#host-input')!.parentElement).to.equal(el);
    expect(field(el).id).to.match(/^vlens-\d+-phone$/);
  });
});

describe('vlens-register: hosts that bind late', () => {
  beforeEach(freshStandIn);

  it('an endpoint set after the first render gives no vlens-error and no "not set up"', async () => {
    const errors: unknown[] = [];
    const listener = (event: Event) => errors.push((event as CustomEvent).detail);
    document.addEventListener('vlens-error', listener);
    try {
      const el = await mount(html`<vlens-register></vlens-register>`);
      await el.updateComplete;
      expect(errorText(el)).to.equal('');
      el.endpoint = ENDPOINT;
      await el.updateComplete;
      const steps = record(el, 'vlens-step-change');
      await enterPhone(el, await uniquePhone());
      expect(steps).to.deep.equal([{ from: 'phone', to: 'phone-code' }]);
      expect(errors).to.deep.equal([]);
    } finally {
      document.removeEventListener('vlens-error', listener);
    }
  });

  it('setting `step` is ignored without throwing; the attribute still reflects the real step', async () => {
    const el = await mount();
    expect(() => ((el as unknown as { step: string }).step = 'done')).not.to.throw();
    await el.updateComplete;
    expect(el.step).to.equal('phone');
    interact(el);
    await el.updateComplete;
    expect(el.getAttribute('step')).to.equal('phone');
    await enterPhone(el, await uniquePhone());
    await waitForStep(el, 'phone-code');
    expect(el.getAttribute('step')).to.equal('phone-code');
  });
});

describe('vlens-register: the fallback is typed into like the field', () => {
  beforeEach(freshStandIn);

  it('a number typed after the first focus is submitted', async () => {
    const el = await mount();
    fallbackOf(el).focus();
    await typeKeys((await uniquePhone()).replace('+20', '0'));
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[part~="submit"]')!.click();
    await waitUntil(() => el.step === 'phone-code', 'the code step');
  });
});
