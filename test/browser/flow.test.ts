/** The whole registration, in Chromium, through the real proxy and the stand-in. */
import { expect, html } from '@open-wc/testing';
import {
  ENDPOINT,
  enterCodeFor,
  enterPhone,
  field,
  freshStandIn,
  interact,
  mount,
  part,
  query,
  record,
  standIn,
  submitButton,
  type,
  uniquePhone,
  waitForStep,
  withGeolocation,
  cairo,
  refused,
} from './helpers.js';

describe('vlens-register: the whole flow', () => {
  beforeEach(freshStandIn);

  it('starts on the phone step and reflects it (its audit: a11y-audit.test.ts)', async () => {
    const el = await mount();
    expect(el.step).to.equal('phone');
    expect(el.hasAttribute('step'), 'nothing written onto the tag before the first interaction').to.equal(false);
    interact(el);
    await el.updateComplete;
    expect(el.getAttribute('step')).to.equal('phone');
  });

  it('registers without the email step: phone → phone-code → finish → done', async () => {
    const el = await mount();
    const steps = record(el, 'vlens-step-change');
    const registered = record(el, 'vlens-registered');
    const errors = record(el, 'vlens-error');
    const phone = await uniquePhone();

    // Typed the Egyptian way: national 0, spaces, Arabic-Indic digits.
    type(
      el,
      '#phone',
      `0${phone.slice(3, 6)} ${phone.slice(6, 9)} ${'٠١٢٣٤٥٦٧٨٩'[Number(phone[9])]}${phone.slice(10)}`,
    );
    submitButton(el).click();
    await waitForStep(el, 'phone-code');
    expect(el.getAttribute('step')).to.equal('phone-code');
    expect(el.shadowRoot!.activeElement?.id).to.equal('heading', 'the heading takes focus');
    await expect(el).to.be.accessible();

    await enterCodeFor(el, phone);
    await waitForStep(el, 'finish');
    await expect(el).to.be.accessible();
    submitButton(el).click();
    await waitForStep(el, 'done');

    expect(steps).to.deep.equal([
      { from: 'phone', to: 'phone-code' },
      { from: 'phone-code', to: 'finish' },
      { from: 'finish', to: 'done' },
    ]);
    expect(errors).to.deep.equal([]);
    expect(registered).to.have.length(1);
    expect(registered[0].accessToken).to.be.a('string').and.not.empty;
    expect(registered[0].user?.phoneNumber).to.equal(phone);
    // The token is not kept anywhere the page could leak it.
    expect(JSON.stringify({ ...sessionStorage })).not.to.contain(registered[0].accessToken);
    expect(JSON.stringify({ ...localStorage })).not.to.contain(registered[0].accessToken);
    expect(location.href).not.to.contain(registered[0].accessToken);
  });

  it('registers with the email step when the server requires it (email-step="auto")', async () => {
    await standIn.configure({ emailRequired: true });
    const el = await mount(html`<vlens-register endpoint=${ENDPOINT} password="required"></vlens-register>`);
    const steps = record(el, 'vlens-step-change');
    const registered = record(el, 'vlens-registered');
    const phone = await uniquePhone();
    const email = `user${phone.slice(-6)}@example.com`;

    await enterPhone(el, phone);
    await enterCodeFor(el, phone);
    await waitForStep(el, 'email');
    await expect(el).to.be.accessible();
    expect(query(el, 'button[part~="skip"]'), 'a required email cannot be skipped').to.equal(null);

    type(el, '#email', email);
    submitButton(el).click();
    await waitForStep(el, 'email-code');
    await enterCodeFor(el, email);
    await waitForStep(el, 'finish');

    const password = part<HTMLInputElement>(el, '#password');
    expect(password.getAttribute('autocomplete')).to.equal('new-password');
    submitButton(el).click();
    await el.updateComplete;
    expect(part(el, '#password').getAttribute('aria-invalid'), 'a required password is asked for').to.equal('true');
    type(el, '#password', 'correct horse battery');
    submitButton(el).click();
    await waitForStep(el, 'done');

    expect(steps.map((s) => s.to)).to.deep.equal(['phone-code', 'email', 'email-code', 'finish', 'done']);
    expect(registered[0].user?.emailAddress).to.equal(email);
  });

  it('skips an optional email and can go back from the code to correct the number', async () => {
    const el = await mount(html`<vlens-register endpoint=${ENDPOINT} email-step="optional"></vlens-register>`);
    const first = await uniquePhone();
    const second = await uniquePhone();

    await enterPhone(el, first);
    part<HTMLButtonElement>(el, 'button[part~="back"]').click();
    await waitForStep(el, 'phone');
    expect(part<HTMLInputElement>(el, '#phone').value, 'the number is kept for correction').to.equal(first);
    await enterPhone(el, second);
    await enterCodeFor(el, second);
    await waitForStep(el, 'email');
    part<HTMLButtonElement>(el, 'button[part~="skip"]').click();
    await waitForStep(el, 'finish');
    const registered = record(el, 'vlens-registered');
    submitButton(el).click();
    await waitForStep(el, 'done');
    expect(registered[0].user?.phoneNumber).to.equal(second);
  });

  it('goes back from the email code to correct the address', async () => {
    const el = await mount(html`<vlens-register endpoint=${ENDPOINT} email-step="required"></vlens-register>`);
    const phone = await uniquePhone();
    await enterPhone(el, phone);
    await enterCodeFor(el, phone);
    await waitForStep(el, 'email');
    type(el, '#email', `typo${phone.slice(-6)}@example.con`);
    submitButton(el).click();
    await waitForStep(el, 'email-code');
    part<HTMLButtonElement>(el, 'button[part~="back"]').click();
    await waitForStep(el, 'email');
    expect(el.shadowRoot!.activeElement?.id).to.equal('heading');
    const fixed = `fixed${phone.slice(-6)}@example.com`;
    type(el, '#email', fixed);
    submitButton(el).click();
    await waitForStep(el, 'email-code');
    await enterCodeFor(el, fixed);
    await waitForStep(el, 'finish');
    const registered = record(el, 'vlens-registered');
    submitButton(el).click();
    await waitForStep(el, 'done');
    expect(registered[0].user?.emailAddress).to.equal(fixed);
  });

  it('a refused geolocation is not an error (collect-geolocation)', async () => {
    const el = await mount(html`<vlens-register endpoint=${ENDPOINT} collect-geolocation></vlens-register>`);
    const errors = record(el, 'vlens-error');
    const phone = await uniquePhone();
    await enterPhone(el, phone);
    await enterCodeFor(el, phone);
    await waitForStep(el, 'finish');
    await withGeolocation(refused, async () => {
      submitButton(el).click();
      await waitForStep(el, 'done');
    });
    expect(errors).to.deep.equal([]);
    expect((await standIn.lastRequest<{ geoLocation?: string }>('Register'))?.geoLocation ?? null).to.equal(null);
  });

  it('sends the chosen SMS provider, and a granted position as geoLocation', async () => {
    const el = await mount(
      html`<vlens-register endpoint=${ENDPOINT} sms-provider="3" collect-geolocation></vlens-register>`,
    );
    // Answer as a browser whose user allowed it (headless engines have no position to give).
    await withGeolocation(cairo, async () => {
      const phone = await uniquePhone();
      await enterPhone(el, phone);
      expect(await standIn.lastRequest('Register/StepVerifyPhone')).to.deep.equal({
        phoneNumber: phone,
        smsProviders: 3,
      });
      await enterCodeFor(el, phone);
      await waitForStep(el, 'finish');
      submitButton(el).click();
      await waitForStep(el, 'done');
      const register = await standIn.lastRequest<{ phoneNumber: string; geoLocation?: string }>('Register');
      expect(register?.phoneNumber).to.equal(phone);
      expect(register?.geoLocation).to.match(/^30\.04\d*,\s?31\.23\d*/);
    });
  });

  it('prefills phone and email from attributes', async () => {
    const phone = await uniquePhone();
    const el = await mount(
      html`<vlens-register endpoint=${ENDPOINT} phone=${phone} email="pre@example.com" email-step="required"></vlens-register>`,
    );
    expect(part<HTMLInputElement>(el, 'input[data-vlens-fallback]').value, 'shown before any interaction').to.equal(
      phone,
    );
    expect(field(el).value, 'and kept by the light-DOM field').to.equal(phone);
    submitButton(el).click();
    await waitForStep(el, 'phone-code');
    await enterCodeFor(el, phone);
    await waitForStep(el, 'email');
    expect(part<HTMLInputElement>(el, '#email').value).to.equal('pre@example.com');
  });

  it('reset() returns to a clean first step', async () => {
    const el = await mount();
    await enterPhone(el, await uniquePhone());
    el.reset();
    await el.updateComplete;
    expect(el.step).to.equal('phone');
    expect(el.getAttribute('step')).to.equal('phone');
    expect(part<HTMLInputElement>(el, '#phone').value).to.equal('');
  });
});
