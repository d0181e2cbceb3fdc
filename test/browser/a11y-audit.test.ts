/**
 * The audit the other browser tests rely on: `expect(el).to.be.accessible()`
 * runs every WCAG 2.x A/AA rule of axe-core, and sees into shadow roots.
 * The first step's audit lives here, once; every file that imports helpers.ts
 * audits with the same configuration (a11y.ts).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { axe, wcagAaRules } from './a11y.js';
import { mount } from './helpers.js';

/** A host whose open shadow root holds `markup`, inside a wrapper div (what the audits run on). */
async function inShadow(markup: string): Promise<HTMLElement> {
  const wrapper = await fixture<HTMLDivElement>(html`<div><span></span></div>`);
  const host = wrapper.firstElementChild as HTMLElement;
  host.attachShadow({ mode: 'open' }).innerHTML = markup;
  return host;
}

describe('accessibility audit (axe-core through chai-a11y-axe)', () => {
  it('starts from an accessible widget (the first step, default attributes)', async () => {
    await expect(await mount()).to.be.accessible();
  });

  it('has every WCAG 2.0, 2.1 and 2.2 A/AA rule enabled', () => {
    const rules = wcagAaRules();
    expect(rules.length).to.be.greaterThan(50);
    expect(rules.filter((r) => !r.enabled).map((r) => r.id)).to.deep.equal([]);
    expect(rules.map((r) => r.id)).to.include.members([
      'target-size',
      'color-contrast',
      'label',
      'aria-valid-attr-value',
    ]);
    expect(axe.version).to.match(/^4\./);
  });

  it('finds an unlabelled field inside a shadow root', async () => {
    const el = await inShadow('<form><input type="text" name="x"></form>');
    await expect(el.parentElement).not.to.be.accessible();
    await expect(
      await inShadow('<form><label for="x">Name</label><input id="x" type="text"></form>'),
    ).to.be.accessible();
  });

  it('finds poor contrast inside a shadow root', async () => {
    const el = await inShadow('<p style="color:#bbb;background:#fff">Hard to read</p>');
    await expect(el.parentElement).not.to.be.accessible();
  });

  it('finds targets smaller than 24 px packed together (WCAG 2.2 target size)', async () => {
    const tiny = '<button style="inline-size:10px;block-size:10px;padding:0;margin:0">a</button>';
    const el = await inShadow(`<div style="display:flex;gap:0">${tiny.repeat(3)}</div>`);
    await expect(el.parentElement).not.to.be.accessible();
    const { violations } = await axe.run(el.parentElement!);
    expect(violations.map((v) => v.id)).to.deep.equal(['target-size']);
  });
});
