/**
 * The element under the system's reduced-motion preference, emulated through the Chrome DevTools
 * Protocol: Chromium only (see test/browser/engines.mjs), as Puppeteer's Firefox and WebDriver's
 * WebKit cannot emulate media features. (A dark system: contrast.test.ts, also Chromium only.)
 */
import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { mount, submitButton } from './helpers.js';

describe('vlens-register: system media preferences', () => {
  afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

  it('respects prefers-reduced-motion', async () => {
    const el = await mount();
    expect(getComputedStyle(submitButton(el)).transitionDuration).not.to.equal('0s');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(submitButton(el)).transitionDuration).to.equal('0s');
  });
});
