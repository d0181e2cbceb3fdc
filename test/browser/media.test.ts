/**
 * The element under the system's media preferences (dark colour scheme, reduced motion), emulated
 * through the Chrome DevTools Protocol: Chromium only (see test/browser/engines.mjs), as Puppeteer's
 * Firefox and WebDriver's WebKit cannot emulate media features.
 */
import { expect, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { ENDPOINT, mount, part, submitButton } from './helpers.js';

describe('vlens-register: system media preferences', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' }));

  it('with theme="auto", a page that sets nothing stays light on a dark system (auto follows the page)', async () => {
    const el = await mount(html`<vlens-register endpoint=${ENDPOINT} theme="auto"></vlens-register>`);
    const background = () => getComputedStyle(part(el, '[part~="base"]')).backgroundColor;
    expect(background()).to.equal('rgb(255, 255, 255)');
    await emulateMedia({ colorScheme: 'dark' });
    await el.updateComplete;
    expect(background()).to.equal('rgb(255, 255, 255)');
  });

  it('respects prefers-reduced-motion', async () => {
    const el = await mount();
    expect(getComputedStyle(submitButton(el)).transitionDuration).not.to.equal('0s');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(submitButton(el)).transitionDuration).to.equal('0s');
  });
});
