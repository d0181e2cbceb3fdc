/**
 * Focus after every pending action (issue 23), on a phone (320×568 and 360×740), in English and Arabic:
 * a button pressed stays focusable while its call runs (`aria-disabled`, never `disabled`), and when the
 * call settles focus is where the answer is — the new step's heading after a success, the field after a
 * refused code or a new code sent, the button that can try again after a network or server failure — and
 * the message is announced once (the live region shows it once).
 * Engines: Chromium taps with emulated touch; Firefox ESR too where its WebDriver BiDi has touch
 * actions; WebKitGTK has no touch emulation and no 320 px window, so there buttons are pressed from
 * the keyboard and the page's root is made phone-wide (./phone-view.ts).
 */
import { expect } from '@open-wc/testing';
import type { VlensRegister } from '../../src/register/vlens-register.component.js';
import { en } from '../../src/i18n/en.js';
import { ar } from '../../src/i18n/ar.js';
import {
  closedPortEndpoint,
  enterCodeFor,
  enterPhone,
  field,
  freshStandIn,
  part,
  standIn,
  submitButton,
  type,
  uniquePhone,
  wrongCodeFor,
  waitForStep,
} from './helpers.js';
import { announcements, focused, holdPhone, LANGS, PHONES, press, widgetIn } from './phone-view.js';
import { waitUntil } from './wait.js';

const STRINGS = { en, ar } as const;

const status = (el: VlensRegister) => part(el, '[slot="status"]');

/** Waits until the call settled: the status line shows `tone` and no button is unavailable for a call. */
async function settledWith(el: VlensRegister, tone: string): Promise<void> {
  await waitUntil(
    () => status(el).dataset.tone === tone,
    `the status tone is ${tone} (now ${status(el).dataset.tone})`,
  );
  await el.updateComplete;
}

/** Every pressable button of the step: none is `disabled` (it would drop focus). */
function expectNoDisabledButtons(el: VlensRegister): void {
  const disabled = [...el.shadowRoot!.querySelectorAll('button')].filter((b) => b.disabled);
  expect(
    disabled.map((b) => b.getAttribute('part')),
    'buttons with `disabled`',
  ).to.deep.equal([]);
}

describe('focus after each pending action, on a phone', () => {
  beforeEach(freshStandIn);

  for (const { width, height } of PHONES)
    for (const lang of LANGS) {
      const t = STRINGS[lang];
      const at = `${width} px, ${lang}`;

      it(`${at}: "Send code" that succeeds: the code step's heading`, async () => {
        await holdPhone(width, height);
        const el = await widgetIn(lang);
        type(el, '#phone', await uniquePhone());
        const button = submitButton(el);
        await press(button);
        await waitForStep(el, 'phone-code');
        expect(focused()).to.equal(part(el, '#heading'));
      });

      it(`${at}: "Send code" when the network fails: the same button, usable again; announced once`, async () => {
        await holdPhone(width, height);
        const el = await widgetIn(lang, { endpoint: await closedPortEndpoint() });
        type(el, '#phone', await uniquePhone());
        const button = submitButton(el);
        const said = announcements(status(el));
        await press(button);
        await settledWith(el, 'error');
        expect(focused()).to.equal(button, 'focus stays on the button that can try again');
        expect(button.getAttribute('aria-disabled')).to.equal(null);
        expect(said().filter((text) => text === t.errorNetwork)).to.have.length(1);
        expectNoDisabledButtons(el);
      });

      it(`${at}: "Send code" while it runs keeps focus on the (unavailable) button`, async () => {
        await holdPhone(width, height);
        await standIn.fault({ kind: 'hold' }, { times: 1 });
        const el = await widgetIn(lang);
        type(el, '#phone', await uniquePhone());
        const button = submitButton(el);
        await press(button);
        await waitUntil(() => button.getAttribute('aria-disabled') === 'true', 'the button is unavailable');
        expect(focused()).to.equal(button);
        expectNoDisabledButtons(el);
        await standIn.release();
        await waitForStep(el, 'phone-code');
      });

      it(`${at}: "Verify" with a wrong code: the field; announced once`, async () => {
        await holdPhone(width, height);
        const el = await widgetIn(lang);
        const phone = await uniquePhone();
        await enterPhone(el, phone);
        const input = field(el);
        // Put there without an input event (no auto-submit): the person presses Verify.
        input.value = await wrongCodeFor(phone);
        const said = announcements(status(el));
        await press(submitButton(el));
        await settledWith(el, 'error');
        expect(focused()).to.equal(field(el), 'focus goes to the field with the wrong code');
        expect(field(el).getAttribute('aria-invalid')).to.equal('true');
        expect(said().filter((text) => text === status(el).textContent.trim())).to.have.length(1);
        expectNoDisabledButtons(el);
      });

      it(`${at}: "Send a new code" after too many tries: the field again; announced once`, async () => {
        await holdPhone(width, height);
        await standIn.configure({ maxTries: 1 });
        const el = await widgetIn(lang);
        const phone = await uniquePhone();
        await enterPhone(el, phone);
        type(el, '#code', await wrongCodeFor(phone));
        await settledWith(el, 'error');
        const resend = part<HTMLButtonElement>(el, '[part~="resend"]');
        await waitUntil(() => resend.getAttribute('aria-disabled') === null, 'a new code is offered at once');
        const said = announcements(status(el));
        await press(resend);
        await settledWith(el, 'notice');
        expect(await standIn.lastCode(phone)).to.not.equal(null);
        expect(focused()).to.equal(field(el), 'focus goes back to the field for the new code');
        expect(said().filter((text) => text === t.codeResent)).to.have.length(1);
        expect(resend.getAttribute('aria-disabled'), 'the countdown runs again').to.equal('true');
        // The new code works from there.
        await enterCodeFor(el, phone);
        await waitForStep(el, 'finish');
      });

      it(`${at}: a server failure on "Verify": the Verify button, usable again`, async () => {
        await holdPhone(width, height);
        const el = await widgetIn(lang);
        const phone = await uniquePhone();
        await enterPhone(el, phone);
        const input = field(el);
        input.value = (await standIn.lastCode(phone))!;
        await standIn.fault({ kind: 'status', status: 503 }, { times: 1 });
        const verify = submitButton(el);
        await press(verify);
        await settledWith(el, 'error');
        expect(focused()).to.equal(verify);
        expect(field(el).getAttribute('aria-invalid')).to.equal('false');
        await press(verify);
        await waitForStep(el, 'finish');
      });
    }
});
