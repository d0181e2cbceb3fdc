/** Calls and the element's life: double clicks, reset() and detaching abort, moving keeps, widgets stay apart. */
import { expect, fixture, html, aTimeout } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import type { VlensRegister } from '../../src/register/vlens-register.component.js';
import {
  ENDPOINT,
  enterCodeFor,
  enterPhone,
  errorText,
  field,
  freshStandIn,
  mount,
  part,
  query,
  record,
  standIn,
  submitButton,
  type,
  uniquePhone,
  waitForStep,
  unavailable,
} from './helpers.js';

const SEND = 'Register/StepVerifyPhone';
const CHECK = 'CheckExistenceOfEmailOrPhone';

async function callsOf(path: string): Promise<number> {
  return (await standIn.calls())[path] ?? 0;
}

describe('vlens-register: calls and life cycle', () => {
  beforeEach(freshStandIn);

  it('passes an accessibility audit while a call is in flight', async () => {
    await standIn.fault({ kind: 'delay', ms: 500 }, { path: CHECK, times: 1 });
    const el = await mount();
    type(el, '#phone', await uniquePhone());
    submitButton(el).click();
    await el.updateComplete;
    expect(unavailable(submitButton(el))).to.equal(true);
    expect(part(el, 'form').getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    await waitForStep(el, 'phone-code');
  });

  it('double clicks send one request', async () => {
    const el = await mount();
    const [checks, sends] = [await callsOf(CHECK), await callsOf(SEND)];
    type(el, '#phone', await uniquePhone());
    const button = submitButton(el);
    button.click();
    button.click();
    part<HTMLFormElement>(el, 'form').requestSubmit();
    await waitForStep(el, 'phone-code');
    await aTimeout(200);
    expect(await callsOf(CHECK)).to.equal(checks + 1);
    expect(await callsOf(SEND)).to.equal(sends + 1);
  });

  it('a pasted code with spaces and Arabic-Indic digits submits once, by itself', async () => {
    const el = await mount();
    const phone = await uniquePhone();
    await enterPhone(el, phone);
    const code = (await standIn.lastCode(phone))!;
    const arabic = [...code].map((d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]).join('');
    const verifies = await callsOf(SEND);
    type(el, '#code', `\u200f${arabic.slice(0, 3)} ${arabic.slice(3)}`);
    expect(part<HTMLInputElement>(el, '#code').value, 'as typed').to.equal(
      `\u200f${arabic.slice(0, 3)} ${arabic.slice(3)}`,
    );
    await waitForStep(el, 'finish');
    expect(await callsOf(SEND)).to.equal(verifies + 1);
  });

  it('reset() during a call aborts it: nothing fires and no SMS is sent', async () => {
    await standIn.fault({ kind: 'delay', ms: 800 }, { path: CHECK, times: 1 });
    const el = await mount();
    const events = [
      ...['vlens-error', 'vlens-step-change', 'vlens-registered'].map((t) => record(el, t as 'vlens-error')),
    ];
    const sends = await callsOf(SEND);
    type(el, '#phone', await uniquePhone());
    submitButton(el).click();
    await el.updateComplete;
    expect(query(el, '[slot="status"][data-tone="progress"]')).to.not.equal(null);
    el.reset();
    await el.updateComplete;
    expect(unavailable(submitButton(el)), 'the widget is usable at once').to.equal(false);
    expect(query(el, '[slot="status"][data-tone="progress"]')).to.equal(null);
    await aTimeout(1200);
    expect(events.flat()).to.deep.equal([]);
    expect(el.step).to.equal('phone');
    expect(errorText(el)).to.equal('');
    expect(await callsOf(SEND)).to.equal(sends);
  });

  it('detaching mid-flow aborts the call and fires nothing after', async () => {
    await standIn.fault({ kind: 'delay', ms: 800 }, { path: CHECK, times: 1 });
    const el = await mount();
    const seen: string[] = [];
    for (const t of ['vlens-error', 'vlens-step-change', 'vlens-registered']) {
      el.addEventListener(t, () => seen.push(t));
      document.addEventListener(t, () => seen.push(`document:${t}`));
    }
    const sends = await callsOf(SEND);
    type(el, '#phone', await uniquePhone());
    submitButton(el).click();
    await el.updateComplete;
    el.remove();
    await aTimeout(1200);
    expect(seen).to.deep.equal([]);
    expect(await callsOf(SEND)).to.equal(sends);
  });

  it('moving the element in the same task does not abort the flow', async () => {
    await standIn.fault({ kind: 'delay', ms: 300 }, { path: CHECK, times: 1 });
    const wrapper = await fixture<HTMLDivElement>(
      html`<div><section id="a"><vlens-register endpoint=${ENDPOINT}></vlens-register></section><section id="b"></section></div>`,
    );
    const el = wrapper.querySelector<VlensRegister>('vlens-register')!;
    type(el, '#phone', await uniquePhone());
    submitButton(el).click();
    await el.updateComplete;
    wrapper.querySelector('#b')!.append(el);
    await waitForStep(el, 'phone-code');
  });

  it('two widgets on one page do not share state', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <vlens-register id="one" endpoint=${ENDPOINT}></vlens-register>
      <vlens-register id="two" endpoint=${ENDPOINT} lang="ar"></vlens-register>
    </div>`);
    const one = wrapper.querySelector<VlensRegister>('#one')!;
    const two = wrapper.querySelector<VlensRegister>('#two')!;
    const oneSteps = record(one, 'vlens-step-change');
    const twoSteps = record(two, 'vlens-step-change');
    const [p1, p2] = [await uniquePhone(), await uniquePhone()];

    await enterPhone(one, p1);
    expect(two.step).to.equal('phone');
    expect(field(two).value).to.equal('');
    expect(twoSteps).to.deep.equal([]);

    await enterPhone(two, p2);
    expect(part(one, '[slot="field-hint"]').textContent).to.contain(p1);
    expect(part(two, '[slot="field-hint"]').textContent).to.contain(p2);
    expect(part(two, '[part~="heading"]').textContent).to.equal('أدخل الرمز الذي أرسلناه');
    expect(part(one, '[part~="heading"]').textContent).to.equal('Enter the code we sent');

    await enterCodeFor(two, p2);
    await waitForStep(two, 'finish');
    expect(one.step).to.equal('phone-code');
    expect(oneSteps).to.have.length(1);
    two.reset();
    await two.updateComplete;
    expect(one.step).to.equal('phone-code');
  });

  it('a second copy of the definition module does not throw', async () => {
    // Re-evaluate the module under another URL: the guard must skip the define.
    await import(/* @vite-ignore */ `/src/vlens-register.ts?copy=${Date.now()}`);
    expect(customElements.get('vlens-register')).to.be.a('function');
  });
});

describe('vlens-register: strings', () => {
  beforeEach(freshStandIn);

  it('takes its language from the closest ancestor and hosts can replace any string', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="ar-EG"><vlens-register endpoint=${ENDPOINT}></vlens-register></div>`,
    );
    const el = wrapper.querySelector<VlensRegister>('vlens-register')!;
    expect(part(el, '[part~="base"]').getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(part(el, '[part~="heading"]')).direction).to.equal('rtl');
    expect(getComputedStyle(part(el, 'input[data-vlens-fallback]')).direction).to.equal(
      'ltr',
      'numbers stay left-to-right',
    );
    expect(getComputedStyle(field(el)).direction).to.equal('ltr', 'in the light-DOM field too');
    await expect(el).to.be.accessible();
    el.strings = { ar: { phoneHeading: 'سجّل معنا' } };
    await el.updateComplete;
    expect(part(el, '[part~="heading"]').textContent).to.equal('سجّل معنا');
    el.lang = 'en';
    // The language is followed through a MutationObserver (controllers/lang-observer.ts): wait for it.
    await waitUntil(
      () => part(el, '[part~="base"]').getAttribute('dir') === 'ltr',
      'its own lang wins over the ancestor',
    );
    expect(part(el, '[part~="heading"]').textContent).to.equal('Create your account');
  });
});

describe('vlens-register: resume after a reload (opt-in)', () => {
  beforeEach(freshStandIn);

  it('resumes at the code step with the number and request id only, and forgets them once verified', async () => {
    const phone = await uniquePhone();
    const first = await mount(html`<vlens-register id="resumable" endpoint=${ENDPOINT} resume></vlens-register>`);
    await enterPhone(first, phone);
    const key = `vlens-register:resume:${ENDPOINT}:resumable`;
    const saved = JSON.parse(sessionStorage.getItem(key)!);
    expect(Object.keys(saved).sort()).to.deep.equal(['phone', 'requestId', 'savedAt']);
    expect(saved.phone).to.equal(phone);
    first.remove();

    // "After the reload": a new element with the same id and endpoint.
    const second = await mount(html`<vlens-register id="resumable" endpoint=${ENDPOINT} resume></vlens-register>`);
    const steps = record(second, 'vlens-step-change');
    expect(second.step).to.equal('phone-code');
    expect(part(second, '[slot="field-hint"]').textContent).to.contain(phone);
    await enterCodeFor(second, phone);
    await waitForStep(second, 'finish');
    expect(steps).to.deep.equal([{ from: 'phone-code', to: 'finish' }]);
    expect(sessionStorage.getItem(key)).to.equal(null);
  });

  it('does not resume without the attribute', async () => {
    const el = await mount(html`<vlens-register id="plain" endpoint=${ENDPOINT}></vlens-register>`);
    await enterPhone(el, await uniquePhone());
    expect(sessionStorage.getItem(`vlens-register:resume:${ENDPOINT}:plain`)).to.equal(null);
  });
});
