/**
 * The proxy's fetch-style handler under Bun and Deno: each runtime serves it
 * with its own HTTP server (bun-server.ts, deno-server.ts, run as TypeScript
 * by the runtime itself), the stand-in runs here under Node as its upstream
 * on loopback, and a whole registration goes through. The binaries come from
 * test/runtimes/package.json (scripts/runtimes-tests.sh installs them).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VLENS_PATHS } from '../../src/api/paths.js';
import { createVlensStandIn } from '../../src/mock/index.js';
import { startStandIn } from '../../src/mock/server.js';
import { Lines } from '../helpers/lines.js';
import { PHONE, post, TEST_API_KEY } from '../helpers/proxy-fixture.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUNTIMES = fileURLToPath(new URL('node_modules/', import.meta.url));

/** A second number, so that no test depends on what another did first. */
const OTHER_PHONE = '+201001234568';

const runtimes = [
  { name: 'Bun', binary: `${RUNTIMES}bun/bin/bun`, args: ['run', 'test/runtimes/bun-server.ts'] },
  {
    name: 'Deno',
    binary: `${RUNTIMES}deno/deno`,
    // The sources import each other as `./x.js` (Node's TypeScript convention): --sloppy-imports finds
    // `./x.ts`. Packages come from the project's node_modules as installed, never from the network.
    // --allow-env: ioredis (imported by the limits module) reads the whole environment when it loads.
    args: [
      'run',
      '--sloppy-imports',
      '--node-modules-dir=manual',
      '--no-lock',
      '--allow-env',
      '--allow-net=127.0.0.1',
      'test/runtimes/deno-server.ts',
    ],
  },
];

/** Both upstream transports: the default (node:http, through the runtime's Node compatibility) and the runtime's fetch. */
const transports = [
  // node:http sends no User-Agent; each runtime's fetch sends its own name and version.
  { name: 'the default node:http upstream', env: {}, userAgent: () => /^undefined$/ },
  {
    name: "the runtime's fetch upstream",
    env: { VLENS_UPSTREAM_FETCH: '1' },
    userAgent: (runtime: string) => new RegExp(`^${runtime}/\\d`),
  },
];

for (const runtime of runtimes)
  for (const transport of transports) {
    describe(`createVlensProxy served by ${runtime.name}, ${transport.name}`, () => {
      const standIn = createVlensStandIn({ apiKey: TEST_API_KEY });
      let upstream: Awaited<ReturnType<typeof startStandIn>>;
      let child: ChildProcess;
      let stdout: Lines;
      let stderr = '';
      let base: string;
      /** The User-Agent of each upstream call, which tells the transport used. */
      const userAgents = new Set<string>();

      before(async () => {
        assert.ok(existsSync(runtime.binary), `${runtime.binary} is missing: run scripts/runtimes-tests.sh`);
        upstream = await startStandIn(standIn);
        upstream.server.on('request', (request: IncomingMessage) => {
          userAgents.add(String(request.headers['user-agent']));
        });
        child = spawn(runtime.binary, runtime.args, {
          cwd: REPO_ROOT,
          env: {
            ...process.env,
            VLENS_API_KEY: TEST_API_KEY,
            VLENS_API_URL: upstream.url,
            ...transport.env,
            // No update checks or telemetry: the machine has no network but the registries.
            DENO_NO_UPDATE_CHECK: '1',
            DO_NOT_TRACK: '1',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child.stderr!.on('data', (chunk) => (stderr += chunk));
        stdout = new Lines(child.stdout!);
        const exited = once(child, 'exit').then(([code]) => {
          throw new Error(`${runtime.name} exited (${code}) before listening:\n${stderr}`);
        });
        base = (await Promise.race([stdout.wait(/^listening (http:\/\/127\.0\.0\.1:\d+)$/), exited]))[1]!;
      });
      // Stopping is checked here, against the server process itself: SIGTERM closes the server and the
      // proxy, and the process exits 0 (a failure here fails the suite).
      after(async () => {
        try {
          if (child?.exitCode === null) {
            const exited = once(child, 'exit');
            child.kill('SIGTERM');
            const [code] = await exited;
            assert.equal(code, 0, `${runtime.name} on SIGTERM: ${stderr}`);
          }
        } finally {
          if (child?.exitCode === null) child.kill('SIGKILL');
          await upstream?.close();
        }
      });

      test('completes a registration: existence check, phone code, code check, Register', async () => {
        const before = await post(base, VLENS_PATHS.checkExistence, { phoneNumber: PHONE });
        assert.equal(before.status, 200, before.text);
        assert.equal(before.json.data.exists, false);

        const sent = await post(base, VLENS_PATHS.verifyPhone, { phoneNumber: PHONE });
        assert.equal(sent.status, 200, sent.text);
        const requestId: string = sent.json.data.phoneNumberOtpRequestId;
        assert.ok(requestId);
        assert.equal(sent.json.data.phoneNumberOtp, undefined, 'the code never reaches the browser');
        const code = standIn.control.lastCode(PHONE);
        assert.match(code ?? '', /^\d{6}$/);

        const checked = await post(base, VLENS_PATHS.verifyPhone, {
          phoneNumber: PHONE,
          phoneNumberOtpRequestId: requestId,
          phoneNumberOtp: code,
        });
        assert.equal(checked.status, 200, checked.text);
        assert.equal(checked.json.data.isPhoneNumberConfirmed, true);

        const registered = await post(base, VLENS_PATHS.register, {
          phoneNumber: PHONE,
          phoneNumberOtpRequestId: requestId,
          phoneNumberOtp: code,
          password: 'Correct-horse-9',
        });
        assert.equal(registered.status, 200, registered.text);
        assert.ok(registered.json.data.accessToken);
        assert.equal(registered.headers.get('cache-control'), 'no-store');

        const afterwards = await post(base, VLENS_PATHS.checkExistence, { phoneNumber: PHONE });
        assert.equal(afterwards.json.data.exists, true);
      });

      test('calls upstream through the transport asked for', async () => {
        assert.equal((await post(base, VLENS_PATHS.checkExistence, { phoneNumber: OTHER_PHONE })).status, 200);
        assert.ok(userAgents.size > 0);
        for (const agent of userAgents) assert.match(agent, transport.userAgent(runtime.name));
      });

      test("logs each call with the client's address from the runtime's server, never `unknown`", async () => {
        const from = stdout.all.length;
        assert.equal((await post(base, VLENS_PATHS.checkExistence, { phoneNumber: OTHER_PHONE })).status, 200);
        const line = await stdout.wait(
          /^\{.*"path":"\/api\/vlens\/CheckExistenceOfEmailOrPhone".*"phone":"\+20\*+4568".*\}$/,
          from,
        );
        assert.equal(JSON.parse(line[0]).ip, '127.0.0.1');
      });

      test('refuses what the proxy refuses under Node: a path outside the allowlist, a body that is not JSON, one too large', async () => {
        assert.equal((await post(base, 'Login', { phoneNumber: PHONE })).status, 404);
        const junk = await post(base, VLENS_PATHS.checkExistence, '{not json');
        assert.equal(junk.status, 400);
        assert.equal(junk.json.error_descriptions.source, 'proxy');
        // Past the 16 KB default, read off the runtime's request stream with a byte cap.
        const huge = await post(base, VLENS_PATHS.checkExistence, { phoneNumber: PHONE, pad: 'x'.repeat(20_000) });
        assert.equal(huge.status, 413, huge.text);
      });
    });
  }

/** `[major, minor, patch]` of a version such as `v22.23.5` or `22.12.0`. */
const numbers = (version: string) => version.replace(/^v/, '').split('.').map(Number);

test("engines names the Node lines tested here and in the node lane, each tested version within its line's range", () => {
  const read = (path: string) => JSON.parse(readFileSync(`${REPO_ROOT}${path}`, 'utf8'));
  const range: string = read('package.json').engines.node;
  // The machine's Node (the node lane and this file) and the two the runtimes lane runs the server tests on.
  const tested = [
    process.version,
    ...['node22', 'node24'].map((name) =>
      execFileSync(`${RUNTIMES}${name}/bin/node`, ['--version'], { encoding: 'utf8' }).trim(),
    ),
  ];
  const lines = range.split('||').map((part) => {
    const caret = /^\s*\^(\d+\.\d+\.\d+)\s*$/.exec(part);
    assert.ok(caret, `engines.node is one ^major.minor.patch per Node line: ${part}`);
    return numbers(caret[1]);
  });
  assert.deepEqual(
    lines.map(([major]) => major),
    tested.map((version) => numbers(version)[0]),
    `engines.node (${range}) names exactly the lines tested (${tested.join(', ')})`,
  );
  for (const [i, version] of tested.entries()) {
    const [, minor, patch] = numbers(version);
    const [, least, leastPatch] = lines[i];
    assert.ok(minor > least || (minor === least && patch >= leastPatch), `${version} satisfies ^${lines[i].join('.')}`);
  }
  // What the Node adapter's own dependency asks for is met by every line.
  assert.equal(read('node_modules/@hono/node-server/package.json').engines.node, '>=20');
  assert.ok(lines.every(([major]) => major >= 20));
});
