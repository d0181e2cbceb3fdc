/**
 * Languages, right-to-left, accessibility and forgiving input, through the
 * real element, the real proxy and the stand-in.
 */
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import { sendKeys } from '@web/test-runner-commands';
import type { VlensRegister } from '../../src/register/vlens-register.component.js';
import type { StepId } from '../../src/register/flow.js';
import { en } from '../../src/i18n/en.js';
import { ar } from '../../src/i18n/ar.js';
import {
  ENDPOINT,
  errorText,
  field,
  freshStandIn,
  openCountryPicker,
  interact,
  mount,
  mountIn,
  part,
  query,
  record,
  settled,
  standIn,
  submitButton,
  type,
  uniquePhone,
  typeKeys,
  waitForStep,
} from './helpers.js';

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';
const EASTERN_ARABIC_INDIC = '۰۱۲۳۴۵۶۷۸۹';
const toScript = (digits: string, zero: string) => digits.replace(/\d/g, (d) => zero[Number(d)]);

/** Text a person sees: the shadow root's and the light-DOM fields', minus left-to-right islands (numbers, emails). */
function visibleText(el: VlensRegister): string {
  const clone = el.shadowRoot!.querySelector('[part~="base"]')!.cloneNode(true) as HTMLElement;
  for (const island of clone.querySelectorAll('[dir="ltr"], style')) island.remove();
  const light = [...el.children]
    .filter((c) => c.getAttribute('slot') && c.getAttribute('dir') !== 'ltr')
    .map((c) => {
      const copy = c.cloneNode(true) as Element;
      for (const island of copy.querySelectorAll('[dir="ltr"]')) island.remove();
      return copy.textContent;
    })
    .join(' ');
  return `${clone.textContent} ${light}`.replace(/\s+/g, ' ').trim();
}

/** Sends a code to a fresh number, types a wrong one, and waits for the refusal to show. */
async function enterWrongCode(el: VlensRegister): Promise<void> {
  const phone = await uniquePhone();
  type(el, '#phone', phone);
  submitButton(el).click();
  await waitForStep(el, 'phone-code');
  const code = (await standIn.lastCode(phone))!;
  const errors = record(el, 'vlens-error');
  type(el, '#code', code === '000000' ? '111111' : '000000');
  await waitUntil(() => errors.length === 1, 'the wrong code is refused');
  await settled(el);
}

/** Every step's checks: the audit, focus on the heading, and direction of the rendered parts. */
async function checkStep(el: VlensRegister, step: StepId, lang: 'en' | 'ar'): Promise<void> {
  expect(el.step).to.equal(step);
  await expect(el, `axe on ${step} (${lang})`).to.be.accessible();
  if (step !== 'phone') expect(el.shadowRoot!.activeElement?.id, `focus on ${step}`).to.equal('heading');
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  for (const selector of ['[part~="base"]', '[part~="heading"]', '[part~="actions"]', '[part~="form"]']) {
    const node = query(el, selector);
    if (node) expect(getComputedStyle(node).direction, `${selector} on ${step}`).to.equal(dir);
  }
  const label = el.querySelector(':scope > [slot="field-label"]');
  if (label) expect(getComputedStyle(label).direction, `label on ${step}`).to.equal(dir);
  const input = el.querySelector<HTMLInputElement>(':scope > [slot="field"]');
  if (input) expect(getComputedStyle(input).direction, `the ${input.name} field stays left-to-right`).to.equal('ltr');
  for (const island of el.shadowRoot!.querySelectorAll('bdi[dir="ltr"]'))
    expect(getComputedStyle(island).direction).to.equal('ltr');
  if (lang === 'ar') expect(visibleText(el), `no English on ${step}`).not.to.match(/[A-Za-z]/);
}

/** Phone → code → email → email code → finish (password) → done, checking every step. */
async function walk(el: VlensRegister, lang: 'en' | 'ar'): Promise<void> {
  const phone = await uniquePhone();
  const email = `${phone.slice(1)}@example.com`;
  await checkStep(el, 'phone', lang);
  // The number as people type it in Arabic: national 0, Arabic-Indic digits, spaces.
  type(
    el,
    '#phone',
    lang === 'ar' ? toScript(`0${phone.slice(3, 6)} ${phone.slice(6)}`, ARABIC_INDIC) : `0${phone.slice(3)}`,
  );
  submitButton(el).click();
  await waitForStep(el, 'phone-code');
  await checkStep(el, 'phone-code', lang);
  expect(query(el, '[slot="field-hint"] bdi[dir="ltr"]')!.textContent).to.equal(phone);
  const code = (await standIn.lastCode(phone))!;
  type(el, '#code', lang === 'ar' ? toScript(code, ARABIC_INDIC) : code);
  await waitForStep(el, 'email');
  await checkStep(el, 'email', lang);
  type(el, '#email', email);
  submitButton(el).click();
  await waitForStep(el, 'email-code');
  await checkStep(el, 'email-code', lang);
  type(el, '#code', (await standIn.lastCode(email))!);
  await waitForStep(el, 'finish');
  await checkStep(el, 'finish', lang);
  type(el, '#password', 'correct horse battery');
  submitButton(el).click();
  await waitForStep(el, 'done');
  await checkStep(el, 'done', lang);
}

describe('vlens-register: languages, right-to-left, accessibility', () => {
  beforeEach(freshStandIn);

  it('runs the whole flow in Arabic, right-to-left, with numbers left-to-right and no English', async () => {
    const el = await mountIn('ar', { emailStep: 'required', password: 'required' });
    expect(query(el, '[part~="heading"]')!.textContent).to.equal(ar.phoneHeading);
    const steps = record(el, 'vlens-step-change');
    await walk(el, 'ar');
    expect(steps.map((s) => s.to)).to.deep.equal(['phone-code', 'email', 'email-code', 'finish', 'done']);
  });

  it('runs the whole flow in English with an audit on every step', async () => {
    const el = await mountIn('en', { emailStep: 'required', password: 'required' });
    expect(query(el, '[part~="heading"]')!.textContent).to.equal(en.phoneHeading);
    await walk(el, 'en');
  });

  it('takes the language from the element, else the closest ancestor, else the document', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="ar">
      <section lang="en"><vlens-register id="a" endpoint=${ENDPOINT}></vlens-register></section>
      <section><vlens-register id="b" endpoint=${ENDPOINT} lang="en"></vlens-register></section>
      <section><vlens-register id="c" endpoint=${ENDPOINT}></vlens-register></section>
    </div>`);
    const heading = (id: string) =>
      wrapper.querySelector<VlensRegister>(`#${id}`)!.shadowRoot!.querySelector('h2')!.textContent;
    await aTimeout(0);
    expect(heading('a')).to.equal(en.phoneHeading);
    expect(heading('b')).to.equal(en.phoneHeading);
    expect(heading('c')).to.equal(ar.phoneHeading);
  });

  it('follows the document’s lang when it changes after the first render', async () => {
    const orphan = await fixture<VlensRegister>(html`<vlens-register endpoint=${ENDPOINT}></vlens-register>`);
    const before = document.documentElement.lang;
    try {
      document.documentElement.lang = 'ar-EG';
      await waitUntil(
        () => orphan.shadowRoot!.querySelector('h2')!.textContent === ar.phoneHeading,
        'the widget turns Arabic',
      );
      expect(getComputedStyle(part(orphan, '[part~="base"]')).direction).to.equal('rtl');
      expect(query(orphan, 'label[for="field"]')!.textContent.trim(), 'the fallback field’s label').to.equal(
        ar.phoneLabel,
      );
      interact(orphan);
      expect(query(orphan, 'label[slot="field-label"]')!.textContent.trim()).to.equal(ar.phoneLabel);
    } finally {
      document.documentElement.lang = before;
    }
    await waitUntil(
      () => orphan.shadowRoot!.querySelector('h2')!.textContent === en.phoneHeading,
      'and back to English',
    );
  });

  it('follows the nearest ancestor’s lang, its own lang, and a lang inside a host’s shadow root', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="en"><section><vlens-register endpoint=${ENDPOINT}></vlens-register></section></div>`,
    );
    const el = wrapper.querySelector('vlens-register')!;
    const heading = () => el.shadowRoot!.querySelector('h2')!.textContent;
    expect(heading()).to.equal(en.phoneHeading);
    wrapper.querySelector('section')!.setAttribute('lang', 'ar');
    await waitUntil(() => heading() === ar.phoneHeading, 'the nearest ancestor wins');
    wrapper.lang = 'en-GB';
    el.setAttribute('lang', 'en');
    await waitUntil(() => heading() === en.phoneHeading, 'its own lang wins');
    el.removeAttribute('lang');
    await waitUntil(() => heading() === ar.phoneHeading, 'back to the section');

    const outer = document.createElement('div');
    wrapper.append(outer);
    const inner = outer.attachShadow({ mode: 'open' });
    inner.innerHTML = `<p lang="en"><vlens-register endpoint="${ENDPOINT}"></vlens-register></p>`;
    const nested = inner.querySelector('vlens-register')!;
    await nested.updateComplete;
    expect(nested.shadowRoot!.querySelector('h2')!.textContent).to.equal(en.phoneHeading);
    inner.querySelector('p')!.lang = 'ar';
    await waitUntil(
      () => nested.shadowRoot!.querySelector('h2')!.textContent === ar.phoneHeading,
      'a lang inside a shadow root',
    );
  });

  it('lets the host replace strings and error texts (its table wins over the widget and the server)', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="ar">
      <vlens-register
        endpoint=${ENDPOINT}
        error-texts=${JSON.stringify([{ errorCode: 2001, errorMessageAr: 'الرمز غير صحيح يا صديقي' }])}
      ></vlens-register>
    </div>`);
    const el = wrapper.querySelector('vlens-register')!;
    el.strings = { ar: { phoneHeading: 'سجّل معنا' } };
    await el.updateComplete;
    expect(query(el, 'h2')!.textContent).to.equal('سجّل معنا');
    await enterWrongCode(el);
    expect(errorText(el)).to.equal('الرمز غير صحيح يا صديقي');
    expect(field(el).getAttribute('aria-invalid')).to.equal('true');
  });

  it('refuses a number from a country the proxy does not send codes to, in Arabic, before any call', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="ar"><vlens-register endpoint="/api/vlens-eg"></vlens-register></div>`,
    );
    const el = wrapper.querySelector('vlens-register')!;
    const errors = record(el, 'vlens-error');
    type(el, '#phone', '+44 7400 123456');
    submitButton(el).click();
    await waitUntil(() => errorText(el) === ar.errorPhoneCountry, 'the country is refused');
    expect(errors).to.deep.equal([]);
    expect(el.step).to.equal('phone');
  });

  it('never shows the server’s English message inside Arabic: the widget’s own words, the server’s kept in vlens-error', async () => {
    const el = await mountIn('ar', { password: 'off' });
    const errors = record(el, 'vlens-error');
    await enterWrongCode(el);
    expect(errorText(el)).to.equal('الرمز غير صحيح. لديك 4 محاولات متبقية.');
    expect(part(el, '[slot="status"]').querySelector('bdi')).to.equal(null);
    expect(errors[0].error_message).to.equal('The verification code is wrong.');
  });

  it('works by keyboard alone: Tab, type, Enter, to the end', async () => {
    const el = await mountIn('ar', { password: 'off' });
    const phone = await uniquePhone();
    const input = field(el);
    for (let i = 0; i < 6 && document.activeElement !== input; i++) await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(input, 'Tab reaches the phone field');
    await typeKeys(phone);
    await sendKeys({ press: 'Enter' });
    await waitForStep(el, 'phone-code');
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(field(el), 'Tab from the heading reaches the code field');
    await typeKeys((await standIn.lastCode(phone))!);
    await waitForStep(el, 'finish');
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(submitButton(el));
    await sendKeys({ press: 'Enter' });
    await waitForStep(el, 'done');
  });

  it('renders dark from the theme attribute, follows the page in auto, and light when forced (a dark system: media.test.ts)', async () => {
    const el = await mount(html`<vlens-register endpoint=${ENDPOINT} theme="dark"></vlens-register>`);
    const background = () => getComputedStyle(part(el, '[part~="base"]')).backgroundColor;
    expect(background()).to.equal('rgb(17, 24, 39)');
    expect(getComputedStyle(field(el)).backgroundColor).to.equal('rgb(31, 41, 55)');
    await expect(el).to.be.accessible();
    el.theme = 'auto';
    await el.updateComplete;
    expect(background(), 'a page that sets nothing stays light').to.equal('rgb(255, 255, 255)');
    document.body.style.background = '#0b1220';
    try {
      await waitUntil(() => background() === 'rgb(17, 24, 39)', 'a dark page turns the widget dark');
      el.theme = 'light';
      await el.updateComplete;
      expect(background()).to.equal('rgb(255, 255, 255)');
    } finally {
      document.body.style.background = '';
    }
  });

  it('keeps page styles out of its fields and its styles out of the page', async () => {
    const style = document.createElement('style');
    style.textContent =
      'input, label, p { border: 7px dotted red !important; background: yellow !important; color: red !important; }';
    document.head.append(style);
    try {
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <input id="outside" />
        <vlens-register endpoint=${ENDPOINT}></vlens-register>
      </div>`);
      const el = wrapper.querySelector('vlens-register')!;
      await el.updateComplete;
      const phone = getComputedStyle(field(el));
      expect(phone.borderTopStyle).to.equal('solid');
      expect(phone.backgroundColor).to.equal('rgb(255, 255, 255)');
      expect(getComputedStyle(el.querySelector('[slot="field-label"]')!).color).to.equal('rgb(31, 41, 51)');
      expect(getComputedStyle(wrapper.querySelector('#outside')!).borderTopStyle).to.equal(
        'dotted',
        'the page keeps its own styles',
      );
    } finally {
      style.remove();
    }
  });

  for (const lang of ['en', 'ar'] as const) {
    it(`holds its layout at 320 px wide and at 200% text size (${lang})`, async () => {
      // A 320 px box rather than a 320 px viewport: the element has no viewport media queries, and
      // WebDriver (WebKit) cannot resize the window.
      for (const size of ['1rem', '2rem']) {
        const wrapper =
          await fixture<HTMLDivElement>(html`<div lang=${lang} style="margin:0;inline-size:320px;overflow:auto">
          <vlens-register endpoint=${ENDPOINT} style=${`--vlens-font-size:${size}`}></vlens-register>
        </div>`);
        const el = wrapper.querySelector('vlens-register')!;
        await el.updateComplete;
        await openCountryPicker(el);
        const frame = wrapper.getBoundingClientRect();
        const boxes = [...el.shadowRoot!.querySelectorAll('[part]'), ...el.children].map((n) =>
          n.getBoundingClientRect(),
        );
        for (const box of boxes.filter((b) => b.width > 0)) {
          expect(box.left - frame.left, `left edge at ${size}`).to.be.at.least(-0.5);
          expect(box.right - frame.left, `right edge at ${size}`).to.be.at.most(320.5);
        }
        expect(wrapper.scrollWidth, `no horizontal scroll at ${size}`).to.be.at.most(wrapper.clientWidth);
      }
    });
  }
});

describe('vlens-register: forgiving phone and code input', () => {
  beforeEach(freshStandIn);

  /** `n` is the number's last 7 digits: each case is typed, submitted, and must reach the stand-in as E.164. */
  const valid: Array<[string, (n: string) => string]> = [
    ['national 0 with spaces', (n) => `0100 ${n.slice(0, 3)} ${n.slice(3)}`],
    ['Arabic-Indic digits', (n) => toScript(`0100${n}`, ARABIC_INDIC)],
    ['Eastern Arabic-Indic digits', (n) => toScript(`0100${n}`, EASTERN_ARABIC_INDIC)],
    ['+20, brackets and dashes', (n) => `+20 (100) ${n.slice(0, 3)}-${n.slice(3)}`],
    ['00 international prefix', (n) => `0020100${n}`],
    ['bidi marks and zero-width spaces', (n) => `\u200e0100\u200b${n}\u200f\u2066`],
    ['full-width digits and plus', (n) => `＋２０１００${toScript(n, '０１２３４５６７８９')}`],
    ['no national 0', (n) => `100${n}`],
  ];

  for (const [name, spell] of valid) {
    it(`sends E.164 for ${name}`, async () => {
      const el = await mount();
      const phone = await uniquePhone(); // +20 100 000 xxxx
      type(el, '#phone', spell(phone.slice(6)));
      submitButton(el).click();
      await waitForStep(el, 'phone-code');
      expect(await standIn.lastCode(phone), `a code went to ${phone}`).to.be.a('string');
    });
  }

  const invalid: Array<[string, string, keyof typeof en]> = [
    ['too short', '0100 123', 'phoneTooShort'],
    ['too long', '0100 123 456 789', 'phoneTooLong'],
    ['not a mobile prefix', '0130 000 0000', 'phoneInvalid'],
    ['letters', '0100 abc 4567', 'phoneInvalidCharacters'],
    ['only invisible marks', '\u200e\u200f\u200b', 'phoneEmpty'],
  ];

  for (const [name, text, message] of invalid) {
    it(`explains ${name} before any call`, async () => {
      const el = await mount();
      const before = await standIn.calls();
      type(el, '#phone', text);
      submitButton(el).click();
      await el.updateComplete;
      expect(errorText(el)).to.equal(en[message]);
      expect(field(el).getAttribute('aria-invalid')).to.equal('true');
      expect(el.step).to.equal('phone');
      expect(await standIn.calls()).to.deep.equal(before);
    });
  }

  /** A fresh widget at the SMS code step, and the code the stand-in sent. */
  async function atCodeStep(): Promise<{ el: VlensRegister; code: string }> {
    const el = await mount();
    const phone = await uniquePhone();
    type(el, '#phone', phone);
    submitButton(el).click();
    await waitForStep(el, 'phone-code');
    return { el, code: (await standIn.lastCode(phone))! };
  }

  it('takes a pasted code with Arabic-Indic digits and invisible marks, and submits it', async () => {
    const { el, code } = await atCodeStep();
    const input = field(el);
    expect(input.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(input.inputMode).to.equal('numeric');
    input.focus();
    input.value = `\u200f${toScript(code.slice(0, 3), ARABIC_INDIC)} \u200b${toScript(code.slice(3), ARABIC_INDIC)}\u200e`;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    expect(input.value, 'marks and spaces gone, digits as pasted').to.equal(toScript(code, ARABIC_INDIC));
    await waitForStep(el, 'finish');
  });

  it('takes the code out of a pasted message', async () => {
    const { el, code } = await atCodeStep();
    const input = field(el);
    input.value = `Your Vlens code is ${code}. Do not share it.`;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    await waitForStep(el, 'finish');
  });

  it('submits when the last digit is typed, not before', async () => {
    const { el, code } = await atCodeStep();
    field(el).focus();
    await typeKeys(code.slice(0, 5));
    await aTimeout(300);
    expect(el.step).to.equal('phone-code');
    await typeKeys(code.slice(5));
    await waitForStep(el, 'finish');
  });

  it('reads numbers in the default-country (its metadata loads when needed)', async () => {
    const el = await mount(html`<vlens-register endpoint=${ENDPOINT} default-country="SA"></vlens-register>`);
    expect(part(el, '[part~="country-name"]').textContent).to.contain('+966');
    const before = await standIn.calls();
    type(el, '#phone', '٠٥٠ ١٢٣');
    submitButton(el).click();
    await waitUntil(() => errorText(el) === en.phoneTooShort, 'the number is checked as Saudi');
    expect(await standIn.calls()).to.deep.equal(before);
  });

  it('validates in a picked country after loading its metadata', async () => {
    const el = await mount();
    await openCountryPicker(el);
    await typeKeys('saudi');
    await el.updateComplete;
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(part(el, '[part~="country-name"]').textContent).to.contain('+966');
    const before = await standIn.calls();
    type(el, '#phone', '050 123');
    submitButton(el).click();
    await waitUntil(() => errorText(el) === en.phoneTooShort, 'the Saudi number is checked as Saudi');
    expect(await standIn.calls()).to.deep.equal(before);
  });
});
