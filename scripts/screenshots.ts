/**
 * Writes docs/images/widget.png: the real widget's phone step in English and Arabic, light and dark,
 * side by side, as the built ES bundle renders it in Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core) in front of the real proxy and the stand-in. The text is Noto Sans and Noto Sans
 * Arabic from npm (@fontsource), rasterised one fixed way (test/browser/fontconfig/fonts.conf), so the
 * picture does not depend on the machine's fonts.
 *
 *   node --import tsx scripts/screenshots.ts      (builds the bundles first when dist/ has none)
 *
 * CHROME_PATH names another Chromium.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createVlensStandIn } from '../src/mock/index.js';
import { toNodeListener } from '../src/server/node.js';
import { createVlensProxy } from '../src/server/proxy.js';
import { serveStatic } from '../src/server/static.js';
// @ts-expect-error -- a plain ES module of the test suite, without declarations
import { chromiumFontconfig } from '../test/browser/engines.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = `${ROOT}docs/images/widget.png`;
const FONTS = ['noto-sans', 'noto-sans-arabic'].flatMap((pkg) =>
  [400, 600, 700].map((weight) => `/fonts/${pkg}/${weight}.css`),
);

const CELLS = [
  { lang: 'en', theme: 'light', background: '#ffffff' },
  { lang: 'en', theme: 'dark', background: '#16181d' },
  { lang: 'ar', theme: 'light', background: '#ffffff' },
  { lang: 'ar', theme: 'dark', background: '#16181d' },
];

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
${FONTS.map((href) => `<link rel="stylesheet" href="${href}">`).join('\n')}
<style>
  body { margin: 0; }
  #grid { display: grid; grid-template-columns: repeat(2, 400px); width: max-content; }
  #grid > div { padding: 20px; }
  vlens-register { --vlens-font-family: 'Noto Sans', 'Noto Sans Arabic'; display: block; }
</style>
<script type="module" src="/dist/vlens-register.js"></script>
<script type="module">
  // Ready when every widget shows its submit button and every face of both fonts has loaded.
  const widgets = () => [...document.querySelectorAll('vlens-register')];
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  try {
    while (!widgets().every((el) => el.shadowRoot?.querySelector('button[part~="submit"]'))) await frame();
    await document.fonts.ready;
    for (const family of ['Noto Sans', 'Noto Sans Arabic']) {
      for (const weight of [400, 600, 700]) {
        const faces = await document.fonts.load(weight + " 16px '" + family + "'", 'Aa أب');
        if (faces.length === 0) throw new Error(family + ' ' + weight + ' did not load');
      }
    }
    await frame();
    await frame();
    globalThis.__shot = 'ready';
  } catch (error) {
    globalThis.__shot = String(error);
  }
</script>
</head>
<body>
<div id="grid">
${CELLS.map(
  ({ lang, theme, background }) =>
    `<div lang="${lang}" style="background:${background}"><vlens-register endpoint="/api/vlens" theme="${theme}"></vlens-register></div>`,
).join('\n')}
</div>
</body>
</html>`;

function buildIfMissing(): void {
  if (existsSync(`${ROOT}dist/vlens-register.js`)) return;
  console.log('building the bundles (dist/ has none)…');
  execFileSync(process.execPath, [`${ROOT}node_modules/rollup/dist/bin/rollup`, '-c', '--silent'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

async function serve(): Promise<{ url: string; close(): Promise<void> }> {
  const standIn = createVlensStandIn();
  const proxy = toNodeListener(
    createVlensProxy({
      apiKey: 'screenshots',
      upstream: 'http://stand-in.invalid',
      fetch: async (input, init) => standIn.handle(new Request(input, init)),
    }),
  );
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/api/vlens')) return proxy(req, res);
    if (path.startsWith('/dist/')) return void serveStatic(`${ROOT}dist`, path.slice('/dist/'.length), req, res);
    if (path.startsWith('/fonts/')) {
      return void serveStatic(`${ROOT}node_modules/@fontsource`, path.slice('/fonts/'.length), req, res);
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

buildIfMissing();
const server = await serve();
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  env: { ...process.env, FONTCONFIG_FILE: chromiumFontconfig() as string },
  args: ['--font-render-hinting=none', '--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('requestfailed', (request) => problems.push(`${request.url()} failed`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.url()}: ${response.status()}`);
  });
  await page.goto(server.url);
  const state = await (await page.waitForFunction('globalThis.__shot')).jsonValue();
  if (state !== 'ready') problems.push(String(state));
  if (problems.length) throw new Error(`the page reported:\n${problems.join('\n')}`);
  mkdirSync(`${ROOT}docs/images`, { recursive: true });
  await page.locator('#grid').screenshot({ path: OUT, animations: 'disabled' });
  console.log(`wrote ${OUT.slice(ROOT.length)}`);
} finally {
  await browser.close();
  await server.close();
}
