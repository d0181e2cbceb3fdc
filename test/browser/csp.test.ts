/**
 * The demo page under a strict Content-Security-Policy with Trusted Types enforced: no violation while a step is
 * walked. Twice: the ES module under a 'self' policy, and the classic script (a loader that imports the ES module
 * with `import()`, which inherits the loader's nonce) under a nonce + 'strict-dynamic' policy.
 */
import { expect, aTimeout } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import { executeServerCommand } from '@web/test-runner-commands';
import { freshStandIn, openDemoPage, standIn, uniquePhone } from './helpers.js';

const cspReports = () => executeServerCommand<string[], undefined>('test:csp-reports');

describe('vlens-register under a strict CSP with Trusted Types', () => {
  beforeEach(freshStandIn);

  for (const [name, page] of [
    ["the ES module, script-src 'self'", '/demo/csp.html'],
    ["the classic script, script-src with a nonce and 'strict-dynamic'", '/demo/csp-classic.html'],
  ])
    it(`${name}: mounts and walks a step with no securitypolicyviolation`, () => walkUnderCsp(page));
});

/** Opens `page` in a frame, walks the phone step, and checks that nothing was reported (and that a probe is). */
async function walkUnderCsp(page: string): Promise<void> {
  const reportsBefore = (await cspReports()).length;
  const { win, doc, el } = await openDemoPage(page);
  const violations: string[] = [];
  doc.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));

  const phone = await uniquePhone();
  // The first interaction makes the light-DOM field (none exists before: see README, hydration).
  el.shadowRoot!.querySelector<HTMLInputElement>('input[data-vlens-fallback]')!.focus();
  await waitUntil(() => el.querySelector('input[name="phone"]'), 'the light-DOM field (its module is lazy)');
  const input = el.querySelector<HTMLInputElement>('input[name="phone"]')!;
  input.value = phone;
  input.dispatchEvent(new win.Event('input', { bubbles: true }));
  el.shadowRoot!.querySelector<HTMLButtonElement>('button[part~="submit"]')!.click();
  await waitUntil(() => el.step === 'phone-code', 'the code step');
  await el.updateComplete;
  expect(await standIn.lastCode(phone)).to.be.a('string');
  expect(doc.querySelector('#log')!.textContent).to.contain('vlens-step-change');

  await aTimeout(300); // reports are posted asynchronously
  expect(violations).to.deep.equal([]);
  expect((await cspReports()).slice(reportsBefore)).to.deep.equal([]);

  // The policy really is enforced, and the listener would have seen a violation.
  const probe = doc.createElement('div');
  expect(() => {
    probe.innerHTML = '<b>x</b>';
  }).to.throw(/TrustedHTML|Sink type mismatch/); // Chromium and WebKit name the type; Firefox the sink
  await waitUntil(() => violations.length === 1, 'the probe is reported');
  expect(violations[0]).to.match(/^require-trusted-types-for/);
  await waitUntil(async () => (await cspReports()).length > reportsBefore, 'the report endpoint receives it');
}
