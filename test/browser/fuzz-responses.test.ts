/**
 * Fuzzing what the element does with any answer (fast-check, in Chromium):
 * whatever status and body come back for the phone send or the code check,
 * the element either moves on or shows one error and fires one vlens-error
 * of a known kind, stays usable, and nothing is thrown uncaught.
 *
 * Bodies are fuzzed at fetch: a wrapper answers only calls to the test's own
 * endpoint (/fuzz-api) with generated Responses, because the dev server has
 * no route that echoes arbitrary bodies; the element, its client, schemas and
 * rendering all run for real. The real network path (proxy and stand-in) has
 * its own tests.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { lightFieldNodes } from '../../src/register/lazy-parts.js';
import { waitUntil } from './wait.js';
import fc from 'fast-check';
import { VLENS_PATHS } from '../../src/api/paths.js';
import type { VlensRegister } from '../../src/register/vlens-register.component.js';
import { responseText, status } from '../helpers/response-arbitraries.js';
import { record, submitButton, type, unavailable } from './helpers.js';

const FUZZ_ENDPOINT = '/fuzz-api';
const KNOWN_KINDS = ['api', 'protocol', 'timeout', 'network'];
const NULL_BODY_STATUSES = [204, 205, 304];

interface FuzzAnswer {
  status: number;
  contentType: string | null;
  text: string;
  /** fetch itself rejects (a network failure). */
  fail: boolean;
}

const answerFor = (path: string) =>
  fc.record({
    status,
    contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/html', null),
    text: responseText(path as never),
    fail: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  });

/** Answers per path, in order; paths without one get a canned success (so the fuzzed call is the one under test). */
let queues = new Map<string, FuzzAnswer[]>();
const REQUEST_ID = 'b0a1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';
const canned = (data: unknown): FuzzAnswer => ({
  status: 200,
  contentType: 'application/json',
  text: JSON.stringify({ data, error_code: null, error_message: null, error_descriptions: null }),
  fail: false,
});
const CANNED: Record<string, FuzzAnswer> = {
  [VLENS_PATHS.checkExistence]: canned({ exists: false }),
  [VLENS_PATHS.verifyPhone]: canned({ phoneNumberOtpRequestId: REQUEST_ID }),
};

const realFetch = window.fetch.bind(window);
const uncaught: unknown[] = [];
const onError = (e: ErrorEvent) => uncaught.push(e.error ?? e.message);
const onRejection = (e: PromiseRejectionEvent) => uncaught.push(e.reason);

before(() => {
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const at = url.indexOf(`${FUZZ_ENDPOINT}/`);
    if (at < 0) return realFetch(input, init);
    const path = url.slice(at + FUZZ_ENDPOINT.length + 1);
    const answer = queues.get(path)?.shift() ?? CANNED[path];
    if (!answer) throw new Error(`fuzz: no answer for ${path}`);
    if (answer.fail) throw new TypeError('Failed to fetch');
    const headers: Record<string, string> = answer.contentType ? { 'content-type': answer.contentType } : {};
    return new Response(NULL_BODY_STATUSES.includes(answer.status) ? null : answer.text, {
      status: answer.status,
      headers,
    });
  };
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
});
after(() => {
  window.fetch = realFetch;
  window.removeEventListener('error', onError);
  window.removeEventListener('unhandledrejection', onRejection);
});

const mountFuzzed = async () => {
  const el = await fixture<VlensRegister>(html`<vlens-register endpoint=${FUZZ_ENDPOINT}></vlens-register>`);
  await lightFieldNodes.load(); // typing then finds the light-DOM field at once
  return el;
};
/** The widget renders some nodes in light DOM (the field and the status line), the rest in its shadow root. */
const find = (el: VlensRegister, selector: string) =>
  el.shadowRoot?.querySelector(selector) ?? el.querySelector(selector);
const inFlight = (el: VlensRegister) => Boolean(find(el, '[slot="status"][data-tone="progress"]'));

const statusText = (el: VlensRegister) => find(el, '[slot="status"]')?.textContent?.trim() ?? '';

/**
 * One outcome only: moved on; or stayed with the "already registered" notice (a 2xx saying the number exists);
 * or exactly one vlens-error of a known kind, shown, with the step kept and usable.
 */
async function assertOneOutcome(
  el: VlensRegister,
  from: string,
  errors: { kind: string; status: number | null }[],
  answer: FuzzAnswer,
) {
  await waitUntil(
    () => (errors.length > 0 || el.step !== from || statusText(el) !== '') && !inFlight(el),
    'the call settles',
  );
  await el.updateComplete;
  if (el.step !== from || errors.length === 0) {
    expect(errors, 'no error when the call succeeded').to.deep.equal([]);
    expect(answer.status).to.be.within(200, 299);
    if (el.step === from)
      expect(
        JSON.parse(answer.text.replace(/^\uFEFF/, '')).data.exists,
        'only "exists" keeps the step without an error',
      ).to.equal(true);
    return;
  }
  expect(errors).to.have.length(1);
  expect(KNOWN_KINDS).to.include(errors[0].kind);
  if (answer.fail) expect(errors[0].status).to.equal(null);
  else expect(errors[0].status).to.equal(answer.status);
  const shown = find(el, '[slot="status"][data-tone="error"]')?.textContent?.trim() || statusText(el);
  expect(shown, 'an error is shown').to.not.equal('');
  expect(unavailable(submitButton(el)), 'the user can try again').to.equal(false);
}

describe('vlens-register: fuzzed responses', () => {
  afterEach(() => {
    queues = new Map();
    fixtureCleanup();
  });

  it('any answer to the phone send: one outcome, a known error kind, nothing uncaught', async function (this: unknown) {
    (this as { timeout(ms: number): void }).timeout(60_000);
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(VLENS_PATHS.checkExistence, VLENS_PATHS.verifyPhone)
          .chain((p) => fc.tuple(fc.constant(p), answerFor(p))),
        async ([p, answer]) => {
          const el = await mountFuzzed();
          const errors = record(el, 'vlens-error');
          queues = new Map([[p, [answer]]]);
          type(el, '#phone', '0100 123 4567');
          submitButton(el).click();
          await assertOneOutcome(el, 'phone', errors, answer);
          fixtureCleanup();
        },
      ),
      { numRuns: 60, includeErrorInReport: true },
    );
    expect(uncaught).to.deep.equal([]);
  });

  it('any answer to the code check: one outcome, a known error kind, nothing uncaught', async function (this: unknown) {
    (this as { timeout(ms: number): void }).timeout(60_000);
    await fc.assert(
      fc.asyncProperty(answerFor(VLENS_PATHS.verifyPhone), async (answer) => {
        const el = await mountFuzzed();
        queues = new Map([[VLENS_PATHS.verifyPhone, [CANNED[VLENS_PATHS.verifyPhone], answer]]]);
        type(el, '#phone', '0100 123 4567');
        submitButton(el).click();
        await waitUntil(() => el.step === 'phone-code' && !inFlight(el), 'the code step');
        await el.updateComplete;
        const errors = record(el, 'vlens-error');
        type(el, '#code', '123456');
        await el.updateComplete;
        if (!inFlight(el) && el.step === 'phone-code' && errors.length === 0) submitButton(el).click();
        await assertOneOutcome(el, 'phone-code', errors, answer);
        fixtureCleanup();
      }),
      { numRuns: 40, includeErrorInReport: true },
    );
    expect(uncaught).to.deep.equal([]);
  });
});
