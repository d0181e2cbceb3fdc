/**
 * The wait readable and the code's context (issue 23): the resend countdown, the only place the wait
 * shows, reaches 4.5:1 on its background in both themes and with brand colours of every kind; the code
 * field is described by the line that says where the code went; digits echo in the code field as typed
 * (Arabic-Indic stay Arabic-Indic) while the code sent is normalised. At 320 and 360 px, English and Arabic.
 * Engines: as ./phone-view.ts says.
 */
import { expect } from '@open-wc/testing';
import type { VlensRegister } from '../../src/register/vlens-register.component.js';
import { contrast, type Rgb } from '../../src/theme/contrast.js';
import { resolveColour } from '../../src/theme/resolve-colour.js';
import { VLENS_PATHS } from '../../src/api/paths.js';
import { enterPhone, field, freshStandIn, part, standIn, type, uniquePhone, waitForStep } from './helpers.js';
import { holdPhone, LANGS, PHONES, widgetIn } from './phone-view.js';
import { waitUntil } from './wait.js';

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';
const toArabicIndic = (digits: string) => digits.replace(/\d/g, (d) => ARABIC_INDIC[Number(d)]);

/** Themes and brand colours of every kind (dark, mid, light, saturated). */
const LOOKS: Array<{ name: string; theme: 'light' | 'dark'; primary?: string; surface?: string }> = [
  { name: 'light', theme: 'light' },
  { name: 'dark', theme: 'dark' },
  { name: 'light, yellow brand', theme: 'light', primary: '#ffd400' },
  { name: 'light, mid green brand', theme: 'light', primary: '#3fa34d' },
  { name: 'dark, navy brand', theme: 'dark', primary: '#1e3a8a' },
  { name: 'cream surface, orange brand', theme: 'light', primary: '#f97316', surface: '#fff7e6' },
];

const rgbOf = (colour: string): Rgb => {
  const resolved = resolveColour(colour);
  if (!resolved) throw new Error(`not a colour: ${colour}`);
  return resolved.rgb;
};

/** The first opaque background behind `element`, through the shadow tree. */
function backgroundOf(element: Element): Rgb {
  let node: Element | null = element;
  while (node) {
    const resolved = resolveColour(getComputedStyle(node).backgroundColor);
    if (resolved && resolved.alpha === 1) return resolved.rgb;
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
  }
  return [255, 255, 255];
}

async function atCodeStep(el: VlensRegister): Promise<string> {
  const phone = await uniquePhone();
  await enterPhone(el, phone);
  return phone;
}

describe('the wait readable, the code field described, digits as typed', () => {
  beforeEach(freshStandIn);

  for (const { width, height } of PHONES)
    for (const lang of LANGS) {
      const at = `${width} px, ${lang}`;

      it(`${at}: the countdown reaches 4.5:1 in every theme and brand colour`, async () => {
        await holdPhone(width, height);
        const el = await widgetIn(lang);
        await atCodeStep(el);
        const resend = part(el, '[part~="resend"]');
        expect(resend.getAttribute('aria-disabled')).to.equal('true', 'the countdown runs');
        for (const look of LOOKS) {
          el.theme = look.theme;
          el.style.setProperty('--vlens-color-primary', look.primary ?? '');
          el.style.setProperty('--vlens-color-surface', look.surface ?? '');
          await el.updateComplete;
          // The readable colours are chosen after an update reads the new styles.
          el.requestUpdate();
          await el.updateComplete;
          // The buttons' colours ease in (150 ms): read them once that transition is over.
          await waitUntil(() => resend.getAnimations().length === 0, `${look.name}: the colour transition ends`);
          const style = getComputedStyle(resend);
          const ratio = contrast(rgbOf(style.color), backgroundOf(resend));
          expect(Number(style.opacity), `${look.name}: not faded`).to.equal(1);
          expect(ratio, `${look.name}: countdown contrast`).to.be.at.least(4.5);
        }
      });

      it(`${at}: the code field is described by where the code went`, async () => {
        await holdPhone(width, height);
        const el = await widgetIn(lang);
        const phone = await atCodeStep(el);
        const ids = field(el).getAttribute('aria-describedby')!.split(' ');
        const hint = part(el, '[slot="field-hint"]');
        expect(ids).to.include(hint.id);
        expect(hint.textContent).to.contain(phone);
        expect(hint.parentElement, 'a light-DOM sibling the field can point to').to.equal(el);
        const introSlot = el.shadowRoot!.querySelector('[part~="intro"] slot[name="field-hint"]');
        expect(introSlot, 'shown under the heading').to.not.equal(null);
      });

      it(`${at}: Arabic-Indic digits stay as typed in the code field; the code sent is ASCII`, async () => {
        await holdPhone(width, height);
        const el = await widgetIn(lang);
        const phone = await atCodeStep(el);
        const code = (await standIn.lastCode(phone))!;
        type(el, '#code', toArabicIndic(code));
        expect(field(el).value).to.equal(toArabicIndic(code));
        await waitForStep(el, 'finish');
        const sent = await standIn.lastRequest<{ phoneNumberOtp?: string }>(VLENS_PATHS.verifyPhone);
        expect(sent?.phoneNumberOtp).to.equal(code);
      });

      it(`${at}: typed Arabic-Indic digits echo as typed in both fields`, async () => {
        await holdPhone(width, height);
        const el = await widgetIn(lang);
        type(el, '#phone', toArabicIndic('0100 123'));
        expect(field(el).value).to.equal(toArabicIndic('0100 123'));
        await atCodeStep(el);
        type(el, '#code', toArabicIndic('12 3'));
        expect(field(el).value).to.equal(toArabicIndic('12 3'));
      });
    }
});
