/**
 * Opens a host page (./host-pages.mjs, ./pages/) in a frame that fills the test page, registers
 * through its <vlens-register> the way a person does (real pointer clicks and key presses, sent by
 * the browser driver), and checks what the issue asks of every host: exactly one set of fields per
 * element, no console error or warning, no uncaught error and no `vlens-error`.
 */
import { expect } from '@open-wc/testing';
import { waitUntil } from '../wait.js';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { VlensRegister } from '../../../src/register/vlens-register.component.js';
import type { StepId } from '../../../src/register/flow.js';
import { standIn, typeKeys, uniquePhone } from '../helpers.js';
import type { HostProbe } from './probe-types.js';

export interface Host {
  url: string;
  frame: HTMLIFrameElement;
  document: Document;
  probe: HostProbe & Record<string, unknown>;
  /** The page's one <vlens-register> (wherever the host has put it by now). */
  element(): VlensRegister;
}

/** Lit's notice in its development build (the dev server serves Lit's `development` export); not the host's. */
const LIT_DEV_MODE = /^Lit is in dev mode\./;

/**
 * A host page's first request builds what it serves (the classic script with rollup, a server render,
 * an esbuild bundle) and the Angular page compiles in the browser: on a loaded machine that takes
 * tens of seconds, so a page gets this long to mount, and a host test (see HOST_TEST_TIMEOUT_MS) more.
 */
const PAGE_TIMEOUT_MS = 60_000;
/** For `this.timeout()` in a host test's describe: the page plus a registration. */
export const HOST_TEST_TIMEOUT_MS = PAGE_TIMEOUT_MS + 30_000;

const opened: HTMLIFrameElement[] = [];

/** Loads `url` in a frame and waits until the host says it has mounted or hydrated. */
export async function openHost(url: string): Promise<Host> {
  const frame = document.createElement('iframe');
  frame.title = url;
  frame.style.cssText = 'position: fixed; inset: 0; width: 100vw; height: 100vh; border: 0; background: #fff;';
  frame.src = url;
  document.body.append(frame);
  opened.push(frame);
  const win = () => frame.contentWindow;
  try {
    await waitUntil(() => win()?.hostProbe?.ready === true, 'mounted', { timeout: PAGE_TIMEOUT_MS });
  } catch {
    const probe = win()?.hostProbe;
    throw new Error(
      `${url}: the host did not mount or hydrate; console: ${JSON.stringify(probe?.console)}, uncaught: ${JSON.stringify(probe?.uncaught)}`,
    );
  }
  // The classic script defines the tag once the module it loads has arrived, after the page may have mounted.
  await waitUntil(() => win()?.customElements.get('vlens-register'), `${url}: the tag is defined`, {
    timeout: PAGE_TIMEOUT_MS,
  });
  const host: Host = {
    url,
    frame,
    document: frame.contentDocument!,
    probe: win()!.hostProbe as Host['probe'],
    element() {
      const all = host.document.querySelectorAll<VlensRegister>('vlens-register');
      expect(all.length, 'the page has one <vlens-register>').to.equal(1);
      return all[0];
    },
  };
  await host.element().updateComplete;
  return host;
}

/** Removes the frames this file opened (call in afterEach). */
export function closeHosts(): void {
  for (const frame of opened.splice(0)) frame.remove();
}

/** The element's own light-DOM children of one kind. */
const light = (el: Element, selector: string) => el.querySelectorAll(`:scope > ${selector}`);

/** The light-DOM field of the current step, once the element has made it. */
function lightField(el: VlensRegister, name: string): HTMLInputElement | null {
  return el.querySelector<HTMLInputElement>(`:scope > input[slot="field"][name="${name}"]`);
}

/**
 * No duplicates anywhere: per element at most one light form, field, label, hint and status line,
 * and no id twice in the page.
 */
export function expectOwnFieldsOnly(host: Host, when: string): void {
  for (const el of host.document.querySelectorAll('vlens-register')) {
    for (const selector of [
      'form',
      'input[slot="field"]',
      '[slot="field-label"]',
      '[slot="field-hint"]',
      '[slot="status"]',
    ]) {
      expect(light(el, selector).length, `${when}: light-DOM ${selector} of one element`).to.be.at.most(1);
    }
  }
  const ids = [...host.document.querySelectorAll('[id]')].map((node) => node.id);
  expect(
    ids.filter((id, i) => ids.indexOf(id) !== i),
    `${when}: ids used twice in the page`,
  ).to.deep.equal([]);
}

/** The field a person sees on the phone step: the light-DOM one, else the one the shadow root shows. */
function visiblePhoneField(el: VlensRegister): HTMLElement {
  const own = lightField(el, 'phone');
  if (own) return own;
  // Before the person's first interaction the element may show a stand-in in its shadow root.
  const shown = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input:not([part~="country-search"])')].filter(
    (input) => input.getBoundingClientRect().width > 0,
  );
  if (shown.length !== 1)
    throw new Error(`${shown.length} phone fields are shown in the shadow root, none in light DOM`);
  return shown[0];
}

/** A real click in the middle of `target` (inside the frame, possibly inside a shadow root). */
async function click(host: Host, target: Element, what: string): Promise<void> {
  target.scrollIntoView({ block: 'center' });
  const box = target.getBoundingClientRect();
  const x = Math.round(box.left + box.width / 2);
  const y = Math.round(box.top + box.height / 2);
  const root = target.getRootNode() as Document | ShadowRoot;
  const hit = root.elementFromPoint(x, y);
  expect(
    hit === target || target.contains(hit),
    `${what} is what is under the pointer (found ${hit?.outerHTML.slice(0, 80)})`,
  ).to.equal(true);
  const frameBox = host.frame.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(frameBox.left + x), Math.round(frameBox.top + y)] });
}

async function waitForStep(host: Host, el: VlensRegister, step: StepId): Promise<void> {
  await waitUntil(() => el.step === step, `${host.url}: step ${step} (now ${el.step})`);
  await el.updateComplete;
}

/** Clicks the step's field and waits until the light-DOM field (the one password managers see) has the focus. */
async function focusField(
  host: Host,
  el: VlensRegister,
  name: string,
  target: () => HTMLElement | null,
): Promise<void> {
  const shown = target();
  if (!shown) throw new Error(`no ${name} field is shown`);
  await click(host, shown, `the ${name} field`);
  await waitUntil(
    () => lightField(el, name) !== null && host.document.activeElement === lightField(el, name),
    `${host.url}: the ${name} field the person clicked is the focused light-DOM input (focused: ${host.document.activeElement?.outerHTML.slice(0, 80)})`,
  );
  expect(lightField(el, name)!.getAttribute('autocomplete'), 'what password managers and autofill read').to.equal(
    AUTOCOMPLETE[name],
  );
}

const AUTOCOMPLETE: Record<string, string> = { phone: 'tel', code: 'one-time-code' };

/** The person's first interaction: a click on the phone field (the element then makes its light-DOM fields). */
export async function clickPhoneField(host: Host): Promise<void> {
  const el = host.element();
  await focusField(host, el, 'phone', () => visiblePhoneField(el));
}

/**
 * Phone → SMS code → finish → done, typed and clicked like a person, checking for duplicate fields
 * on the way; returns the number registered. The element is the page's one <vlens-register> when
 * this starts; the host may move it (even out of the document for a while) from then on.
 */
export async function registerAsAPerson(host: Host, beforeCode?: () => Promise<void>): Promise<string> {
  const el = host.element();
  expectOwnFieldsOnly(host, 'before any interaction');
  const phone = await uniquePhone();

  await focusField(host, el, 'phone', () => visiblePhoneField(el));
  expectOwnFieldsOnly(host, 'phone step, after the first click');
  expect(light(el, 'form').length, 'the element made its light-DOM form').to.equal(1);
  await typeKeys(phone);
  await sendKeys({ press: 'Enter' });
  await waitForStep(host, el, 'phone-code');
  expectOwnFieldsOnly(host, 'code step');

  await beforeCode?.();
  expect(host.element(), 'the element is back in the page').to.equal(el);
  const code = await standIn.lastCode(phone);
  if (!code) throw new Error(`no code was sent to ${phone}`);
  await focusField(host, el, 'code', () => lightField(el, 'code'));
  expectOwnFieldsOnly(host, 'code step, field focused');
  await typeKeys(code);
  await waitForStep(host, el, 'finish');
  expectOwnFieldsOnly(host, 'finish step');

  await click(host, el.shadowRoot!.querySelector('button[part~="submit"]')!, 'the finish button');
  await waitForStep(host, el, 'done');
  expectOwnFieldsOnly(host, 'done');
  return phone;
}

/** The host's own binding delivered one `vlens-registered` for `phone`; nothing was logged or raised. */
export function expectRegisteredCleanly(host: Host, phone: string): void {
  const { probe } = host;
  expect(
    probe.registered.map((detail) => detail.user?.phoneNumber),
    'vlens-registered through the host binding',
  ).to.deep.equal([phone]);
  expect(probe.registered[0].accessToken).to.be.a('string').and.not.empty;
  expect(probe.vlensErrors, 'vlens-error events').to.deep.equal([]);
  expect(probe.uncaught, 'uncaught errors').to.deep.equal([]);
  expect(
    probe.console.filter((entry) => !LIT_DEV_MODE.test(entry.text)),
    'console errors and warnings (hydration messages included)',
  ).to.deep.equal([]);
}

/** The framework re-rendered from the element's events: its own `#host-step` says `done`. */
async function expectHostRendered(host: Host): Promise<void> {
  await waitUntil(
    () => host.document.querySelector('#host-step')?.textContent?.trim() === 'done',
    `${host.url}: the host re-rendered its step line`,
  );
}

/** Hydration kept the server's element: the one registering is the node the server rendered. */
function expectServerElementKept(host: Host): void {
  expect(host.probe.serverElement, 'the page had a server-rendered <vlens-register>').to.not.equal(null);
  expect(host.element() === host.probe.serverElement, 'hydration adopted the server-rendered element').to.equal(true);
}

/**
 * The whole check for one host page: a person registers, the host's own binding gets
 * `vlens-registered`, the host re-renders from the events, nothing is logged or raised, and
 * (server-rendered pages) hydration kept the server's element.
 */
export async function expectHostRegisters(url: string, { serverRendered }: { serverRendered: boolean }): Promise<void> {
  const host = await openHost(url);
  const phone = await registerAsAPerson(host);
  await expectHostRendered(host);
  expectRegisteredCleanly(host, phone);
  if (serverRendered) expectServerElementKept(host);
}
