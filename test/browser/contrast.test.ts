/**
 * Readable in every theme: `theme="auto"` follows the page, not the system; and for several brand
 * colours, in both themes, axe's color-contrast rule passes on every state of every step (through the
 * real proxy and stand-in).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import { emulateMedia } from '@web/test-runner-commands';
import { axe } from './a11y.js';
import type { VlensRegister } from '../../src/register/vlens-register.component.js';
import { contrast } from '../../src/theme/contrast.js';
import { resolveColour } from '../../src/theme/resolve-colour.js';
import {
  countryToggle,
  enterCodeFor,
  freshStandIn,
  openCountryPicker,
  part,
  query,
  standIn,
  submitButton,
  type,
  uniquePhone,
  waitForStep,
} from './helpers.js';
import { VLENS_PATHS } from '../../src/api/paths.js';

const background = (el: VlensRegister) => getComputedStyle(part(el, '[part~="base"]')).backgroundColor;
const WHITE = 'rgb(255, 255, 255)';
const DARK_SURFACE = 'rgb(17, 24, 39)';

describe('vlens-register: theme="auto" follows the page', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light' });
    document.documentElement.style.colorScheme = '';
    document.body.style.background = '';
  });

  it('a page that sets nothing renders light, even with the system in dark mode', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await fixture<VlensRegister>(html`<vlens-register endpoint="/api/vlens"></vlens-register>`);
    expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(true);
    expect(background(el)).to.equal(WHITE);
    expect(part(el, '[part~="base"]').dataset.scheme).to.equal('light');
  });

  it('a page that allows dark (color-scheme: light dark) follows the system', async () => {
    document.documentElement.style.colorScheme = 'light dark';
    const el = await fixture<VlensRegister>(html`<vlens-register endpoint="/api/vlens"></vlens-register>`);
    expect(background(el)).to.equal(WHITE);
    await emulateMedia({ colorScheme: 'dark' });
    await waitUntil(() => background(el) === DARK_SURFACE, 'dark with the system');
  });

  it('a dark background behind the widget renders dark; a light box inside it light again', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="background:#101010"><vlens-register endpoint="/api/vlens"></vlens-register></div>`,
    );
    const el = wrapper.querySelector('vlens-register')!;
    await el.updateComplete;
    expect(background(el)).to.equal(DARK_SURFACE);
    const light = await fixture<HTMLDivElement>(
      html`<div style="background:#101010"><p style="background:#fafafa"><vlens-register endpoint="/api/vlens"></vlens-register></p></div>`,
    );
    expect(background(light.querySelector('vlens-register')!)).to.equal(WHITE);
  });

  it('follows a page that switches to dark later (a class or style on <html> or <body>)', async () => {
    const el = await fixture<VlensRegister>(html`<vlens-register endpoint="/api/vlens"></vlens-register>`);
    expect(background(el)).to.equal(WHITE);
    document.body.style.background = 'oklch(20% 0.02 260)';
    await waitUntil(() => background(el) === DARK_SURFACE, 'dark with the page');
    document.body.style.background = '';
    await waitUntil(() => background(el) === WHITE, 'light again');
  });
});

/** Brand colours of every kind: dark, mid, light, saturated, and the README's CMS example. */
const BRAND_COLOURS = ['#0b6e4f', '#ffd400', '#e4002b', '#7c3aed', '#00a3e0', '#ff6f00'];

/** axe's color-contrast rule on the widget (shadow root and light-DOM fields); returns the failures. */
async function contrastFailures(el: VlensRegister, state: string): Promise<string[]> {
  const result = await axe.run(el, { runOnly: { type: 'rule', values: ['color-contrast'] } });
  const failures = result.violations.flatMap((v) =>
    v.nodes.map((n) => `${state}: ${n.target.join(' ')} ${n.any[0]?.message ?? ''}`),
  );
  const unsure = result.incomplete.flatMap((v) =>
    v.nodes.map((n) => `${state} (axe could not tell): ${n.target.join(' ')} ${n.any[0]?.message ?? ''}`),
  );
  return [...failures, ...unsure];
}

async function wrongCodeFor(to: string): Promise<string> {
  return (await standIn.lastCode(to)) === '000000' ? '111111' : '000000';
}

for (const theme of ['light', 'dark'] as const) {
  describe(`vlens-register: every text reaches 4.5:1 on brand colours (${theme})`, () => {
    beforeEach(freshStandIn);
    // Colour transitions would have axe measure a colour half-way; the end state is what is checked.
    before(() => emulateMedia({ reducedMotion: 'reduce' }));
    after(() => emulateMedia({ reducedMotion: 'no-preference' }));

    for (const colour of BRAND_COLOURS) {
      it(`--vlens-color-primary: ${colour}`, async () => {
        const el =
          await fixture<VlensRegister>(html`<vlens-register endpoint="/api/vlens" theme=${theme} email-step="required"
          password="required" resend-after="0" style=${`--vlens-color-primary:${colour}`}></vlens-register>`);
        const failures: string[] = [];
        const check = async (state: string) => {
          await el.updateComplete;
          failures.push(...(await contrastFailures(el, state)));
        };
        await check('phone');
        await openCountryPicker(el);
        await check('phone, picker open');
        type(el, '#phone', '12');
        submitButton(el).click();
        await check('phone, error');
        await standIn.fault({ kind: 'hold' }, { path: VLENS_PATHS.checkExistence, times: 1 });
        const phone = await uniquePhone();
        type(el, '#phone', phone);
        submitButton(el).click();
        await waitUntil(() => query(el, '[data-tone="progress"]') !== null, 'the call is pending');
        await check('phone, pending');
        await standIn.release();
        await waitForStep(el, 'phone-code');
        await check('phone-code');
        type(el, '#code', await wrongCodeFor(phone));
        await waitUntil(() => query(el, '[data-tone="error"]') !== null, 'the wrong code is refused');
        await check('phone-code, error');
        part<HTMLButtonElement>(el, 'button[part~="resend"]').click();
        await waitUntil(() => query(el, '[data-tone="notice"]') !== null, 'a new code is on its way');
        await check('phone-code, notice');
        await enterCodeFor(el, phone);
        await waitForStep(el, 'email');
        await check('email');
        type(el, '#email', 'not-an-email');
        submitButton(el).click();
        await check('email, error');
        type(el, '#email', `brand.${phone.slice(-4)}@example.com`);
        submitButton(el).click();
        await waitForStep(el, 'email-code');
        await check('email-code');
        await enterCodeFor(el, `brand.${phone.slice(-4)}@example.com`);
        await waitForStep(el, 'finish');
        await check('finish');
        type(el, '#password', 'short');
        submitButton(el).click();
        await check('finish, error');
        type(el, '#password', 'long enough password');
        submitButton(el).click();
        await waitForStep(el, 'done');
        await check('done');
        expect(failures).to.deep.equal([]);

        // The pairs the widget chose, measured directly too.
        const base = part(el, '[part~="base"]');
        const rgb = (text: string) => resolveColour(text)!.rgb;
        const surface = rgb(getComputedStyle(base).backgroundColor);
        el.reset();
        await waitForStep(el, 'phone');
        await el.updateComplete;
        const submit = submitButton(el);
        expect(
          contrast(rgb(getComputedStyle(submit).color), rgb(getComputedStyle(submit).backgroundColor)),
        ).to.be.at.least(4.5);
        const toggle = await countryToggle(el);
        expect(contrast(rgb(getComputedStyle(toggle).color), surface)).to.be.at.least(4.5);
      });
    }
  });
}

describe('vlens-register: a host pair under 4.5:1', () => {
  it('keeps a host-set --vlens-color-on-primary and warns once on the console', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const el = await fixture<VlensRegister>(html`<vlens-register endpoint="/api/vlens"
        style="--vlens-color-primary:#ffd400;--vlens-color-on-primary:#ffffff"></vlens-register>`);
      await el.updateComplete;
      expect(getComputedStyle(submitButton(el)).color).to.equal(WHITE);
      expect(warnings.filter((w) => w.includes('--vlens-color-on-primary'))).to.have.length(1);
    } finally {
      console.warn = original;
    }
  });
});

describe('resolveColour', () => {
  it('reads hex colours (3, 4, 6 and 8 digits, any case) as the canvas paints them', () => {
    expect(resolveColour('#1d4ed8')).to.deep.equal({ rgb: [29, 78, 216], alpha: 1 });
    expect(resolveColour('#ABC')).to.deep.equal({ rgb: [170, 187, 204], alpha: 1 });
    expect(resolveColour('#abc8')).to.deep.equal({ rgb: [170, 187, 204], alpha: 0x88 / 255 });
    expect(resolveColour(' #0B6E4F80 ')).to.deep.equal({ rgb: [11, 110, 79], alpha: 0x80 / 255 });
    // The same colours through the canvas (a syntax only it reads).
    for (const hex of ['#1d4ed8', '#0b6e4f', '#93c5fd'])
      expect(resolveColour(`color-mix(in srgb, ${hex} 100%, white)`)!.rgb).to.deep.equal(resolveColour(hex)!.rgb);
    expect(resolveColour('#12345'), 'five digits are no colour').to.equal(null);
    expect(resolveColour('#ggg')).to.equal(null);
  });
});
