/**
 * The demo's playground (demo/playground.html, `npm start` → /playground.html) in its own page: each
 * setting reaches the live widget and the snippet, the widget's events are logged, the copy button
 * answers, and a registration completes through the real proxy and stand-in.
 */
import { expect } from '@open-wc/testing';
import type { VlensRegister } from '../../src/register/vlens-register.component.js';
import { freshStandIn, lightFieldReady, openWidgetPage, registerByPhone, uniquePhone } from './helpers.js';
import { waitUntil } from './wait.js';

type PlaygroundWindow = Window & typeof globalThis;

describe('the playground', () => {
  let frame: HTMLIFrameElement;
  let page: PlaygroundWindow;
  const doc = () => page.document;
  const widget = () => doc().querySelector<VlensRegister>('#stage > vlens-register')!;
  const snippet = () => doc().getElementById('snippet')!.textContent;

  /** Sets a control the way a person does: its value, then the `change` event the form listens to. */
  function set(selector: string, value: string | boolean): void {
    const control = doc().querySelector<HTMLInputElement | HTMLSelectElement>(selector)!;
    if (typeof value === 'boolean') (control as HTMLInputElement).checked = value;
    else control.value = value;
    control.dispatchEvent(new page.Event('change', { bubbles: true }));
  }

  beforeEach(async () => {
    await freshStandIn();
    ({ frame, page } = await openWidgetPage<PlaygroundWindow>('/demo/playground.html'));
    await widget().updateComplete;
  });
  afterEach(() => frame.remove());

  it('starts with a widget at the endpoint and the script-tag snippet', () => {
    expect(widget().getAttribute('endpoint')).to.equal('/api/vlens');
    expect(snippet()).to.contain('<vlens-register endpoint="/api/vlens"></vlens-register>');
    expect(snippet()).to.contain("addEventListener('vlens-registered'");
  });

  it('puts every setting on a new live widget and into the snippet', async () => {
    const first = widget();
    set('#lang', 'ar');
    set('#theme', 'dark');
    set('#brand-on', true);
    set('#brand', '#aa3300');
    set('#email-step', 'required');
    set('input[name="provider"][value="google"]', true);
    set('#countries', 'EG SA');
    set('#captcha', 'turnstile');
    set('#endpoint', '/api/other');
    const el = widget();
    expect(el).to.not.equal(first, 'the widget starts again');
    await el.updateComplete;
    expect(el.getAttribute('endpoint')).to.equal('/api/other');
    expect(el.getAttribute('lang')).to.equal('ar');
    expect(el.getAttribute('theme')).to.equal('dark');
    expect(el.style.getPropertyValue('--vlens-color-primary')).to.equal('#aa3300');
    expect(el.getAttribute('email-step')).to.equal('required');
    expect(el.getAttribute('oauth-providers')).to.equal('google');
    expect(el.idTokenProvider, 'the development sign-in').to.be.a('function');
    expect(el.getAttribute('allowed-countries')).to.equal('EG SA');
    expect(el.getAttribute('captcha')).to.equal('turnstile');
    expect(el.getAttribute('captcha-script-src')).to.equal('/fake-captcha/turnstile/api.js');
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="heading"]')?.textContent?.trim() === 'أنشئ حسابك');

    for (const attribute of [
      'endpoint="/api/other"',
      'lang="ar"',
      'theme="dark"',
      'email-step="required"',
      'oauth-providers="google"',
      'google-client-id="YOUR_GOOGLE_CLIENT_ID"',
      'allowed-countries="EG SA"',
      'captcha="turnstile"',
      'style="--vlens-color-primary: #aa3300"',
    ]) {
      expect(snippet()).to.contain(attribute);
    }
  });

  it('writes the snippet for each host, in the way that keeps the token on a server-rendered page', () => {
    set('#email-step', 'optional');
    const expected: Record<string, string[]> = {
      html: ['<script type="module" src="/dist/vlens-register.js">', 'email-step="optional"'],
      react: ["import { VlensRegister } from 'vlens-register/react';", 'emailStep="optional"', 'onRegistered='],
      next: ["'use client';", '<VlensRegister', 'onRegistered='],
      vue: ['@vlens-registered="onRegistered"', 'isCustomElement', 'vite.config.ts'],
      nuxt: ['@vlens-registered="onRegistered"', 'nuxt.config.ts'],
      angular: ['CUSTOM_ELEMENTS_SCHEMA', '(vlens-registered)="onRegistered($event)"'],
      svelte: ['onvlens-registered={', "import 'vlens-register/vlens-register.js';"],
      astro: ["import 'vlens-register/vlens-register.js';", "addEventListener('vlens-registered'"],
      cms: ['vlens-register.iife.js" defer>', 'email-step="optional"'],
    };
    const hosts = [...doc().querySelectorAll<HTMLOptionElement>('#host option')].map((option) => option.value);
    expect(hosts).to.deep.equal(Object.keys(expected));
    for (const [host, parts] of Object.entries(expected)) {
      const select = doc().querySelector<HTMLSelectElement>('#host')!;
      select.value = host;
      select.dispatchEvent(new page.Event('change', { bubbles: true }));
      for (const part of parts) expect(snippet(), host).to.contain(part);
      expect(snippet(), `${host} never binds React's bare onvlens-registered`).to.not.contain(
        'onvlens-registered={(e) =>\n',
      );
    }
  });

  it('copies the snippet, or selects it where the clipboard is refused', async () => {
    doc().querySelector<HTMLButtonElement>('#copy')!.click();
    const status = doc().getElementById('copy-status')!;
    await waitUntil(() => status.textContent !== '', 'the copy button answers');
    if (status.textContent === 'Copied.') return;
    expect(status.textContent).to.contain('Ctrl-C');
    expect(page.getSelection()!.toString().trim()).to.equal(snippet().trim());
  });

  it('logs the live widget’s events through a whole registration', async () => {
    const el = widget();
    const phone = await uniquePhone();
    await lightFieldReady(el);
    await registerByPhone(el, phone);
    const entries = () => [...doc().querySelectorAll<HTMLLIElement>('#log li')].map((li) => li.dataset.type);
    await waitUntil(() => entries().includes('vlens-registered'), 'the log shows the registration');
    expect(entries().filter((entry) => entry === 'vlens-step-change')).to.have.length(3);
    const registered = [...doc().querySelectorAll<HTMLLIElement>('#log li[data-type="vlens-registered"]')][0];
    const token = /"accessToken":"([^"]*)"/.exec(registered.textContent)![1];
    expect(token, 'the token is shortened').to.match(/^.{6}….{4}$/);
  });
});
