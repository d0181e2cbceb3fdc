import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VLENS_PATHS } from '../../src/api/paths.js';
import { serveStatic } from '../../src/server/static.js';
import { createVlensStandIn } from '../../src/mock/index.js';
import { startStandIn } from '../../src/mock/server.js';
import { Lines } from '../helpers/lines.js';
import { EMAIL, PHONE, spawnCli } from '../helpers/proxy-fixture.js';

async function postJson(url: string, body: unknown) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as any;
  assert.equal(res.status, 200, `${url}: ${JSON.stringify(json)}`);
  return json.data;
}

describe('npm start (src/server/cli.ts)', () => {
  let child: ChildProcess;
  let stdout: Lines;
  let output: { stderr: string };
  let base: string;

  before(async () => {
    ({ child, output } = spawnCli({
      METRICS_PORT: '0', // a free port, not the default 9464 another run may hold
      VLENS_API_KEY: undefined,
      VLENS_API_URL: undefined,
      REDIS_URL: undefined,
      NODE_ENV: undefined,
    }));
    stdout = new Lines(child.stdout!);
    base = (await stdout.wait(/(http:\/\/127\.0\.0\.1:\d+)\//))[1]!;
  });
  after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  test('prints the URL and says where codes appear', async () => {
    await stdout.wait(/^Proxy: http:\/\/127\.0\.0\.1:\d+\/api\/vlens → .*stand-in.*codes/);
  });

  test('serves the playground, and says where', async () => {
    const url = (await stdout.wait(/^Playground .*: (http:\/\/127\.0\.0\.1:\d+\/playground\.html)$/))[1];
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<script type="module" src="playground\.js"><\/script>/);
    for (const module of ['playground.js', 'playground-snippets.js', 'event-log.js']) {
      assert.equal((await fetch(`${base}/${module}`)).status, 200, module);
    }
  });

  test('curl-style: a whole registration with the codes the console prints', async () => {
    const api = `${base}/api/vlens`;
    assert.equal((await postJson(`${api}/${VLENS_PATHS.checkExistence}`, { phoneNumber: PHONE })).exists, false);

    let mark = stdout.all.length;
    const phone = await postJson(`${api}/${VLENS_PATHS.verifyPhone}`, { phoneNumber: PHONE });
    assert.equal(phone.phoneNumberOtp, undefined);
    const smsCode = (await stdout.wait(/^SMS code for \+201001234567: (\d{6})$/, mark))[1];
    const checked = await postJson(`${api}/${VLENS_PATHS.verifyPhone}`, {
      phoneNumber: PHONE,
      phoneNumberOtpRequestId: phone.phoneNumberOtpRequestId,
      phoneNumberOtp: smsCode,
    });
    assert.equal(checked.isPhoneNumberConfirmed, true);

    mark = stdout.all.length;
    const email = await postJson(`${api}/${VLENS_PATHS.verifyEmail}`, { email: EMAIL });
    const emailCode = (await stdout.wait(/^Email code for layla@example\.com: (\d{6})$/, mark))[1];
    const emailChecked = await postJson(`${api}/${VLENS_PATHS.verifyEmail}`, {
      email: EMAIL,
      emailOtpRequestId: email.emailOtpRequestId,
      emailOtp: emailCode,
      phoneNumber: PHONE,
      phoneNumberOtpRequestId: phone.phoneNumberOtpRequestId,
    });
    assert.equal(emailChecked.isEmailConfirmed, true);

    const registered = await postJson(`${api}/${VLENS_PATHS.register}`, {
      phoneNumber: PHONE,
      phoneNumberOtpRequestId: phone.phoneNumberOtpRequestId,
      phoneNumberOtp: smsCode,
      email: EMAIL,
      password: 'Correct-horse-9',
    });
    assert.ok(registered.accessToken);
    assert.equal(registered.user.phoneNumber, PHONE);
    mark = stdout.all.length;
    assert.equal((await postJson(`${api}/${VLENS_PATHS.checkExistence}`, { phoneNumber: PHONE })).exists, true);
    // The proxy writes a turn's log lines after it: wait for the last call's line, not a moment.
    await stdout.wait(new RegExp(`^\\{.*"path":"/api/vlens/${VLENS_PATHS.checkExistence}"`), mark);

    const logLines = stdout.all.filter((l) => l.startsWith('{'));
    assert.ok(logLines.length >= 7);
    assert.ok(
      !logLines.some((l) => l.includes(smsCode) || l.includes(registered.accessToken)),
      'log lines carry no code or token',
    );
  });

  test('serves the demo and dist with content types, and nothing outside them', async () => {
    const health = await fetch(`${base}/api/vlens/healthz`);
    assert.equal(health.status, 200);
    const index = await fetch(`${base}/`);
    assert.ok([200, 404].includes(index.status), 'demo/ may not exist yet');
    if (index.status === 200) assert.match(index.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal((await fetch(`${base}/%2e%2e/package.json`)).status, 404);
    assert.equal((await fetch(`${base}/dist/..%2f..%2fpackage.json`)).status, 404);
    assert.equal((await fetch(`${base}/no-such-file.js`)).status, 404);
  });

  test('SIGINT closes cleanly with exit code 0', async () => {
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0, output.stderr);
  });
});

describe('npm start with VLENS_API_KEY: fronts that API instead of the embedded stand-in', () => {
  const KEY = 'tenant-key-from-env';
  const standIn = createVlensStandIn({ apiKey: KEY });
  let upstream: Awaited<ReturnType<typeof startStandIn>>;
  let child: ChildProcess;
  let stdout: Lines;

  before(async () => {
    upstream = await startStandIn(standIn, { quiet: true });
    ({ child } = spawnCli({
      VLENS_API_KEY: KEY,
      VLENS_API_URL: upstream.url,
      METRICS_PORT: 'off',
      REDIS_URL: undefined,
      NODE_ENV: undefined,
    }));
    stdout = new Lines(child.stdout!);
  });
  after(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await upstream.close();
  });

  test('sends the key from the environment upstream, prints no code, and has no dev sign-in', async () => {
    const base = (await stdout.wait(/(http:\/\/127\.0\.0\.1:\d+)\//))[1];
    const sent = await postJson(`${base}/api/vlens/${VLENS_PATHS.verifyPhone}`, { phoneNumber: PHONE });
    assert.ok(sent.phoneNumberOtpRequestId, 'the stand-in accepted the key from VLENS_API_KEY');
    assert.equal(sent.phoneNumberOtp, undefined, 'the code is stripped');
    assert.equal(standIn.control.calls()['Register/StepVerifyPhone'], 1);
    assert.ok(!stdout.all.some((line) => line.includes(standIn.control.lastCode(PHONE)!)), 'no code printed');
    const devSignIn = await fetch(`${base}/dev-oauth/google/token`, { method: 'POST', body: '{}' });
    // The static server answers it (404, or 405 for a POST): no token is signed.
    assert.ok(
      [404, 405].includes(devSignIn.status),
      `the development sign-in exists only with the embedded stand-in (${devSignIn.status})`,
    );
  });
});

describe('static files (src/server/static.ts)', () => {
  let dir: string;
  let outside: string;
  let base: string;
  let close: () => Promise<void>;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vlens-static-'));
    outside = await mkdtemp(join(tmpdir(), 'vlens-outside-'));
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>demo</title>');
    await writeFile(join(dir, 'app.js'), 'export {};');
    await writeFile(join(dir, 'style.css'), 'body{}');
    await writeFile(join(dir, 'sub', 'index.html'), 'sub');
    await writeFile(join(dir, 'secret.env'), 'KEY=1');
    await writeFile(join(outside, 'secret.txt'), 'outside');
    await symlink(join(outside, 'secret.txt'), join(dir, 'link.txt'));
    const server = createServer((req, res) => {
      void serveStatic(dir, (req.url ?? '/').slice(1), req, res).then((answered) => {
        if (!answered) res.writeHead(405).end();
      });
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  after(async () => {
    await close();
    await rm(dir, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  test('answers files with their content type, index.html for folders', async () => {
    const cases: [string, RegExp][] = [
      ['/', /^text\/html/],
      ['/app.js', /^text\/javascript/],
      ['/style.css', /^text\/css/],
      ['/sub/', /^text\/html/],
    ];
    for (const [path, type] of cases) {
      const res = await fetch(base + path);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', type, path);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    }
  });

  test('refuses traversal, symlinks out, unknown types and missing files with 404', async () => {
    for (const path of [
      '/%2e%2e/secret.txt',
      '/sub/%2e%2e/%2e%2e/etc/passwd',
      '/..%5csecret.txt',
      '/link.txt',
      '/secret.env',
      '/nope.js',
      '/%00.js',
      '/%E0%A4%A',
    ]) {
      assert.equal((await fetch(base + path)).status, 404, path);
    }
    assert.equal((await fetch(`${base}/app.js`, { method: 'POST' })).status, 405);
  });
});
