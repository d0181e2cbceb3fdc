/**
 * A refused code is not checked twice (issue 23): the code field submits itself at its sixth digit; a person
 * who then presses Verify out of habit gets the same answer from what the widget knows — no second check,
 * the tries shown unchanged — while a different code, or the same code after a new one was sent, is
 * checked. At 320 and 360 px, in English and Arabic.
 * Engines: as ./phone-view.ts says (WebKitGTK: no touch or 320 px viewport emulation; keyboard presses).
 */
import { expect } from '@open-wc/testing';
import { VLENS_PATHS } from '../../src/api/paths.js';
import { en } from '../../src/i18n/en.js';
import { ar } from '../../src/i18n/ar.js';
import { triesLeftText } from '../../src/i18n/messages.js';
import {
  enterPhone,
  errorText,
  field,
  freshStandIn,
  part,
  record,
  standIn,
  submitButton,
  type,
  uniquePhone,
  wrongCodeFor,
} from './helpers.js';
import { focused, holdPhone, LANGS, PHONES, press, widgetIn } from './phone-view.js';
import { waitUntil } from './wait.js';

const STRINGS = { en, ar } as const;
/** Calls to `Register/StepVerifyPhone` upstream (code sends and code checks share the path). */
const checks = async () => (await standIn.calls())[VLENS_PATHS.verifyPhone] ?? 0;

describe('a refused code is not checked twice', () => {
  beforeEach(freshStandIn);

  for (const { width, height } of PHONES)
    for (const lang of LANGS)
      it(`${width} px, ${lang}: Verify after the field submitted itself keeps the tries`, async () => {
        await holdPhone(width, height);
        const t = STRINGS[lang];
        const el = await widgetIn(lang);
        const phone = await uniquePhone();
        await enterPhone(el, phone);
        const wrong = await wrongCodeFor(phone);
        const errors = record(el, 'vlens-error');
        const before = await checks();

        type(el, '#code', wrong); // the sixth digit submits
        await waitUntil(() => errorText(el) !== '', 'the refusal shows');
        const refusal = errorText(el);
        expect(refusal).to.contain(triesLeftText(t, lang, 4));
        expect(await checks()).to.equal(before + 1);

        await press(submitButton(el)); // out of habit
        await el.updateComplete;
        expect(errorText(el)).to.equal(refusal, 'the same answer, the same tries');
        expect(await checks()).to.equal(before + 1, 'no second check');
        expect(errors).to.have.length(1, 'no second vlens-error: nothing was called');
        expect(focused()).to.equal(field(el), 'back to the field with the refused code');
        expect(field(el).getAttribute('aria-invalid')).to.equal('true');

        // Another wrong code is a new check: the tries drop by one.
        type(el, '#code', wrong === '000000' ? '222222' : '000000');
        await waitUntil(() => errorText(el) !== refusal && errorText(el) !== '', 'the second refusal shows');
        expect(await checks()).to.equal(before + 2);
        expect(errorText(el)).to.contain(triesLeftText(t, lang, 3));

        // A new code (a new request id): the first wrong code is checked again, not answered from memory.
        await press(part(el, '[part~="back"]'));
        await enterPhone(el, phone);
        const sent = await checks();
        type(el, '#code', wrong);
        await waitUntil(() => errorText(el) !== '', 'the refusal of the new request shows');
        expect(await checks()).to.equal(sent + 1);
      });
});
