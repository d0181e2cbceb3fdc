/**
 * Autofill: the contact, code and password fields are light-DOM inputs
 * owned by a light-DOM form, so a password manager that only walks the
 * page's document (not shadow roots) finds them, with the right
 * `autocomplete` tokens, a username beside the new password, and a form
 * `submit` event when the person moves on. Plus WebOTP wired to the SMS code step.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import { sendKeys } from '@web/test-runner-commands';
import type { VlensRegister } from '../../src/register/vlens-register.component.js';
import {
  ENDPOINT,
  field,
  freshStandIn,
  interact,
  mount,
  standIn,
  submitButton,
  type,
  typeKeys,
  uniquePhone,
  waitForStep,
} from './helpers.js';

/** What a document-only password manager sees: inputs found from `document`, outside every shadow root. */
function documentInputs(): HTMLInputElement[] {
  return [...document.querySelectorAll<HTMLInputElement>('vlens-register input')];
}

describe('vlens-register: autofill structure', () => {
  beforeEach(freshStandIn);

  it('puts the phone field in the page’s DOM, in a form the element owns, labelled there', async () => {
    const el = await mount();
    interact(el);
    const [phone] = documentInputs();
    expect(phone, 'document.querySelectorAll finds the phone field').to.exist;
    expect(phone.getRootNode()).to.equal(document);
    expect(phone.parentElement).to.equal(el);
    expect(phone.getAttribute('autocomplete')).to.equal('tel');
    expect(phone.type).to.equal('tel');
    expect(phone.form, 'the field belongs to a form').to.be.instanceOf(HTMLFormElement);
    expect(phone.form!.parentElement).to.equal(el, 'the form is the element’s own light child');
    expect(phone.labels?.[0]?.textContent).to.equal('Mobile number');
    expect(phone.assignedSlot?.getRootNode()).to.equal(el.shadowRoot, 'shown through the element’s slot');
  });

  it('fires a submit on its light form for every step, whether by button or Enter', async () => {
    const el = await mount();
    const form = field(el).form!;
    const submits: string[] = [];
    form.addEventListener(
      'submit',
      (e) => submits.push(new FormData(e.target as HTMLFormElement).get('phone') as string),
      { capture: true },
    );
    const phone = await uniquePhone();
    field(el).focus();
    await typeKeys(phone);
    await sendKeys({ press: 'Enter' });
    await waitForStep(el, 'phone-code');
    expect(submits).to.deep.equal([phone]);
    expect(field(el).form).to.equal(form, 'the same form carries the code');
  });

  it('offers email, code and a new password with its username to the page', async () => {
    const el = await mount(
      html`<vlens-register endpoint=${ENDPOINT} email-step="required" password="required"></vlens-register>`,
    );
    const phone = await uniquePhone();
    const email = `${phone.slice(1)}@example.com`;
    type(el, '#phone', phone);
    submitButton(el).click();
    await waitForStep(el, 'phone-code');
    expect(documentInputs().map((i) => i.getAttribute('autocomplete'))).to.deep.equal(['one-time-code']);
    expect(field(el).inputMode).to.equal('numeric');
    type(el, '#code', (await standIn.lastCode(phone))!);
    await waitForStep(el, 'email');
    expect(documentInputs().map((i) => [i.type, i.getAttribute('autocomplete')])).to.deep.equal([['email', 'email']]);
    type(el, '#email', email);
    submitButton(el).click();
    await waitForStep(el, 'email-code');
    type(el, '#code', (await standIn.lastCode(email))!);
    await waitForStep(el, 'finish');
    const inputs = documentInputs();
    expect(inputs.map((i) => [i.name, i.getAttribute('autocomplete')])).to.deep.equal([
      ['username', 'username'],
      ['password', 'new-password'],
    ]);
    const [username, password] = inputs as [HTMLInputElement, HTMLInputElement];
    expect(username.value).to.equal(email, 'the account name the manager saves with the password');
    expect(username.form).to.equal(password.form);
    expect(password.labels?.[0]?.textContent).to.equal('Password');
    const saved: Array<[string, string]> = [];
    password.form!.addEventListener('submit', (e) => {
      const data = new FormData(e.target as HTMLFormElement);
      saved.push([data.get('username') as string, data.get('password') as string]);
    });
    type(el, '#password', 'correct horse battery');
    submitButton(el).click();
    await waitForStep(el, 'done');
    expect(saved).to.deep.equal([[email, 'correct horse battery']]);
    expect(documentInputs(), 'the fields leave the page with the step').to.deep.equal([]);
  });

  it('keeps two widgets’ light-DOM ids apart', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <vlens-register endpoint=${ENDPOINT}></vlens-register><vlens-register endpoint=${ENDPOINT}></vlens-register>
    </div>`);
    const [one, two] = [...wrapper.querySelectorAll<VlensRegister>('vlens-register')] as [VlensRegister, VlensRegister];
    await one.updateComplete;
    await two.updateComplete;
    expect(field(one).id).not.to.equal(field(two).id);
    expect(field(one).form).not.to.equal(field(two).form);
    expect(field(one).labels?.[0]?.parentElement).to.equal(one);
  });

  it('leaves the host’s own children (the consent slot) alone', async () => {
    const el = await mount(
      html`<vlens-register endpoint=${ENDPOINT}><p slot="consent" id="terms">Terms</p></vlens-register>`,
    );
    expect(el.querySelector('#terms')).to.exist;
    el.requestUpdate();
    await el.updateComplete;
    expect(el.querySelector('#terms')!.getAttribute('slot')).to.equal('consent');
  });
});

describe('vlens-register: WebOTP on the SMS code step', () => {
  beforeEach(freshStandIn);

  /** The browser's WebOTP answer, given by the test: a real SMS ending in `@host #code` cannot arrive here. */
  function fakeWebOtp() {
    const requests: Array<{ signal: AbortSignal; resolve(value: unknown): void }> = [];
    // WebKitGTK has no Credential Management API at all: lend it an empty container.
    const hadContainer = Boolean(navigator.credentials);
    if (!hadContainer) Object.defineProperty(navigator, 'credentials', { configurable: true, value: {} });
    const container = navigator.credentials as unknown as { get: unknown };
    const had = 'OTPCredential' in window;
    const ownGet = Object.getOwnPropertyDescriptor(container, 'get');
    Object.defineProperty(container, 'get', {
      configurable: true,
      value: (options: { otp?: unknown; signal: AbortSignal }) =>
        new Promise((resolve, reject) => {
          requests.push({ signal: options.signal, resolve });
          options.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    });
    if (!had) Object.defineProperty(window, 'OTPCredential', { configurable: true, value: class {} });
    return {
      requests,
      restore() {
        if (ownGet) Object.defineProperty(container, 'get', ownGet);
        else delete (container as { get?: unknown }).get;
        if (!had) delete (window as { OTPCredential?: unknown }).OTPCredential;
        if (!hadContainer) delete (navigator as { credentials?: unknown }).credentials;
      },
    };
  }

  it('fills and submits the code the browser read, and aborts when the step ends', async () => {
    const otp = fakeWebOtp();
    try {
      const el = await mount();
      expect(otp.requests, 'nothing asked on the phone step').to.have.length(0);
      const phone = await uniquePhone();
      type(el, '#phone', phone);
      submitButton(el).click();
      await waitForStep(el, 'phone-code');
      await waitUntil(() => otp.requests.length === 1, 'WebOTP is asked once on the code step');
      otp.requests[0].resolve({ type: 'otp', code: (await standIn.lastCode(phone))! });
      await waitForStep(el, 'finish');
      expect(otp.requests).to.have.length(1);
    } finally {
      otp.restore();
    }
  });

  it('aborts the request when the person goes back to change the number', async () => {
    const otp = fakeWebOtp();
    try {
      const el = await mount();
      type(el, '#phone', await uniquePhone());
      submitButton(el).click();
      await waitForStep(el, 'phone-code');
      await waitUntil(() => otp.requests.length === 1, 'WebOTP is asked');
      el.shadowRoot!.querySelector<HTMLButtonElement>('button[part~="back"]')!.click();
      await waitForStep(el, 'phone');
      expect(otp.requests[0].signal.aborted).to.equal(true);
    } finally {
      otp.restore();
    }
  });
});
