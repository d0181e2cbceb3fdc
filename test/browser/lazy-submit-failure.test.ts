/**
 * A submit path (lazy module) that fails to load: the submit says so in the
 * person's language, `vlens-error` reports `network`, and submitting again
 * loads it again and goes through. The dev server fails the module's
 * requests (chunk gate) from before the first widget mounts.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import type { VlensRegister } from '../../src/register/vlens-register.component.js';
import { submitPath, lightFieldNodes } from '../../src/register/lazy-parts.js';
import { en } from '../../src/i18n/en.js';
import { ar } from '../../src/i18n/ar.js';
import {
  ENDPOINT,
  LAZY_PATHS,
  chunkGate,
  freshStandIn,
  part,
  record,
  standIn,
  statusOf,
  submitButton,
  type,
  uniquePhone,
  waitForStep,
  unavailable,
} from './helpers.js';

describe('submit path that fails to load', () => {
  before(() => chunkGate.fail(LAZY_PATHS.submitPath));
  after(() => chunkGate.pass(LAZY_PATHS.submitPath));
  beforeEach(freshStandIn);

  it('shows a retryable network error in both languages, fires vlens-error "network", and a retry goes through', async () => {
    const english = await fixture<VlensRegister>(
      html`<vlens-register endpoint=${ENDPOINT} lang="en"></vlens-register>`,
    );
    const arabic = await fixture<VlensRegister>(html`<vlens-register endpoint=${ENDPOINT} lang="ar"></vlens-register>`);
    await lightFieldNodes.load(); // typing then finds the light-DOM field at once (that chunk is not held)
    const errors = [record(english, 'vlens-error'), record(arabic, 'vlens-error')];
    const phone = await uniquePhone();
    const callsBefore = await standIn.calls();
    for (const el of [english, arabic]) {
      type(el, '#phone', phone);
      submitButton(el).click();
    }
    await waitUntil(() => errors.every((seen) => seen.length === 1), 'each widget reports the failed load');
    for (const [el, t, seen] of [
      [english, en, errors[0]],
      [arabic, ar, errors[1]],
    ] as const) {
      await el.updateComplete;
      expect(statusOf(el)).to.deep.equal({ text: t.errorNetwork, tone: 'error' });
      expect(seen[0]).to.include({ kind: 'network', step: 'phone', status: null, error_code: null });
      expect(unavailable(submitButton(el))).to.equal(false, 'the person can try again');
    }
    expect(submitPath.now()).to.equal(undefined);
    expect(await standIn.calls()).to.deep.equal(callsBefore, 'nothing was sent');

    await chunkGate.pass(LAZY_PATHS.submitPath);
    submitButton(english).click();
    await waitForStep(english, 'phone-code');
    expect(errors[0]).to.have.length(1, 'the retry fires no further error');
    expect(part(english, '[part~="heading"]').textContent?.trim()).to.equal(en.phoneCodeHeading);

    // The strings after the first screen came with the retried load: the other widget's checks are in its words.
    type(arabic, '#phone', '12');
    submitButton(arabic).click();
    await waitUntil(() => statusOf(arabic).text === ar.phoneTooShort, 'the Arabic check of a short number');
  });
});
