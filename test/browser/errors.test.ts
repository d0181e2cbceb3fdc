/** Failed calls: every kind of failure is shown in place, fired as vlens-error, and can be retried. */
import { expect, html, aTimeout } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import {
  ENDPOINT,
  closedPortEndpoint,
  enterCodeFor,
  enterPhone,
  errorText,
  freshStandIn,
  mount,
  part,
  query,
  record,
  standIn,
  submitButton,
  type,
  uniquePhone,
  wrongCodeFor,
  waitForStep,
  settled,
  unavailable,
} from './helpers.js';

describe('vlens-register: errors', () => {
  beforeEach(freshStandIn);

  it('passes an accessibility audit while showing an error', async () => {
    const el = await mount();
    type(el, '#phone', '12');
    submitButton(el).click();
    await el.updateComplete;
    expect(errorText(el)).to.not.equal('');
    await expect(el).to.be.accessible();
  });

  it('explains an invalid number before any call is made', async () => {
    const el = await mount();
    const before = await standIn.calls();
    const errors = record(el, 'vlens-error');
    type(el, '#phone', '0100 12');
    submitButton(el).click();
    await el.updateComplete;
    const input = part(el, '#phone');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    const status = part(el, '[slot="status"]');
    expect(input.getAttribute('aria-describedby')!.split(' ')).to.include(status.id);
    expect(status.getAttribute('aria-live')).to.equal('polite');
    expect(errorText(el)).to.equal('This number is too short.');
    expect(await standIn.calls()).to.deep.equal(before);
    expect(errors).to.deep.equal([], 'local validation is not a failed call');
  });

  for (const errorStatus of ['4xx', 200] as const) {
    it(`a wrong code (error envelope with HTTP ${errorStatus}) is shown, fired, and the user can retry`, async () => {
      await standIn.configure({ errorStatus });
      const el = await mount();
      const errors = record(el, 'vlens-error');
      const phone = await uniquePhone();
      await enterPhone(el, phone);

      type(el, '#code', await wrongCodeFor(phone));
      await waitUntil(() => errors.length === 1, 'vlens-error fires');
      await settled(el);
      expect(errors[0]).to.include({
        kind: 'api',
        step: 'phone-code',
        error_code: 2001,
        status: errorStatus === 200 ? 200 : 400,
      });
      expect(errors[0].error_message).to.equal('The verification code is wrong.');
      expect(errorText(el), "the widget's own words, never the server's").to.equal(
        'That code is not right. You have 4 tries left.',
      );
      expect(part(el, '#code').getAttribute('aria-invalid')).to.equal('true');
      expect(el.step).to.equal('phone-code');
      await expect(el).to.be.accessible();

      await enterCodeFor(el, phone);
      await waitForStep(el, 'finish');
      expect(errors).to.have.length(1);
    });
  }

  it('host error texts replace the message for a code, per language', async () => {
    const el = await mount(html`<vlens-register endpoint=${ENDPOINT} lang="ar"
      error-texts='[{"errorCode":2001,"errorMessageEn":"Nope","errorMessageAr":"الرمز خطأ"}]'></vlens-register>`);
    const phone = await uniquePhone();
    await enterPhone(el, phone);
    type(el, '#code', await wrongCodeFor(phone));
    await waitUntil(() => errorText(el) !== '', 'the error shows');
    expect(errorText(el)).to.equal('الرمز خطأ');
    expect(part(el, '[part~="base"]').getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(part(el, '#code')).direction).to.equal('ltr', 'codes stay left-to-right');
  });

  it('an expired code can be replaced after the visible countdown', async () => {
    await standIn.configure({ codeTtlMs: 200 });
    const el = await mount(html`<vlens-register endpoint=${ENDPOINT} resend-after="1"></vlens-register>`);
    const errors = record(el, 'vlens-error');
    const phone = await uniquePhone();
    await enterPhone(el, phone);
    const resend = part<HTMLButtonElement>(el, 'button[part~="resend"]');
    expect(unavailable(resend), 'no resend during the cooldown').to.equal(true);
    expect(resend.textContent).to.match(/in 1 s/);

    await aTimeout(300);
    await enterCodeFor(el, phone);
    await waitUntil(() => errors.length === 1, 'the expired code is refused');
    expect(errors[0]).to.include({ kind: 'api', error_code: 2002, status: 410 });

    await standIn.configure({ codeTtlMs: 300_000 });
    await waitUntil(() => !unavailable(part<HTMLButtonElement>(el, 'button[part~="resend"]')), 'the countdown ends');
    const old = await standIn.lastCode(phone);
    part<HTMLButtonElement>(el, 'button[part~="resend"]').click();
    await waitUntil(() => query(el, '[slot="status"][data-tone="notice"]') !== null, 'the resend is confirmed');
    expect(unavailable(part<HTMLButtonElement>(el, 'button[part~="resend"]')), 'the cooldown starts again').to.equal(
      true,
    );
    const fresh = await standIn.lastCode(phone);
    expect(fresh).to.be.a('string');
    if (fresh === old) expect.fail('the stand-in sent the same code twice (unlikely but possible); rerun');
    await enterCodeFor(el, phone);
    await waitForStep(el, 'finish');
  });

  it('an unreachable endpoint is a network error; fixing the endpoint lets the user retry', async () => {
    const el = await mount(html`<vlens-register endpoint=${await closedPortEndpoint()}></vlens-register>`);
    const errors = record(el, 'vlens-error');
    type(el, '#phone', await uniquePhone());
    submitButton(el).click();
    await waitUntil(() => errors.length === 1, 'vlens-error fires');
    expect(errors[0]).to.include({ kind: 'network', status: null, step: 'phone' });
    await settled(el);
    expect(errorText(el)).to.match(/could not reach the server/);
    expect(part(el, '#phone').getAttribute('aria-invalid')).to.equal('false', 'not the field’s fault');

    el.endpoint = ENDPOINT;
    submitButton(el).click();
    await waitForStep(el, 'phone-code');
  });

  it('a connection reset upstream reaches the widget as the proxy’s 502 envelope', async () => {
    await standIn.fault({ kind: 'reset' }, { times: 1 });
    const el = await mount();
    const errors = record(el, 'vlens-error');
    type(el, '#phone', await uniquePhone());
    submitButton(el).click();
    await waitUntil(() => errors.length === 1, 'vlens-error fires');
    expect(errors[0]).to.include({ kind: 'api', status: 502, error_code: 502 });
    expect((errors[0].error_descriptions as { source?: string }).source).to.equal('proxy');
    await settled(el);
    submitButton(el).click();
    await waitForStep(el, 'phone-code');
  });

  it('no answer within the widget’s timeout is kind timeout', async () => {
    await standIn.fault({ kind: 'delay', ms: 1500 }, { times: 1 });
    const el = await mount(html`<vlens-register endpoint=${ENDPOINT} timeout="300"></vlens-register>`);
    const errors = record(el, 'vlens-error');
    type(el, '#phone', await uniquePhone());
    submitButton(el).click();
    await waitUntil(() => errors.length === 1, 'vlens-error fires');
    expect(errors[0]).to.include({ kind: 'timeout', status: null });
    await settled(el);
    expect(errorText(el)).to.match(/too long/);
  });

  it('a 504 from the proxy (upstream too slow) is kind timeout', async () => {
    // Through the proxy mount with a 1 s deadline (web-test-runner.config.mjs); the stand-in answers after 3 s.
    await standIn.fault({ kind: 'delay', ms: 3000 }, { times: 1 });
    const el = await mount(html`<vlens-register endpoint="/api/vlens-short-deadline"></vlens-register>`);
    const errors = record(el, 'vlens-error');
    type(el, '#phone', await uniquePhone());
    submitButton(el).click();
    await waitUntil(() => errors.length === 1, 'vlens-error fires');
    expect(errors[0]).to.include({ kind: 'timeout', status: 504, error_code: 504 });
  });

  it('a response that is not JSON is kind protocol', async () => {
    const el = await mount(html`<vlens-register endpoint="/test-endpoints/non-json"></vlens-register>`);
    const errors = record(el, 'vlens-error');
    type(el, '#phone', await uniquePhone());
    submitButton(el).click();
    await waitUntil(() => errors.length === 1, 'vlens-error fires');
    expect(errors[0]).to.include({ kind: 'protocol', status: 200 });
    await settled(el);
    expect(errorText(el)).to.match(/could not read/);
  });

  it('a registered number gets the message and a sign-in link, and no SMS is sent', async () => {
    const phone = await uniquePhone();
    await standIn.addUser({ phoneNumber: phone });
    const el = await mount(html`<vlens-register endpoint=${ENDPOINT} signin-url="/signin"></vlens-register>`);
    const before = (await standIn.calls())['Register/StepVerifyPhone'] ?? 0;
    type(el, '#phone', phone);
    submitButton(el).click();
    await waitUntil(() => errorText(el) !== '', 'the message shows');
    expect(el.step).to.equal('phone');
    expect(errorText(el)).to.contain('already exists');
    expect(part<HTMLAnchorElement>(el, 'a[part~="link"]').getAttribute('href')).to.equal('/signin');
    expect((await standIn.calls())['Register/StepVerifyPhone'] ?? 0).to.equal(before);
    await expect(el).to.be.accessible();
  });

  it('without signin-url the duplicate message has no link', async () => {
    const phone = await uniquePhone();
    await standIn.addUser({ phoneNumber: phone });
    const el = await mount();
    type(el, '#phone', phone);
    submitButton(el).click();
    await waitUntil(() => errorText(el) !== '', 'the message shows');
    expect(query(el, 'a[part~="link"]')).to.equal(null);
  });

  it('a missing endpoint shows a configuration error and fires vlens-error kind config', async () => {
    const fired: CustomEvent[] = [];
    const listener = (e: Event) => fired.push(e as CustomEvent);
    document.addEventListener('vlens-error', listener);
    try {
      const el = await mount(html`<vlens-register></vlens-register>`);
      expect(fired, 'nothing before a call is about to be made').to.have.length(0);
      expect(errorText(el)).to.equal('');
      type(el, '#phone', await uniquePhone());
      submitButton(el).click();
      expect(fired).to.have.length(1);
      expect(fired[0].detail).to.include({ kind: 'config', status: null, step: 'phone' });
      await el.updateComplete;
      expect(errorText(el)).to.match(/not set up/);
      await expect(el).to.be.accessible();
      submitButton(el).click();
      expect(fired).to.have.length(2, 'trying again reports it again');
    } finally {
      document.removeEventListener('vlens-error', listener);
    }
  });
});
