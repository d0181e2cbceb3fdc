/**
 * The widget's side of the abuse findings (issue 10): a landline is
 * explained before any call, in both languages; `signin-url` links only to
 * web addresses.
 */
import { expect, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import {
  ENDPOINT,
  errorText,
  freshStandIn,
  mount,
  part,
  query,
  standIn,
  submitButton,
  type,
  uniquePhone,
} from './helpers.js';

describe('a number that cannot receive a text', () => {
  beforeEach(freshStandIn);

  for (const [lang, expected] of [
    ['en', 'This looks like a landline. Enter a mobile number that can receive text messages.'],
    ['ar', 'يبدو أن هذا رقم هاتف أرضي. أدخل رقم هاتف محمول يمكنه استقبال الرسائل النصية.'],
  ] as const) {
    it(`a Mansoura landline typed as 050 123 4567 is refused before any call (${lang})`, async () => {
      const el = await mount(html`<vlens-register endpoint=${ENDPOINT} lang=${lang}></vlens-register>`);
      type(el, '#phone', '050 123 4567');
      submitButton(el).click();
      await waitUntil(() => errorText(el) !== '', 'the message shows');
      expect(errorText(el)).to.equal(expected);
      expect(el.step).to.equal('phone');
      expect(await standIn.calls()).to.deep.equal({}, 'nothing reached the proxy or Vlens');
    });
  }
});

describe('signin-url', () => {
  beforeEach(freshStandIn);

  async function signInHref(url: string): Promise<{ href: string | null; warnings: string[] }> {
    const phone = await uniquePhone();
    await standIn.addUser({ phoneNumber: phone });
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (message: string) => warnings.push(String(message));
    try {
      const el = await mount(html`<vlens-register endpoint=${ENDPOINT} signin-url=${url}></vlens-register>`);
      type(el, '#phone', phone);
      submitButton(el).click();
      await waitUntil(() => errorText(el) !== '', 'the message shows');
      await el.updateComplete;
      return { href: query<HTMLAnchorElement>(el, 'a[part~="link"]')?.getAttribute('href') ?? null, warnings };
    } finally {
      console.warn = original;
    }
  }

  for (const url of [
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:x',
  ]) {
    it(`ignores ${JSON.stringify(url)} with a console warning: no link`, async () => {
      const { href, warnings } = await signInHref(url);
      expect(href).to.equal(null);
      expect(warnings.filter((w) => w.includes('signin-url') && w.includes('is ignored'))).to.have.length(1);
    });
  }

  for (const url of ['/signin', 'signin?next=%2F', 'https://shop.example/login', 'http://localhost/x']) {
    it(`links to ${url}`, async () => {
      const { href, warnings } = await signInHref(url);
      expect(href).to.equal(url);
      expect(warnings).to.deep.equal([]);
    });
  }

  it('a property set later is checked the same way', async () => {
    const phone = await uniquePhone();
    await standIn.addUser({ phoneNumber: phone });
    const el = await mount(html`<vlens-register endpoint=${ENDPOINT} signin-url="/signin"></vlens-register>`);
    type(el, '#phone', phone);
    submitButton(el).click();
    await waitUntil(() => errorText(el) !== '', 'the message shows');
    expect(part<HTMLAnchorElement>(el, 'a[part~="link"]').getAttribute('href')).to.equal('/signin');
    const original = console.warn;
    console.warn = () => {};
    try {
      el.signinUrl = 'javascript:void 0';
      await el.updateComplete;
    } finally {
      console.warn = original;
    }
    expect(query(el, 'a[part~="link"]')).to.equal(null);
  });
});
