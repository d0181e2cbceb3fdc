// The three browser engines the suite runs in, all from Debian's packages (scripts/test.sh installs them):
// - chromium: /usr/bin/chromium through Playwright's launcher (CDP); with WTR_CHROMIUM=headless-shell
//             (`npm run test:fast`) Chromium's headless shell of the same version instead, the same
//             Blink and V8 without the browser around them (a third less CPU for the suite);
// - firefox:  /usr/bin/firefox-esr through Puppeteer (WebDriver BiDi);
// - webkit:   WebKitGTK's MiniBrowser through /usr/bin/WebKitWebDriver (WebDriver classic), on an
//             X display: ours from Xvfb unless DISPLAY is set.
// One engine per web-test-runner process (WTR_ENGINE), so scripts/test.sh can run them side by side,
// each with its own dev server, proxy and stand-in.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

export const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';
export const CHROMIUM_HEADLESS_SHELL = process.env.CHROME_HEADLESS_SHELL_PATH || '/usr/bin/chromium-headless-shell';
export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = process.env.MINIBROWSER_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/**
 * Files only Chromium runs: the screenshot baselines are Chromium's, and media emulation
 * (prefers-color-scheme, prefers-reduced-motion) needs the DevTools protocol. The other engines
 * run every other file.
 */
export const CHROMIUM_ONLY = [
  'test/browser/visual.test.ts',
  'test/browser/media.test.ts',
  'test/browser/contrast.test.ts',
];

/**
 * Files that hold or fail a lazy chunk's request (its "chunk gate"): they need a browser that has not
 * loaded that chunk for an earlier file, or the gate is never asked and the chunk is already there.
 */
export const LAZY_CHUNK_FILES = [
  'test/browser/lazy-submit.test.ts',
  'test/browser/lazy-submit-failure.test.ts',
  'test/browser/lazy-first-screen.test.ts',
];

/**
 * Chromium's browser contexts: one per test file (the default, `npm test`), or with
 * WTR_CHROMIUM_CONTEXT=shared (`npm run test:fast`) one for the whole run, each file in a page of its
 * own (a fifth less CPU). A shared context keeps its HTTP cache, so the lazy-chunk files then run apart.
 */
export const CHROMIUM_CONTEXT = process.env.WTR_CHROMIUM_CONTEXT === 'shared' ? 'shared' : 'per-file';

/**
 * The files an engine runs after its main run, apart from it (scripts/browser-tests.sh): in WebKitGTK,
 * which reuses a module an earlier file loaded from its memory cache with no request to the dev server
 * (not even a revalidation), the lazy-chunk files each in a browser of its own; in Chromium with a
 * shared context, the same files in one run with a context per file.
 * @param {string} engine
 * @returns {string[]}
 */
export function filesApart(engine) {
  if (engine === 'webkit') return LAZY_CHUNK_FILES;
  if (engine === 'chromium' && CHROMIUM_CONTEXT === 'shared') return LAZY_CHUNK_FILES;
  return [];
}

/** Every browser test file, sorted. */
export function browserTestFiles() {
  return readdirSync('test/browser', { recursive: true })
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => `test/browser/${file.replaceAll('\\', '/')}`)
    .sort();
}

/**
 * What a file costs, in CPU-seconds of a whole run of it (browser, runner, proxy and stand-in), as
 * measured in Chromium's headless shell with a shared context (2026-11-30): for balancing the shards
 * only, so a stale figure costs time, never a result. Files not listed count as TYPICAL_FILE_COST.
 */
const FILE_COST = {
  'contrast.test.ts': 11.1,
  'frameworks/angular.test.ts': 6.7,
  'oauth-lazy.test.ts': 5.3,
  'i18n-a11y.test.ts': 5.1,
  'hosts/jquery-cms.test.ts': 5.0,
  'visual.test.ts': 4.6,
  'hosts/angular-ssr.test.ts': 4.6,
  'fuzz-responses.test.ts': 4.6,
  'frameworks/svelte.test.ts': 4.5,
  'hosts/react-ssr.test.ts': 4.3,
  'a11y-audit.test.ts': 4.2,
  'hosts/vue-global.test.ts': 3.7,
};
const TYPICAL_FILE_COST = 2;
/** The runner the last shard starts for the files run apart, on top of their own cost. */
const APART_RUN_COST = 4;
const costOf = (file) => FILE_COST[file.replace('test/browser/', '')] ?? TYPICAL_FILE_COST;

/**
 * The files an engine's main run takes: all but the Chromium-only ones and those it runs apart.
 * `shard` ("i/n", from WTR_SHARD) takes the i-th of n parts of about equal cost (the costliest file
 * first, each to the part with the least so far; the last part also runs the files apart):
 * `npm run test:fast` runs Chromium as two shards side by side, each with its own dev server, proxy
 * and stand-in.
 */
export function engineFiles(engine, shard = process.env.WTR_SHARD) {
  const apart = filesApart(engine);
  const left = new Set([...(engine === 'chromium' ? [] : CHROMIUM_ONLY), ...apart]);
  const files = browserTestFiles().filter((file) => !left.has(file));
  if (!shard) return files;
  const [index, count] = shard.split('/').map(Number);
  if (!(count >= 1 && index >= 1 && index <= count)) throw new Error(`WTR_SHARD=${shard}: expected i/n, 1 <= i <= n`);
  const parts = Array.from({ length: count }, () => ({ cost: 0, files: [] }));
  if (apart.length) parts[count - 1].cost = APART_RUN_COST + apart.reduce((sum, file) => sum + costOf(file), 0);
  const costliestFirst = [...files].sort((a, b) => costOf(b) - costOf(a) || a.localeCompare(b));
  for (const file of costliestFirst) {
    const cheapest = parts.reduce((min, part) => (part.cost < min.cost ? part : min));
    cheapest.cost += costOf(file);
    cheapest.files.push(file);
  }
  return parts[index - 1].files.sort();
}

/**
 * Chromium's fontconfig file: ./fontconfig/fonts.conf (the machine's fonts, rasterised one fixed way),
 * or with TEST_SYSTEM_FONTS=none the same rules over no font at all (an empty folder), so a run of the
 * screenshot tests shows that their pixels come from the web fonts alone (scripts/browser-tests.sh).
 */
export function chromiumFontconfig(systemFonts = 'machine') {
  const own = fileURLToPath(new URL('./fontconfig/fonts.conf', import.meta.url));
  if (systemFonts !== 'none') return own;
  const dir = mkdtempSync(join(tmpdir(), 'vlens-no-fonts-'));
  mkdirSync(join(dir, 'fonts'));
  const machine = '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>';
  const text = readFileSync(own, 'utf8');
  if (!text.includes(machine)) throw new Error(`${own} no longer includes the machine's fontconfig as expected`);
  const none = `<dir>${join(dir, 'fonts')}</dir><cachedir>${join(dir, 'cache')}</cachedir>`;
  writeFileSync(join(dir, 'fonts.conf'), text.replace(machine, none));
  return join(dir, 'fonts.conf');
}

/**
 * web-test-runner prints an uncaught error through the console it captures, and may exit before that
 * is flushed: write it to stderr directly too, and say why the runner exits when it fails.
 */
function reportRunnerExit(engine) {
  process.on('uncaughtException', (error) =>
    process.stderr.write(`web-test-runner: uncaught ${error?.stack ?? error}\n`),
  );
  process.on('exit', (code) => {
    if (code !== 0) process.stderr.write(`web-test-runner (${engine}) exits with ${code}\n`);
  });
}

/**
 * For Playwright's launcher: one browser context for every test file. What web-test-runner asks of
 * the context it gets is a page (`newPage`) and, when the file is done, `close`: here that closes
 * the file's page and keeps the context.
 */
function sharedContext() {
  let shared;
  return async ({ browser }) => {
    shared ??= await browser.newContext();
    const pages = [];
    return {
      newPage: async () => {
        const page = await shared.newPage();
        pages.push(page);
        return page;
      },
      close: async () => {
        await Promise.all(pages.map((page) => page.close()));
      },
    };
  };
}

export async function engineLauncher(engine) {
  reportRunnerExit(engine);
  switch (engine) {
    case 'chromium': {
      const { playwrightLauncher } = await import('@web/test-runner-playwright');
      return playwrightLauncher({
        product: 'chromium',
        createBrowserContext: CHROMIUM_CONTEXT === 'shared' ? sharedContext() : undefined,
        launchOptions: {
          executablePath: process.env.WTR_CHROMIUM === 'headless-shell' ? CHROMIUM_HEADLESS_SHELL : CHROMIUM,
          // One way to rasterise text whatever the machine's fontconfig says (the screenshots).
          env: { ...process.env, FONTCONFIG_FILE: chromiumFontconfig(process.env.TEST_SYSTEM_FONTS) },
          args: [
            // The headless shell hints glyphs unless told not to; the browser follows the fontconfig
            // above. Both then draw the screenshots' text to the same pixels.
            '--font-render-hinting=none',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--no-first-run',
          ],
        },
      });
    }
    case 'firefox': {
      const { puppeteerLauncher } = await import('@web/test-runner-puppeteer');
      return puppeteerLauncher({
        launchOptions: {
          browser: 'firefox',
          executablePath: FIREFOX,
          headless: true,
          extraPrefsFirefox: {
            // No update checks, telemetry or first-run pages reaching for the network.
            'app.update.enabled': false,
            'datareporting.policy.dataSubmissionEnabled': false,
            'browser.shell.checkDefaultBrowser': false,
            // Every test file loads modules afresh: a module an earlier file loaded is not reused
            // from a cache, so a later file's chunk gate (failing a lazy module) is asked.
            'browser.cache.memory.enable': false,
            'browser.cache.disk.enable': false,
            'dom.script_loader.navigation_cache': false,
          },
        },
      });
    }
    case 'webkit': {
      const { webdriverLauncher } = await import('@web/test-runner-webdriver');
      const { port, capabilities } = await startWebKitDriver();
      return webdriverLauncher({
        hostname: '127.0.0.1',
        port,
        logLevel: 'error',
        capabilities: {
          ...capabilities,
          // A navigation returns at once, not at the page's load event: the test page reports over its own
          // socket. Waiting for load, a navigation on a loaded machine once outlasted WebdriverIO's request
          // timeout (UND_ERR_HEADERS_TIMEOUT on "url"), which killed the whole runner; a page that never
          // starts its tests now fails that file at testsStartTimeout instead.
          pageLoadStrategy: 'none',
        },
      });
    }
    default:
      throw new Error(`WTR_ENGINE=${engine}: expected one of ${ENGINES.join(', ')}`);
  }
}

const children = new Set();
process.once('exit', () => {
  for (const child of children) child.kill();
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    process.stderr.write(`web-test-runner: ${signal}\n`);
    for (const child of children) child.kill();
    process.exit(130);
  });
}

/**
 * WebKitGTK's WebDriver on a free port (and an Xvfb display unless DISPLAY is set), for the life of this
 * process, with the capabilities that start MiniBrowser there. Also used by test/node/testing-recipes.test.ts.
 */
export async function startWebKitDriver() {
  const xvfb = process.env.DISPLAY ? undefined : await startXvfb();
  const display = process.env.DISPLAY || xvfb.display;
  const port = await freePort();
  const driver = await startChild(WEBKIT_DRIVER, [`--port=${port}`], { ...process.env, DISPLAY: display }, () =>
    listening(port),
  );
  return {
    port,
    /** Ends the driver and the display started here (else they end with this process). */
    stop: () => {
      for (const child of [driver, xvfb?.child]) {
        if (!child) continue;
        children.delete(child);
        child.kill();
      }
    },
    capabilities: {
      // WebKitGTK's driver speaks WebDriver classic; WebdriverIO would otherwise ask for BiDi (webSocketUrl).
      'wdio:enforceWebDriverClassic': true,
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation', `--display=${display}`] },
    },
  };
}

/** Starts a child for the life of this process; resolves once `ready()` does, rejects if it exits first. */
function startChild(command, args, env, ready) {
  const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(child);
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${command} exited (${code}) before it was ready: ${stderr}`)));
    ready(child).then(() => resolve(child), reject);
  });
}

/** An Xvfb server on the first free display (it writes the number it took to fd 3), and its process. */
async function startXvfb() {
  const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdio[3].on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve({ display: `:${out.trim()}`, child });
    });
    child.once('error', (error) => reject(new Error(`Xvfb did not start (apt-get install xvfb): ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${stderr}`)));
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when something accepts connections on the port (the driver is up). */
async function listening(port) {
  const { connect } = await import('node:net');
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not listen on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
