/**
 * The script-tag bundles as `npm run build:dist` builds them (minified, Lit in production mode) complete
 * a registration in Chromium from the pages in demo/frameworks: the ES module
 * from plain.html, the classic script (a loader of that module) from the CMS snippet. The pages are
 * served beside the real proxy in front of the stand-in, like `npm start`. The classic script also
 * from a second origin (a CDN) with CORS, under a strict CSP (nonce + 'strict-dynamic', and a host
 * allowlist), beside the module tag, and from a CDN without CORS (a console error that says why).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createVlensStandIn } from '../../src/mock/index.js';
import { createVlensProxy } from '../../src/server/proxy.js';
import { toNodeListener } from '../../src/server/node.js';
import { serveStatic } from '../../src/server/static.js';
import { builtDist } from '../helpers/built-dist.js';
import { recordPageErrors } from '../helpers/page-errors.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const roomy = { points: 10_000, durationSec: 600 };

const standIn = createVlensStandIn();
const proxy = createVlensProxy({
  apiKey: 'bundle-test-key',
  upstream: 'http://stand-in.invalid',
  fetch: async (input, init) => standIn.handle(new Request(input, init)),
  limits: {
    sendShort: roomy,
    sendDaily: roomy,
    sendIp: roomy,
    sendGlobal: roomy,
    codeChecks: roomy,
    ip: roomy,
    existence: roomy,
  },
  log: () => {},
});
const api = toNodeListener(proxy);
/** The same stand-in behind a proxy that sends codes to Egypt and Saudi Arabia. */
const egSaProxy = createVlensProxy({
  apiKey: 'bundle-test-key',
  upstream: 'http://stand-in.invalid',
  mountPath: '/api/vlens-eg-sa',
  allowedCountries: ['EG', 'SA'],
  fetch: async (input, init) => standIn.handle(new Request(input, init)),
  log: () => {},
});
const egSaApi = toNodeListener(egSaProxy);

/** A page with one widget from `script` (`/dist/vlens-register.js` as a module, or the classic script). */
function countryPage(script: 'es' | 'classic', attributes: string): string {
  const tag =
    script === 'es'
      ? '<script type="module" src="/dist/vlens-register.js"></script>'
      : '<script src="/dist/vlens-register.iife.js" defer></script>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>countries</title>${tag}</head>
<body><vlens-register ${attributes}></vlens-register></body></html>`;
}

/** The nonce of the CSP pages' script tags. */
const NONCE = 'bnVsbC1ub25jZS0yNA';

/**
 * A page on the first origin whose classic script comes from `scriptOrigin` (the CDN), with the widget
 * on the EG+SA proxy; `csp` is sent as the page's Content-Security-Policy, the script tag carries
 * NONCE, and `moduleTag` adds the ES module's own tag from the same CDN before the classic one.
 */
function cdnPage(scriptOrigin: string, moduleTag: boolean): string {
  const module = moduleTag
    ? `<script type="module" src="${scriptOrigin}/vlens-register.js" nonce="${NONCE}"></script>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CDN</title>${module}
<script src="${scriptOrigin}/vlens-register.iife.js" nonce="${NONCE}" defer></script></head>
<body><vlens-register endpoint="${egSaProxy.mountPath}" email-step="auto"></vlens-register></body></html>`;
}
/** The policies README gives: a nonce with 'strict-dynamic', and a host allowlist (CDN_ORIGIN is replaced). */
const POLICIES = {
  nonce: `script-src 'nonce-${NONCE}' 'strict-dynamic'; object-src 'none'; base-uri 'none'; connect-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html`,
  hosts: `script-src CDN_ORIGIN; object-src 'none'; base-uri 'none'; connect-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html`,
} as const;

let dist: string;
let server: Server;
let origin: string;
/** The CDN: dist/ on a second origin, at `/cors/` with `Access-Control-Allow-Origin: *`, at `/plain/` without. */
let cdnServer: Server;
let cdnOrigin: string;
let browser: Browser;

before(async () => {
  dist = await builtDist();
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path.startsWith(`${egSaProxy.mountPath}/`)) return egSaApi(req, res);
    if (path.startsWith(`${proxy.mountPath}/`)) return api(req, res);
    if (path === '/cdn.html') {
      const query = new URL(req.url!, 'http://page').searchParams;
      const csp = POLICIES[query.get('csp') as keyof typeof POLICIES] as string | undefined;
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        ...(csp && { 'content-security-policy': csp.replace('CDN_ORIGIN', cdnOrigin) }),
      });
      return res.end(cdnPage(`${cdnOrigin}/${query.get('cdn') ?? 'cors'}`, query.has('module')));
    }
    if (path === '/countries.html') {
      const query = new URL(req.url!, 'http://page').searchParams;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(countryPage(query.get('script') === 'classic' ? 'classic' : 'es', query.get('attributes') ?? ''));
    }
    const [root, rest] = path.startsWith('/dist/')
      ? [dist, path.slice('/dist/'.length)]
      : [join(ROOT, 'demo'), path.slice(1)];
    void serveStatic(root, rest, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cdnServer = createServer((req, res) => {
    const [, mode, rest] = /^\/(cors|plain)\/(.*)$/.exec((req.url ?? '/').split('?')[0]) ?? [];
    if (mode === 'cors') res.setHeader('Access-Control-Allow-Origin', '*');
    if (!mode) return void res.writeHead(404).end();
    void serveStatic(dist, rest, req, res);
  });
  await new Promise<void>((resolve) => cdnServer.listen(0, '127.0.0.1', resolve));
  cdnOrigin = `http://127.0.0.1:${(cdnServer.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
});

after(async () => {
  await browser?.close();
  for (const each of [server, cdnServer])
    await new Promise<void>((resolve) => {
      if (!each) return resolve();
      each.close(() => resolve());
      each.closeAllConnections();
    });
  await proxy.close();
  await egSaProxy.close();
});

let phoneCounter = 0;
const uniquePhone = () =>
  `+2010${String(process.pid % 1000).padStart(3, '0')}${String(++phoneCounter).padStart(5, '0')}`;
/** A Saudi mobile number no other test uses. */
const uniqueSaudiPhone = () =>
  `+96650${String(process.pid % 100).padStart(2, '0')}${String(++phoneCounter).padStart(5, '0')}`;

/** Opens `page`, registers a fresh number through the widget, and returns what the page loaded and logged. */
async function registerOn(
  path: string,
  phone = uniquePhone(),
): Promise<{ page: Page; scripts: string[]; errors: string[]; api: ApiExchange[]; code: string }> {
  const page = await browser.newPage();
  const scripts: string[] = [];
  const errors: string[] = [];
  const api: ApiExchange[] = [];
  page.on('requestfinished', async (request) => {
    if (!/^\/api\/vlens[-/]/.test(new URL(request.url()).pathname)) return;
    const response = await request.response();
    api.push({ requestHeaders: await request.allHeaders(), body: (await response?.text()) ?? '' });
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (request.resourceType() === 'script') scripts.push(url.origin === origin ? url.pathname : url.href);
  });
  recordPageErrors(page, errors);
  // A step that never comes fails with what the page said (a blocked script, an error).
  const reach = (step: string) =>
    page.waitForSelector(`vlens-register[step="${step}"]`).catch(async (error: Error) => {
      const status = await page.locator('vlens-register [slot="status"]').textContent();
      throw new Error(`${error.message}\nstatus: ${status}\npage errors: ${errors.join('\n')}`);
    });
  await page.goto(`${origin}${path}`);
  const widget = page.locator('vlens-register');
  await widget.locator('input[name="phone"]').waitFor();
  // Until the proxy's list arrives only the default country (Egypt) is offered: another waits for the picker.
  if (!phone.startsWith('+20')) await widget.locator('[part~="country-toggle"]').waitFor();
  await widget.locator('input[name="phone"]').fill(phone);
  await widget.locator('button[part~="submit"]').click();
  await reach('phone-code');
  const code = standIn.control.lastCode(phone);
  assert.ok(code, `the stand-in sent a code to ${phone}`);
  await widget.locator('input[name="code"]').fill(code);
  await reach('finish');
  await widget.locator('button[part~="submit"]').click();
  await reach('done');
  return { page, scripts, errors, api, code };
}

/** One call to the proxy as the browser's network panel shows it. */
interface ApiExchange {
  requestHeaders: Record<string, string>;
  body: string;
}

/** What the network panel shows: no API key sent or received, no code in any response, the token nowhere it could leak. */
async function assertNothingLeaks(page: Page, api: ApiExchange[], code: string): Promise<void> {
  const registered = () => api.find(({ body }) => body.includes('"accessToken"'));
  for (let waited = 0; !registered() && waited < 15_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  assert.ok(api.length >= 4, `the registration's calls were seen (${api.length})`);
  for (const { requestHeaders, body } of api) {
    assert.ok(
      !Object.keys(requestHeaders).some((name) => name.toLowerCase() === 'apikey'),
      'no ApiKey header from the browser',
    );
    assert.ok(
      !JSON.stringify(requestHeaders).includes('bundle-test-key') && !body.includes('bundle-test-key'),
      'the key never reaches the browser',
    );
    assert.ok(!/Otp"\s*:/.test(body), `no one-time code field in a response: ${body}`);
    assert.ok(!body.includes(`"${code}"`), 'the code itself appears in no response');
  }
  const token = JSON.parse(registered()!.body).data.accessToken as string;
  assert.ok(token, 'the last response carries the token');
  const kept = await page.evaluate<string>(
    'JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href',
  );
  assert.ok(!kept.includes(token), 'the token is not in storage or the URL');
}

test('the ES module bundle registers from plain.html: first the bundle, then the config reader, the submit path, the calling codes and the picker panel, nothing else', async () => {
  const { page, scripts, errors, api, code } = await registerOn('/frameworks/plain.html');
  try {
    assert.deepEqual(errors, []);
    await assertNothingLeaks(page, api, code);
    // The bundle first; then the lazy chunks the page uses (PAGE_CHUNKS).
    assert.equal(scripts[0], '/dist/vlens-register.js');
    assert.deepEqual(
      scripts
        .slice(1)
        .map((script) => /^\/dist\/chunks\/(.+)-[\w-]{8}\.js$/.exec(script)?.[1] ?? script)
        .sort(),
      PAGE_CHUNKS,
      'no other lazy chunk without OAuth or another country',
    );
    assert.match((await page.locator('#log').textContent()) ?? '', /step: finish → done\nregistered: /);
  } finally {
    await page.close();
  }
});

/**
 * The lazy chunks a page that registers with an Egyptian number loads, for either tag: the light-DOM
 * field's nodes with the checks and digit clean-up they share with the submit path, and the readable
 * colours (asked for when the element connects), the proxy's
 * configuration reader, the submit path (phone library, client, later strings), the zod schemas and
 * OAuth types it shares, the calling codes (shared by the submit path and the picker's panel), the
 * panel (at idle). No OAuth provider, no world phone metadata.
 */
const PAGE_CHUNKS = [
  'config',
  'countries',
  'country-picker-panel',
  'digits',
  'light-field-nodes',
  'readable-colours',
  'response',
  'submit-path',
  'types',
  'validation',
];

/** The script paths after the first, with the chunks' hashes left out. */
const chunkNames = (scripts: string[]) =>
  scripts.map((script) => /\/chunks\/(.+)-[\w-]{8}\.js$/.exec(script)?.[1] ?? script).sort();

test('the classic script registers from the CMS snippet (attributes only): a loader of the ES module beside it', async () => {
  const { page, scripts, errors } = await registerOn('/frameworks/cms-snippet.html');
  try {
    assert.deepEqual(errors, []);
    assert.deepEqual(scripts.slice(0, 2), ['/dist/vlens-register.iife.js', '/dist/vlens-register.js']);
    assert.deepEqual(chunkNames(scripts.slice(2)), PAGE_CHUNKS, 'the same lazy chunks as the module tag');
    assert.equal(await page.evaluate<string>("typeof customElements.get('vlens-register')"), 'function');
  } finally {
    await page.close();
  }
});

for (const [name, query] of [
  ['from a CDN with CORS', 'cdn=cors'],
  ["under a CSP with a nonce and 'strict-dynamic'", 'cdn=cors&csp=nonce'],
  ['under a CSP with a host allowlist', 'cdn=cors&csp=hosts'],
] as const) {
  test(`the classic script ${name} registers a Saudi number the proxy allows`, async () => {
    const { page, scripts, errors } = await registerOn(`/cdn.html?${query}`, uniqueSaudiPhone());
    try {
      assert.deepEqual(errors, [], 'no error and no CSP violation on the console');
      assert.deepEqual(scripts.slice(0, 2), [
        `${cdnOrigin}/cors/vlens-register.iife.js`,
        `${cdnOrigin}/cors/vlens-register.js`,
      ]);
      assert.ok(
        scripts.slice(2).every((script) => script.startsWith(`${cdnOrigin}/cors/chunks/`)),
        `every chunk from the CDN: ${scripts.join(' ')}`,
      );
      assert.ok(chunkNames(scripts).includes('metadata.min.json'), "Saudi Arabia's metadata was loaded");
    } finally {
      await page.close();
    }
  });
}

test('the classic script and the module tag on one page: one module, one definition', async () => {
  const { page, scripts, errors } = await registerOn('/cdn.html?cdn=cors&csp=nonce&module', uniqueSaudiPhone());
  try {
    assert.deepEqual(errors, []);
    assert.equal(scripts.filter((script) => script.endsWith('/vlens-register.js')).length, 1, scripts.join(' '));
    assert.equal(await page.locator('vlens-register').count(), 1);
  } finally {
    await page.close();
  }
});

test('the classic script from a CDN without CORS: no widget, and a console error that names the file and the header', async () => {
  const page = await browser.newPage();
  try {
    const logged = page.waitForEvent('console', {
      predicate: (message) => message.type() === 'error' && message.text().startsWith('<vlens-register>'),
    });
    await page.goto(`${origin}/cdn.html?cdn=plain`);
    const text = (await logged).text();
    assert.match(text, new RegExp(`could not load ${cdnOrigin}/plain/vlens-register\\.js`));
    assert.match(text, /Access-Control-Allow-Origin/);
    assert.equal(await page.evaluate<string>("typeof customElements.get('vlens-register')"), 'undefined');
  } finally {
    await page.close();
  }
});

/**
 * Opens a page with one widget and returns it with the countries its picker offers (empty: no picker).
 * `settled` gets the page and the widget's answered GET {endpoint}/config, watched from before the page
 * loads (a response that came before a later wait began would never be seen).
 */
async function offeredOn(
  script: 'es' | 'classic',
  attributes: string,
  settled: (page: Page, configAnswered: Promise<unknown>) => Promise<unknown>,
) {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const configAnswered = page.waitForResponse((response) => new URL(response.url()).pathname.endsWith('/config'), {
    timeout: 15_000,
  });
  configAnswered.catch(() => {}); // awaited (and its failure reported) only by the tests that need it
  await page.goto(`${origin}/countries.html?${new URLSearchParams({ script, attributes }).toString()}`);
  await page.locator('vlens-register input[name="phone"]').waitFor();
  await settled(page, configAnswered);
  const toggle = page.locator('vlens-register [part~="country-toggle"]');
  let offered: string[] = [];
  if (await toggle.count()) {
    await toggle.click();
    offered = (
      await page
        .locator('vlens-register [part~="country-list"] option')
        .evaluateAll((options) => options.map((o) => o.getAttribute('value') ?? ''))
    ).sort();
  }
  return { page, offered, errors };
}

/** Types a Saudi number and returns the status line the widget shows (no call is made for it). */
async function refusalOf(page: Page): Promise<string> {
  await page.locator('vlens-register input[name="phone"]').fill('+966 50 123 4567');
  await page.locator('vlens-register button[part~="submit"]').click();
  const status = page.locator('vlens-register [slot="status"][data-tone="error"]');
  await status.waitFor();
  return (await status.textContent())?.trim() ?? '';
}

const COUNTRY_REFUSED = 'Codes cannot be sent to this number. Use a mobile number from a supported country.';

test('with the proxy allowing only Egypt, neither bundle offers another country', async () => {
  // default-country="SA" shows Saudi Arabia until the proxy's list arrives; then Egypt alone.
  for (const script of ['es', 'classic'] as const) {
    const { page, offered, errors } = await offeredOn(script, 'endpoint="/api/vlens" default-country="SA"', (p) =>
      // A string: it runs in the page, and Node code is type-checked without the DOM.
      p.waitForFunction(
        `document.querySelector('vlens-register')?.shadowRoot?.querySelector('[part~="country-name"]')?.textContent?.includes('+20')`,
      ),
    );
    try {
      assert.deepEqual(offered, [], `${script}: no picker`);
      assert.equal(
        await refusalOf(page),
        COUNTRY_REFUSED,
        `${script}: refused as a country, not as a connection problem`,
      );
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  }
});

test('with ["EG","SA"] both tags offer exactly those', async () => {
  for (const script of ['es', 'classic'] as const) {
    const { page, offered, errors } = await offeredOn(script, 'endpoint="/api/vlens-eg-sa"', (p) =>
      p.locator('vlens-register [part~="country-toggle"]').waitFor(),
    );
    try {
      assert.deepEqual(offered, ['EG', 'SA'], script);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  }
});
