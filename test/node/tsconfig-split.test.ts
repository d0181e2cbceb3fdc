/**
 * Widget code and Node code are type-checked apart: tsconfig.json (DOM, no Node types) and
 * tsconfig.node.json (Node types, no DOM). A Node API in widget code must fail to compile.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const fixture = join(root, 'test/fixtures/typecheck/widget-uses-node.ts');

/** Runs tsc on `files` with the options of `config` (a tsconfig in the repo root). */
async function typecheck(config: string, files: string[]): Promise<{ ok: boolean; output: string }> {
  // Inside the repo (.tmp/ is ignored by git), so the config finds node_modules/@types like the real ones.
  mkdirSync(join(root, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(root, '.tmp', 'tsconfig-'));
  try {
    const project = join(dir, 'tsconfig.json');
    writeFileSync(project, JSON.stringify({ extends: join(root, config), include: [], files }));
    await run(process.execPath, [tsc, '-p', project], { cwd: root });
    return { ok: true, output: '' };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { ok: false, output: stdout + stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The files a config's program loads (no type checking). */
async function programFiles(config: string): Promise<string[]> {
  const { stdout } = await run(process.execPath, [tsc, '-p', join(root, config), '--listFilesOnly'], { cwd: root });
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((file) => relative(root, file));
}

test('the browser config rejects `process` and `node:` imports in widget code', async () => {
  const { ok, output } = await typecheck('tsconfig.json', [fixture]);
  assert.equal(ok, false, 'a browser module using Node APIs type-checked');
  assert.match(output, /widget-uses-node\.ts\(\d+,\d+\): error TS\d+: Cannot find name 'process'/);
  assert.match(output, /widget-uses-node\.ts\(\d+,\d+\): error TS\d+: Cannot find (name|module) 'node:fs'/);
});

test('the same module compiles under the Node config (so the failure above is the browser config)', async () => {
  assert.deepEqual(await typecheck('tsconfig.node.json', [fixture]), { ok: true, output: '' });
});

test('the widget is checked by tsconfig.json, without Node types; the proxy by the Node config, without DOM', async () => {
  const [browser, node] = await Promise.all([programFiles('tsconfig.json'), programFiles('tsconfig.node.json')]);
  assert.ok(browser.includes('src/register/vlens-register.component.ts'));
  assert.ok(browser.includes('src/index.ts'));
  assert.ok(!browser.some((file) => file.startsWith('src/server/') || file.startsWith('src/mock/')));
  assert.ok(!browser.some((file) => file.includes('@types/node/')), 'Node types leak into the browser program');
  assert.ok(browser.some((file) => file.endsWith('lib.dom.d.ts')));

  assert.ok(node.includes('src/server/proxy.ts'));
  assert.ok(node.includes('src/mock/index.ts'));
  assert.ok(!node.some((file) => file.endsWith('lib.dom.d.ts')), 'DOM types leak into the Node program');
  assert.ok(node.some((file) => file.includes('@types/node/')));
});
