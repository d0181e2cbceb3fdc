/**
 * The example apps (examples/next, examples/nuxt) as a new user runs them: a copy of the example
 * with the packed tarball (`npm pack` of the built dist/) unpacked as its `vlens-register`, the
 * framework from this repository's devDependencies (Node finds them up the tree), built and served
 * by the framework's own commands with the stand-in as Vlens, and used in a real Chromium.
 */
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/bench/browser.js';
import { builtDist } from '../helpers/built-dist.js';
import { createVlensStandIn, type VlensStandIn } from '../../src/mock/index.js';
import { startStandIn } from '../../src/mock/server.js';
import { recordPageErrors } from '../helpers/page-errors.js';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
export const STAND_IN_KEY = 'apps-test-key';

/** `examples/<name>` copied under .tmp/ (inside the repository, so Node finds the frameworks in its node_modules), with the tarball as its vlens-register. */
export async function prepareApp(name: 'next' | 'nuxt'): Promise<{ dir: string; remove(): void }> {
  await builtDist();
  const packDir = mkdtempSync(join(tmpdir(), 'vlens-apps-pack-'));
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], {
    cwd: ROOT,
  });
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
  mkdirSync(join(ROOT, '.tmp/apps'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, `.tmp/apps/${name}-`));
  cpSync(join(ROOT, 'examples', name), dir, { recursive: true });
  const installed = join(dir, 'node_modules/vlens-register');
  mkdirSync(installed, { recursive: true });
  await run('tar', ['-xzf', join(packDir, filename), '-C', installed, '--strip-components=1']);
  rmSync(packDir, { recursive: true, force: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs a framework command (`next build`…) in `dir`; rejects with its output when it fails. */
export async function build(dir: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const started = performance.now();
  try {
    const { stdout, stderr } = await run(join(ROOT, 'node_modules/.bin', command), args, {
      cwd: dir,
      env,
      maxBuffer: 64 << 20,
    });
    console.log(`# ${command} ${args.join(' ')}: ${Math.round(performance.now() - started)} ms`);
    return stdout + stderr;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout}\n${stderr}`, { cause: error });
  }
}

/** This process's environment without any Vlens setting of its own, plus `extra`. */
export function appEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NUXT_TELEMETRY_DISABLED: '1' };
  for (const name of Object.keys(env)) if (name.startsWith('VLENS_')) delete env[name];
  return { ...env, ...extra };
}

export interface Served {
  url: string;
  /** What the server printed so far (stdout and stderr). */
  output(): string;
  close(): Promise<void>;
}

/** A port nothing listens on now (the server below takes it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts a server process on a free port and waits until `url` answers. */
export async function serve(
  dir: string,
  commandFor: (port: number) => string[],
  env: NodeJS.ProcessEnv,
): Promise<Served> {
  const port = await freePort();
  const command = commandFor(port);
  const child: ChildProcess = spawn(command[0], command.slice(1), {
    cwd: dir,
    env: { ...env, PORT: String(port) },
    stdio: 'pipe',
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  // A bound for a server that never comes up, not a time it should take.
  const deadline = performance.now() + 120_000;
  while (!(await answers(url))) {
    if (child.exitCode !== null || performance.now() > deadline) {
      child.kill();
      throw new Error(`${command.join(' ')} did not serve ${url}:\n${output}`);
    }
    await sleep(100);
  }
  return {
    url,
    output: () => output,
    close: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url);
    return true;
  } catch {
    return false;
  }
}

/** The stand-in as Vlens, on loopback. */
export async function standInUpstream(): Promise<{ standIn: VlensStandIn; url: string; close(): Promise<void> }> {
  const standIn = createVlensStandIn({ apiKey: STAND_IN_KEY });
  const server = await startStandIn(standIn);
  return { standIn, url: server.url, close: () => server.close() };
}

/**
 * Other people's existence checks: `count` calls, each from its own loopback address (127.0.0.11,
 * 127.0.0.12…), as many visitors behind their own addresses would make them. Resolves to their statuses.
 */
export async function othersCheckExistence(base: string, count: number): Promise<number[]> {
  const { hostname, port } = new URL(base);
  const body = (i: number) => JSON.stringify({ phoneNumber: `+2010990000${String(i).padStart(2, '0')}` });
  return Promise.all(
    Array.from(
      { length: count },
      (_, i) =>
        new Promise<number>((resolve, reject) => {
          const req = request(
            {
              host: hostname,
              port,
              localAddress: `127.0.0.${11 + i}`,
              method: 'POST',
              path: '/api/vlens/CheckExistenceOfEmailOrPhone',
              headers: { 'Content-Type': 'application/json' },
            },
            (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            },
          );
          req.on('error', reject);
          req.end(body(i));
        }),
    ),
  );
}

let counter = 0;
/** A number no other test run registers (the pid and a counter). */
export const uniquePhone = () =>
  `+2010${String(process.pid % 1000).padStart(3, '0')}${String(++counter).padStart(5, '0')}`;

export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

export { recordPageErrors } from '../helpers/page-errors.js';

/**
 * A server of the app started without VLENS_API_KEY: the proxy's route answers a 500 envelope and
 * the server's output says why (the adapter named). Closes the server.
 */
export async function expectKeylessRoute(
  dir: string,
  commandFor: (port: number) => string[],
  env: NodeJS.ProcessEnv,
  adapter: string,
): Promise<void> {
  const keyless = await serve(dir, commandFor, env);
  try {
    const response = await fetch(`${keyless.url}/api/vlens/CheckExistenceOfEmailOrPhone`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ phoneNumber: '+201001234567' }),
    });
    assert.equal(response.status, 500);
    assert.deepEqual(await response.json(), {
      data: null,
      error_code: 500,
      error_message: 'The registration service is not configured',
      error_descriptions: { source: 'proxy' },
    });
    assert.match(keyless.output(), new RegExp(`${adapter}: the Vlens proxy could not be created.*apiKey is required`));
  } finally {
    await keyless.close();
  }
}

/** Waits until the widget is on `step`; fails at once with the widget's `vlens-error` if one comes first. */
async function reachStep(page: Page, step: string): Promise<void> {
  const handle = await page.waitForFunction(
    `window.__vlensErrors.length ? { error: JSON.stringify(window.__vlensErrors[0]) }
      : document.querySelector('vlens-register')?.getAttribute('step') === ${JSON.stringify(step)} && { error: null }`,
  );
  const { error } = (await handle.jsonValue()) as { error: string | null };
  if (error) throw new Error(`vlens-error before step ${step}: ${error}`);
}

/**
 * A person registers a fresh number through the page's widget (phone, the code the stand-in sent,
 * finish); resolves once the app shows its handler received the token. Returns the number.
 */
export async function registerThroughPage(page: Page, standIn: VlensStandIn): Promise<string> {
  await page.evaluate(`window.__vlensErrors = [];
    document.addEventListener('vlens-error', (event) => window.__vlensErrors.push(event.detail));`);
  const widget = page.locator('vlens-register');
  const phone = uniquePhone();
  await widget.locator('input[name="phone"]').waitFor();
  await widget.locator('input[name="phone"]').fill(phone);
  await widget.locator('button[part~="submit"]').click();
  await reachStep(page, 'phone-code');
  const code = standIn.control.lastCode(phone);
  if (!code) throw new Error(`the stand-in sent no code to ${phone}`);
  await widget.locator('input[name="code"]').fill(code);
  await reachStep(page, 'finish');
  await widget.locator('button[part~="submit"]').click();
  await page.waitForSelector('#registered[data-token-received="yes"]');
  return phone;
}

export interface RunningApp {
  dir: string;
  /** What the build printed. */
  buildOutput: string;
  upstream: Awaited<ReturnType<typeof standInUpstream>>;
  server: Served;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * examples/<name> prepared and built with no Vlens setting in the environment, then served with the
 * key and the stand-in as upstream (`env(extra)` makes the server's environment), and Chromium.
 */
export async function startApp(
  name: 'next' | 'nuxt',
  {
    build: [command, args],
    serve: commandFor,
    env,
  }: {
    build: [string, string[]];
    serve: (port: number) => string[];
    env: (extra: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
  },
): Promise<RunningApp> {
  const app = await prepareApp(name);
  const closers: (() => Promise<void> | void)[] = [app.remove];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer();
  };
  try {
    const buildOutput = await build(app.dir, command, args, appEnv());
    const upstream = await standInUpstream();
    closers.push(upstream.close);
    const server = await serve(app.dir, commandFor, env({ VLENS_API_KEY: STAND_IN_KEY, VLENS_UPSTREAM: upstream.url }));
    closers.push(server.close);
    const browser = await launchBrowser();
    closers.push(() => browser.close());
    return { dir: app.dir, buildOutput, upstream, server, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The server-rendered page at `path` carries the tag with its endpoint; ten other visitors' existence
 * checks, each from its own address, leave a fresh visitor's budget alone (the default is ten per
 * address: had every visitor one key, "unknown", the visitor would be refused at the phone step);
 * the visitor registers on the page loaded fresh and again after a reload, nothing going wrong.
 */
export async function expectRegistersOnServerRenderedPage(app: RunningApp, path: string): Promise<void> {
  const html = await (await fetch(`${app.server.url}${path}`)).text();
  assert.match(html, /<vlens-register endpoint="\/api\/vlens"/);
  assert.deepEqual(await othersCheckExistence(app.server.url, 10), new Array(10).fill(200));
  const page = await app.browser.newPage();
  const errors = recordPageErrors(page);
  try {
    await page.goto(`${app.server.url}${path}`);
    const phone = await registerThroughPage(page, app.upstream.standIn);
    assert.match((await page.locator('#registered').textContent()) ?? '', new RegExp(`\\${phone}`));
    await page.reload();
    assert.equal(await page.locator('#registered').count(), 0);
    await registerThroughPage(page, app.upstream.standIn);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
}
