/**
 * Honest marks (issue 23): `aria-invalid` and the error border only when the value itself is refused (a
 * wrong code, a refused number); a rate limit, the network, a server or a CAPTCHA refusal is a status
 * message only. Per failure kind, at 320 and 360 px, in English and Arabic.
 * Engines: as ./phone-view.ts says (WebKitGTK: no touch or 320 px viewport emulation; keyboard presses).
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { expect } from '@open-wc/testing';
import { VLENS_PATHS } from '../../src/api/paths.js';
import { FAKE_CAPTCHA_SITE_KEY } from '../../src/mock/captcha.js';
import type { VlensRegister } from '../../src/register/vlens-register.component.js';
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
  waitForStep,
  wrongCodeFor,
} from './helpers.js';
import { holdPhone, LANGS, PHONES, press, widgetIn, type Lang } from './phone-view.js';
import { waitUntil } from './wait.js';

const status = (el: VlensRegister) => part(el, '[slot="status"]');

/** The field's mark: its `aria-invalid` and whether it wears the error border (2 px). */
function markOf(el: VlensRegister): { invalid: string | null; errorBorder: boolean } {
  const input = field(el);
  return { invalid: input.getAttribute('aria-invalid'), errorBorder: getComputedStyle(input).borderTopWidth === '2px' };
}

/** Presses the step's main button and waits for the failure's message. */
async function failSubmit(el: VlensRegister): Promise<void> {
  await press(submitButton(el));
  await waitUntil(() => status(el).dataset.tone === 'error', `an error shows (tone now ${status(el).dataset.tone})`);
  await el.updateComplete;
}

/** "Send code" for a valid number, answered with HTTP `status` by Vlens. */
async function sendFails(lang: Lang, status: number): Promise<VlensRegister> {
  const el = await widgetIn(lang);
  await standIn.fault({ kind: 'status', status }, { path: VLENS_PATHS.verifyPhone, times: 1 });
  type(el, '#phone', await uniquePhone());
  await failSubmit(el);
  return el;
}

const REFUSED = { invalid: 'true', errorBorder: true };
const NOT_BLAMED = { invalid: 'false', errorBorder: false };

/** A failure kind: how to get there, and the mark it must leave. */
const KINDS: Array<{ name: string; mark: typeof REFUSED; run: (lang: Lang) => Promise<VlensRegister> }> = [
  {
    name: 'a wrong code (refusal of the value)',
    mark: REFUSED,
    run: async (lang) => {
      const el = await widgetIn(lang);
      const phone = await uniquePhone();
      await enterPhone(el, phone);
      field(el).value = await wrongCodeFor(phone);
      await failSubmit(el);
      return el;
    },
  },
  { name: 'a number the server refuses (refusal of the value)', mark: REFUSED, run: (lang) => sendFails(lang, 400) },
  { name: 'a rate limit (429) on a valid number', mark: NOT_BLAMED, run: (lang) => sendFails(lang, 429) },
  {
    name: 'the network',
    mark: NOT_BLAMED,
    run: async (lang) => {
      const el = await widgetIn(lang, { endpoint: await closedPortEndpoint() });
      type(el, '#phone', await uniquePhone());
      await failSubmit(el);
      return el;
    },
  },
  { name: 'a server failure (503)', mark: NOT_BLAMED, run: (lang) => sendFails(lang, 503) },
  {
    name: 'a refused CAPTCHA',
    mark: NOT_BLAMED,
    run: async (lang) => {
      await executeServerCommand('captcha:verdict', { verdict: 'refuse' });
      const el = await widgetIn(lang, { endpoint: '/api/vlens-turnstile' });
      el.captcha = 'turnstile';
      el.captchaSiteKey = FAKE_CAPTCHA_SITE_KEY;
      el.captchaScriptSrc = '/fake-captcha/turnstile/api.js';
      await el.updateComplete;
      type(el, '#phone', await uniquePhone());
      await failSubmit(el);
      return el;
    },
  },
  {
    name: 'a rate limit (429) on the optional password',
    mark: NOT_BLAMED,
    run: async (lang) => {
      const el = await widgetIn(lang, { password: 'optional' });
      const phone = await uniquePhone();
      await enterPhone(el, phone);
      await enterCodeFor(el, phone);
      await waitForStep(el, 'finish');
      field(el).value = 'a-long-enough-password';
      await standIn.fault({ kind: 'status', status: 429 }, { path: VLENS_PATHS.register, times: 1 });
      await failSubmit(el);
      return el;
    },
  },
];

describe('marks per failure kind', () => {
  beforeEach(async () => {
    await freshStandIn();
    await executeServerCommand('captcha:reset');
  });

  for (const { width, height } of PHONES)
    for (const lang of LANGS)
      for (const kind of KINDS)
        it(`${width} px, ${lang}: ${kind.name}`, async () => {
          await holdPhone(width, height);
          const el = await kind.run(lang);
          expect(markOf(el)).to.deep.equal(kind.mark);
          expect(status(el).getAttribute('aria-live'), 'a status message').to.equal('polite');
        });
});
