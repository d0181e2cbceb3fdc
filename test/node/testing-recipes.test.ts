/**
 * docs/testing.md's recipes, run as written on the demo page in front of the real proxy and the
 * stand-in. WebDriver: WebdriverIO against WebKitGTK's WebDriver (MiniBrowser on Xvfb): typing into
 * the shadow stand-in field fails, the recipe (click the host, type into the light field, Enter,
 * the code, a script click) registers, and a shadow-root button takes a WebDriver click there.
 * Playwright: playwright-core driving Debian's Chromium through the guide's locators.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { remote } from 'webdriverio';
import { createVlensStandIn } from '../../src/mock/index.js';
import { toNodeListener } from '../../src/server/node.js';
import { createVlensProxy } from '../../src/server/proxy.js';
import { serveStatic } from '../../src/server/static.js';
// @ts-expect-error -- a plain ES module of the test suite, without declarations
import { startWebKitDriver } from '../browser/engines.mjs';
import { builtDist } from '../helpers/built-dist.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PHONE = '+201001234567';
const standIn = createVlensStandIn();
let server: Server;
let base = '';
let browser: WebdriverIO.Browser;
let stopDriver = () => {};

before(async () => {
  await builtDist();
  const proxy = toNodeListener(
    createVlensProxy({
      apiKey: 'testing-recipes',
      upstream: 'http://stand-in.invalid',
      fetch: async (input, init) => standIn.handle(new Request(input, init)),
    }),
  );
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/api/vlens')) return proxy(req, res);
    const [root, rest] = path.startsWith('/dist/') ? ['dist', path.slice(6)] : ['demo', path.slice(1)];
    void serveStatic(`${ROOT}${root}`, rest, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const driver = (await startWebKitDriver()) as {
    port: number;
    capabilities: WebdriverIO.Capabilities;
    stop: () => void;
  };
  stopDriver = driver.stop;
  browser = await remote({
    hostname: '127.0.0.1',
    port: driver.port,
    logLevel: 'error',
    // A navigation returns at once rather than at the page's load event (as the browser suite's WebKitGTK
    // launcher does, test/browser/engines.mjs): at load average 12 a `url` waiting for load outlasted
    // WebdriverIO's 120 s request timeout. freshPage then waits for the widget itself.
    capabilities: { ...driver.capabilities, pageLoadStrategy: 'none' },
  });
});

after(async () => {
  await browser?.deleteSession().catch(() => undefined);
  stopDriver();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

/** A script for the page (its DOM types are not this program's): the light-DOM field's chunk, once requested. */
const LIGHT_FIELD_CHUNK =
  "performance.getEntriesByType('resource').map((entry) => entry.name).find((name) => name.includes('/light-field-nodes-'))";

/**
 * The demo page, its widget upgraded and showing its first step, and the light-DOM field's module (asked
 * for when the widget connects) evaluated: until then the stand-in field takes typing, as it does for a
 * person (on a loaded machine that once made the first test's typing succeed).
 */
let visits = 0;
async function freshPage() {
  standIn.control.reset();
  // A query of its own per visit: `url` returns before the new page is in (pageLoadStrategy 'none'), and
  // the waits below must not pass on the page before it.
  const visit = `?visit=${++visits}`;
  await browser.url(`${base}/${visit}`);
  const host = browser.$('vlens-register');
  const arrived = async () => (await browser.execute('return location.search').catch(() => '')) === visit;
  await browser.waitUntil(async () => (await arrived()) && browser.$('>>>button[part~="submit"]').isExisting(), {
    timeout: 20_000,
    timeoutMsg: 'the widget shows its first step',
  });
  await browser.waitUntil(async () => Boolean(await browser.execute(`return ${LIGHT_FIELD_CHUNK}`)), {
    timeout: 20_000,
    timeoutMsg: 'the widget asks for the light-DOM field module',
  });
  // The same URL imported again settles once the widget's own import has evaluated it.
  await browser.executeAsync(
    `const done = arguments[arguments.length - 1]; import(${LIGHT_FIELD_CHUNK}).then(() => done(), () => done());`,
  );
  return host;
}

type Host = Awaited<ReturnType<typeof freshPage>>;
const stepOf = (host: Host) => host.getAttribute('step');
async function waitForStep(host: Host, step: string): Promise<void> {
  await browser.waitUntil(async () => (await stepOf(host)) === step, {
    timeout: 20_000,
    timeoutMsg: `step ${step} (now ${await stepOf(host)})`,
  });
}

test('typing into the shadow stand-in field fails: its focus moves to the light field at once', async () => {
  await freshPage();
  const fallback = browser.$('>>>input[data-vlens-fallback]');
  assert.ok(await fallback.isExisting(), 'the stand-in field is there before any interaction');
  await assert.rejects(fallback.setValue('1001234567'));
});

test('the recipe registers: click the host, type into the light field, Enter, the code, a script click', async () => {
  const widget = await freshPage();
  await widget.click(); // the host itself is clickable
  const field = browser.$('vlens-register > input[slot="field"]');
  await field.setValue('1001234567');
  await browser.keys('Enter'); // Enter submits the step
  await waitForStep(widget, 'phone-code');
  const code = browser.$('vlens-register > input[slot="field"]');
  await code.setValue(standIn.control.lastCode(PHONE)!); // submits at the last digit
  await waitForStep(widget, 'finish');
  // A script click, where a driver refuses a shadow-root button (the page's own DOM types: a string of JavaScript).
  await browser.execute('arguments[0].shadowRoot.querySelector(\'[part~="submit"]\').click()', widget);
  await waitForStep(widget, 'done');
  const log = await browser.$('#log').getText();
  assert.match(log, /vlens-registered/);
});

test("WebKitGTK's driver clicks a shadow-root button (other drivers may report it intercepted)", async () => {
  const widget = await freshPage();
  await widget.click();
  await browser.$('vlens-register > input[slot="field"]').setValue('1001234567');
  await browser.$('>>>button[part~="submit"]').click();
  await waitForStep(widget, 'phone-code');
});

test("the Playwright recipe registers in Chromium: the host's click, fill, the parts through the shadow root", async () => {
  standIn.control.reset();
  const chrome = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium' });
  try {
    const page = await chrome.newPage();
    await page.goto(`${base}/`);
    const widget = page.locator('vlens-register');
    const step = (name: string) =>
      page.waitForFunction(`document.querySelector('vlens-register')?.getAttribute('step') === '${name}'`);
    await widget.click(); // the first interaction makes the light field
    await page.locator('vlens-register > input[slot="field"]').fill('1001234567');
    await page.locator('vlens-register [part~="submit"]').click();
    await step('phone-code');
    await page.locator('vlens-register > input[slot="field"]').fill(standIn.control.lastCode(PHONE)!);
    await step('finish');
    await page.locator('vlens-register [part~="submit"]').click();
    await step('done');
    assert.match(await page.locator('#log').innerText(), /vlens-registered/);
  } finally {
    await chrome.close();
  }
});
