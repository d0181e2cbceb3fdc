/** Shared browser-test helpers: stand-in control through server commands, and driving the widget. */
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { fixture, html } from '@open-wc/testing';
import { nothing } from 'lit';
import { waitUntil } from './wait.js';
import type { StandInFault, StandInSettings } from '../../src/mock/types.js';
import type { VlensRegister } from '../../src/register/vlens-register.component.js';
import type { StepId } from '../../src/register/flow.js';
import type { VlensErrorDetail } from '../../src/events.js';
import '../../src/vlens-register.js';
// Every file that drives the widget audits with the same axe: all WCAG 2.x A/AA rules (see a11y.ts).
import './a11y.js';
import { lightFieldNodes, submitPath } from '../../src/register/lazy-parts.js';

export const ENDPOINT = '/api/vlens';

export const standIn = {
  lastCode: (to: string) => executeServerCommand<string | null, { to: string }>('stand-in:last-code', { to }),
  configure: (patch: Partial<StandInSettings>) => executeServerCommand('stand-in:configure', patch),
  fault: (fault: StandInFault | null, scope?: { path?: string; times?: number }) =>
    executeServerCommand('stand-in:fault', { fault, scope }),
  /**
   * Waits until a `{ kind: 'hold' }` fault holds a call (the widget shows it pending before its request has
   * passed the proxy), then lets the held calls go on.
   */
  release: async () => {
    await waitUntil(
      async () => (await executeServerCommand<number, undefined>('stand-in:held')) > 0,
      'the stand-in holds a call',
    );
    await executeServerCommand('stand-in:release');
  },
  addUser: (user: { phoneNumber: string; email?: string }) => executeServerCommand('stand-in:add-user', user),
  reset: () => executeServerCommand('stand-in:reset'),
  calls: () => executeServerCommand<Record<string, number>, undefined>('stand-in:calls'),
  lastRequest: <T = Record<string, unknown>>(path: string) =>
    executeServerCommand<T | null, { path: string }>('stand-in:last-request', { path }),
};

/** A fresh Egyptian mobile number (E.164) no other test used. */
export const uniquePhone = () => executeServerCommand<string, undefined>('test:unique-phone');
export const closedPortEndpoint = () => executeServerCommand<string, undefined>('test:closed-port-endpoint');

/** Resets the stand-in to default settings (emailRequired false, errors with 4xx, no faults). */
export async function freshStandIn(): Promise<void> {
  await standIn.reset();
}

/**
 * Mounts a widget and waits for its submit path (the lazy chunk it starts loading after the first
 * render), as a person's first submit a moment later finds it; test/browser/lazy-chunks.test.ts
 * covers a submit that comes before it.
 */
export async function mount(
  template = html`<vlens-register endpoint=${ENDPOINT}></vlens-register>`,
): Promise<VlensRegister> {
  const el = await fixture<VlensRegister>(template);
  await submitPath.load();
  await lightFieldNodes.load(); // typing then finds the light-DOM field at once
  return el;
}

/**
 * Mounts a widget in a page region whose language is `lang` (the element inherits it), with
 * `email-step` (`auto` unless given) and `password` only where given, and waits for its light-DOM
 * field module, as `mount` does: typing then finds the field at once.
 */
export async function mountIn(
  lang: 'en' | 'ar',
  attributes: { emailStep?: string; password?: string } = {},
): Promise<VlensRegister> {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}>
    <vlens-register
      endpoint=${ENDPOINT}
      email-step=${attributes.emailStep ?? 'auto'}
      password=${attributes.password ?? nothing}
    ></vlens-register>
  </div>`);
  const el = wrapper.querySelector('vlens-register')!;
  await el.updateComplete;
  await lightFieldNodes.load(); // typing then finds the light-DOM field at once
  return el;
}

export function part<T extends Element = HTMLElement>(el: VlensRegister, selector: string): T {
  const found = query<T>(el, selector);
  if (!found) throw new Error(`No ${selector} in the widget (step ${el.step})`);
  return found;
}

/**
 * An element of the widget: in its shadow root, else among the light-DOM children it renders
 * (the field, its label, hint and the status line), where `#phone` matches the id `vlens-N-phone`.
 */
export function query<T extends Element = HTMLElement>(el: VlensRegister, selector: string): T | null {
  return el.shadowRoot!.querySelector<T>(selector) ?? el.querySelector<T>(`:scope > ${lightSelector(selector)}`);
}

function lightSelector(selector: string): string {
  return selector.replace(/#([\w-]+)/g, '[id^="vlens-"][id$="-$1"]');
}

/**
 * What a person's first touch does: focuses the shadow fallback field, which makes the element
 * create its light-DOM fields (it creates none before an interaction). Nothing once they exist.
 */
export function interact(el: VlensRegister): void {
  // Once the light fields exist the interaction has happened: focusing the fallback again would take
  // the focus from the light input (WebKit still focuses the fallback until it restyles the slot).
  if (el.querySelector(':scope > input[slot="field"]')) return;
  el.shadowRoot!.querySelector<HTMLInputElement>('input[data-vlens-fallback]')?.focus();
}

/**
 * Interacts, then waits until the light-DOM field exists: a widget in a realm whose light-DOM field
 * module is not loaded yet (a host page, a framework's mount) creates the field once it arrives.
 */
export async function lightFieldReady(el: VlensRegister): Promise<void> {
  interact(el);
  await waitUntil(() => el.querySelector(':scope > input[slot="field"]'), 'the light-DOM field');
}

/** The light-DOM field of the current step (phone, code, email or password input), after an interaction. */
export function field(el: VlensRegister): HTMLInputElement {
  interact(el);
  return part<HTMLInputElement>(el, 'input[slot="field"]');
}

/** Types into a field the way a person does (interacting first): value, then an input event. */
export function type(el: VlensRegister, selector: string, text: string): void {
  interact(el);
  const input = part<HTMLInputElement>(el, selector);
  input.focus();
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: text, inputType: 'insertText' }));
}

/** The "Change country" button, once the proxy's configuration has offered a choice. */
export async function countryToggle(el: VlensRegister): Promise<HTMLButtonElement> {
  await waitUntil(() => query(el, '[part~="country-toggle"]') !== null, 'the country picker is offered');
  return part<HTMLButtonElement>(el, '[part~="country-toggle"]');
}

/** Opens the country picker and waits for its panel, a lazy module (loaded at idle, or on this click). */
export async function openCountryPicker(el: VlensRegister): Promise<void> {
  (await countryToggle(el)).click();
  await waitUntil(() => query(el, '[part~="country-panel"]') !== null, "the country picker's panel is open");
  await el.updateComplete;
}

/** A button that cannot act now: `aria-disabled` (buttons keep focus while a call runs; never `disabled`). */
export function unavailable(button: HTMLElement): boolean {
  return button.getAttribute('aria-disabled') === 'true';
}

export function submitButton(el: VlensRegister): HTMLButtonElement {
  return part<HTMLButtonElement>(el, 'button[part~="submit"]');
}

export function click(el: VlensRegister, selector: string): void {
  part<HTMLButtonElement>(el, selector).click();
}

export async function waitForStep(el: VlensRegister, step: StepId, message?: string): Promise<void> {
  await waitUntil(() => el.step === step, message ?? `step ${step} (now ${el.step})`);
  await el.updateComplete;
}

/** Waits until no call is in flight (the submit button is enabled again). */
export async function settled(el: VlensRegister): Promise<void> {
  await waitUntil(() => !query(el, '[slot="status"][data-tone="progress"]'), 'the call settles');
  await el.updateComplete;
}

export function errorText(el: VlensRegister): string {
  return query(el, '[slot="status"][data-tone="error"]')?.textContent?.trim() ?? '';
}

/** Collects every event of a type the element fires. */
export function record<K extends 'vlens-error' | 'vlens-step-change' | 'vlens-registered'>(
  el: EventTarget,
  type: K,
): HTMLElementEventMap[K]['detail'][] {
  const seen: HTMLElementEventMap[K]['detail'][] = [];
  el.addEventListener(type, (e) => seen.push((e as HTMLElementEventMap[K]).detail));
  return seen;
}

export type { VlensErrorDetail };

/** Phone step → code sent: types the number and submits. */
export async function enterPhone(el: VlensRegister, phone: string): Promise<void> {
  type(el, '#phone', phone);
  submitButton(el).click();
  await waitForStep(el, 'phone-code');
}

/** A whole registration without the email step, from the phone step: the number, its code, finish, done. */
export async function registerByPhone(el: VlensRegister, phone: string): Promise<void> {
  await enterPhone(el, phone);
  await enterCodeFor(el, phone);
  await waitForStep(el, 'finish');
  submitButton(el).click();
  await waitForStep(el, 'done');
}

/** A code that is not the one the stand-in last sent to `to`. */
export async function wrongCodeFor(to: string): Promise<string> {
  const right = await standIn.lastCode(to);
  return right === '000000' ? '111111' : '000000';
}

/** Types the code the stand-in last sent to `to` (auto-submits at 6 digits). */
export async function enterCodeFor(el: VlensRegister, to: string): Promise<void> {
  const code = await standIn.lastCode(to);
  if (!code) throw new Error(`no code was sent to ${to}`);
  type(el, '#code', code);
}

type PositionAnswer = (
  success: PositionCallback,
  failure: PositionErrorCallback | null | undefined,
  options?: PositionOptions,
) => void;

/**
 * Runs `body` with `navigator.geolocation.getCurrentPosition` answering as `answer` does, the way a
 * browser whose user allowed, refused or ignored the prompt would. Each engine's own answer differs
 * (headless Chromium refuses, Firefox waits on a prompt nobody sees), so flow tests choose it.
 */
export async function withGeolocation<T>(answer: PositionAnswer, body: () => Promise<T>): Promise<T> {
  const geolocation = navigator.geolocation;
  const own = Object.getOwnPropertyDescriptor(geolocation, 'getCurrentPosition');
  Object.defineProperty(geolocation, 'getCurrentPosition', { configurable: true, writable: true, value: answer });
  try {
    return await body();
  } finally {
    if (own) Object.defineProperty(geolocation, 'getCurrentPosition', own);
    else delete (geolocation as unknown as Record<string, unknown>).getCurrentPosition;
  }
}

/** A position answer: the person allowed it and the device is in Cairo. */
export const cairo: PositionAnswer = (success) =>
  success({
    coords: { latitude: 30.0444, longitude: 31.2357, accuracy: 20 },
    timestamp: Date.now(),
  } as GeolocationPosition);

/** A position answer: the person refused. */
export const refused: PositionAnswer = (_success, failure) =>
  failure?.({
    code: 1,
    message: 'User denied Geolocation',
    PERMISSION_DENIED: 1,
    POSITION_UNAVAILABLE: 2,
    TIMEOUT: 3,
  });

/**
 * Types with the keyboard (through the test runner's driver), one key at a time: WebKitGTK's
 * WebDriver collapses a key repeated back to back within one sequence ('1122' arrives as '12').
 */
export async function typeKeys(text: string): Promise<void> {
  for (const key of text) await sendKeys({ type: key });
}

/** Lazy modules as the dev server serves them (path prefixes the chunk gate matches). */
export const LAZY_PATHS = {
  submitPath: '/src/register/submit-path.',
  countryPanel: '/src/register/country-picker-panel.',
  lightFieldNodes: '/src/register/light-field-nodes.',
} as const;

/** Holds, fails or passes the browser's requests for a lazy module (web-test-runner.config.mjs, `gateChunks`). */
export const chunkGate = {
  hold: (prefix: string) => executeServerCommand('chunk-gate:hold', { prefix }),
  fail: (prefix: string) => executeServerCommand('chunk-gate:fail', { prefix }),
  pass: (prefix: string) => executeServerCommand('chunk-gate:pass', { prefix }),
  requests: (prefix: string) => executeServerCommand<number, { prefix: string }>('chunk-gate:requests', { prefix }),
};

/**
 * Mocha hooks for a file whose widgets start with neither the submit path nor the picker's panel:
 * both modules' requests are held at the dev server from before the first widget mounts, released
 * after the file (a test releases the one it needs); the stand-in is fresh for every test.
 */
export function holdLazyModules(): void {
  before(async () => {
    await chunkGate.hold(LAZY_PATHS.submitPath);
    await chunkGate.hold(LAZY_PATHS.countryPanel);
  });
  after(async () => {
    await chunkGate.pass(LAZY_PATHS.submitPath);
    await chunkGate.pass(LAZY_PATHS.countryPanel);
  });
  beforeEach(freshStandIn);
}

/** The status line's text and tone (`error`, `progress`, `notice` or `none`). */
export function statusOf(el: VlensRegister): { text: string; tone: string } {
  const status = part(el, '[slot="status"]');
  return { text: status.textContent?.trim() ?? '', tone: status.dataset.tone ?? '' };
}

/**
 * Loads a fixture page (test/browser/fixtures/) in a new iframe and waits until its module set
 * `pageReady` and the page defined the widget: a realm of its own, with its own module instances.
 */
export async function openWidgetPage<T extends Window>(src: string): Promise<{ frame: HTMLIFrameElement; page: T }> {
  const frame = document.createElement('iframe');
  frame.src = src;
  document.body.append(frame);
  const page = () => frame.contentWindow as (T & { pageReady?: boolean }) | null;
  await waitUntil(
    () => page()?.pageReady && page()!.customElements.get('vlens-register'),
    'the page defined the widget',
  );
  return { frame, page: page()! };
}

/** A widget with `attributes` (plus the endpoint and a required email) as `doc`'s only content, walked to the email step. */
export async function widgetAtEmailStepIn(doc: Document, attributes: Record<string, string>): Promise<VlensRegister> {
  const el = doc.createElement('vlens-register');
  for (const [name, value] of Object.entries({ endpoint: ENDPOINT, 'email-step': 'required', ...attributes }))
    el.setAttribute(name, value);
  doc.body.replaceChildren(el);
  await el.updateComplete;
  await lightFieldReady(el);
  const phone = await uniquePhone();
  await enterPhone(el, phone);
  await enterCodeFor(el, phone);
  await waitForStep(el, 'email');
  return el;
}

/**
 * Loads a demo page (`/demo/index.html`, or `/demo/csp.html` under the strict CSP) in an iframe of a
 * fixture and waits until its widget is defined: its window, its document and its widget.
 */
export async function openDemoPage(src: string) {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  const frame = document.createElement('iframe');
  frame.title = 'demo';
  frame.src = src;
  host.append(frame);
  const win = () => frame.contentWindow as (Window & typeof globalThis) | null;
  await waitUntil(
    () => frame.contentDocument?.readyState === 'complete' && win()?.customElements.get('vlens-register'),
    'the demo page defined the widget',
  );
  const doc = frame.contentDocument!;
  const el = doc.querySelector('vlens-register') as VlensRegister;
  await el.updateComplete;
  return { win: win()!, doc, el };
}
