/**
 * A phone as people hold it, for the tests of issue 23 (focus, tries, picker, marks, the accessibility
 * tree): the viewport at 320×568 or 360×740 with touch and a device scale of 3, the widget in English
 * or Arabic, and taps. What an engine cannot emulate is answered by the `device:emulate` server
 * command (./device-commands.mjs) and named in each file's header:
 * - Chromium: viewport, scale 3, touch (touch points, `pointer: coarse`);
 * - Firefox ESR: viewport, scale 3 and touch points (`pointer: coarse`) through WebDriver BiDi;
 * - WebKitGTK: none (its window is never 320 px narrow: the page's root is made that wide instead).
 * Buttons are pressed from the keyboard in every engine (see `press`).
 */
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { fixture, html } from '@open-wc/testing';
import { submitPath } from '../../src/register/lazy-parts.js';
import type { VlensRegister } from '../../src/register/vlens-register.component.js';
import { ENDPOINT } from './helpers.js';
import { waitUntil } from './wait.js';

export const PHONES = [
  { width: 320, height: 568 },
  { width: 360, height: 740 },
] as const;
export const LANGS = ['en', 'ar'] as const;
export type Lang = (typeof LANGS)[number];

/** What the engine emulated (false: it could not; the test then says so and does the rest). */
export interface Emulated {
  viewport: boolean;
  touch: boolean;
  scale: boolean;
}

/**
 * Sets the viewport (and touch, scale 3) and waits until the page is that wide. Where the engine cannot
 * make the viewport that narrow (WebKitGTK's MiniBrowser), the page's root element is given that width
 * instead: the widget has no viewport media queries, so it lays out as in such a viewport.
 */
export async function holdPhone(width: number, height: number): Promise<Emulated> {
  const emulated = await executeServerCommand<Emulated, object>('device:emulate', {
    width,
    height,
    touch: true,
    scale: 3,
  });
  document.documentElement.style.inlineSize = emulated.viewport ? '' : `${width}px`;
  if (emulated.viewport)
    await waitUntil(() => window.innerWidth === width, `the viewport is ${width} px wide (now ${window.innerWidth})`);
  return emulated;
}

/** The widget alone in the page, in `lang`, with the page's margin (8 px) as a phone browser has it. */
export async function widgetIn(
  lang: Lang,
  attributes: { endpoint?: string; emailStep?: string; password?: string } = {},
): Promise<VlensRegister> {
  const el = await fixture<VlensRegister>(html`<vlens-register
    lang=${lang}
    endpoint=${attributes.endpoint ?? ENDPOINT}
    email-step=${attributes.emailStep ?? 'off'}
    password=${attributes.password ?? 'off'}
  ></vlens-register>`);
  await submitPath.load();
  return el;
}

/**
 * Presses a button as a keyboard or screen-reader user does (the people who lose their place when focus
 * drops): focus, then Enter. In every engine: emulated taps proved unreliable (./device-commands.mjs).
 */
export async function press(button: HTMLElement): Promise<void> {
  button.scrollIntoView({ block: 'center' });
  button.focus();
  let clicked = false;
  button.addEventListener('click', () => (clicked = true), { once: true });
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => clicked, 'the button was pressed');
}

/** The element focus is on, through shadow roots. */
export function focused(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Counts the distinct texts a live region showed from now on (an announcement each). */
export function announcements(region: Element): () => string[] {
  const seen: string[] = [];
  let last = region.textContent?.trim() ?? '';
  const note = () => {
    const text = region.textContent?.trim() ?? '';
    if (text && text !== last) seen.push(text);
    last = text;
  };
  new MutationObserver(note).observe(region, { childList: true, characterData: true, subtree: true });
  return () => seen;
}
