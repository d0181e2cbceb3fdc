/**
 * The npm package: built with `npm run build:dist`, packed with
 * `npm pack --dry-run`, it holds only the built files, every `exports`
 * target exists, the browser files carry no Node or stand-in code, and
 * publint and @arethetypeswrong/cli find nothing wrong. Also proves the
 * build's browser guard trips when browser code reaches src/server or src/mock.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import { publint } from 'publint';
// @ts-expect-error: plain JavaScript without declarations
import { scriptTagBundles } from '../../rollup.config.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, string | Record<string, string>>;
  sideEffects: string[];
  main: string;
  module: string;
  types: string;
  customElements: string;
};
const run = (command: string, args: string[]) =>
  execFileSync(command, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });

let packed: string[] = [];
before(() => {
  run('npm', ['run', '--silent', 'build:dist']);
  const [report] = JSON.parse(run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'])) as [
    { files: { path: string }[] },
  ];
  packed = report.files.map((file) => file.path);
});

test('the tarball holds the built files, the manifest and the package docs only', () => {
  assert.ok(packed.length > 10);
  for (const path of packed) {
    assert.match(path, /^(dist\/|custom-elements\.json$|package\.json$|README\.md$|LICENSE$|CHANGELOG\.md$)/, path);
    assert.doesNotMatch(path, /(^|\/)(test|demo|node_modules|src)\//, path);
    assert.doesNotMatch(path, /\.map$/, path);
  }
  for (const path of [
    'dist/vlens-register.js',
    'dist/vlens-register.iife.js',
    'dist/esm/index.js',
    'dist/types/index.d.ts',
    'custom-elements.json',
  ]) {
    assert.ok(packed.includes(path), `${path} is packed`);
  }
});

test('every exports target, main, module, types, customElements and sideEffects file is packed', () => {
  const targets = Object.values(pkg.exports).flatMap((value) =>
    typeof value === 'string' ? [value] : Object.values(value),
  );
  targets.push(pkg.main, pkg.module, pkg.types, pkg.customElements, ...pkg.sideEffects);
  for (const target of targets) {
    const path = target.replace(/^\.\//, '');
    assert.ok(packed.includes(path), `${target} is in the tarball`);
    assert.ok(existsSync(join(ROOT, path)), `${target} exists`);
  }
});

test('browser files carry no server or stand-in code, no Node built-ins and no source maps', () => {
  const browserFiles = packed.filter((path) => /^dist\/(vlens-register|chunks\/|esm\/).*\.js$/.test(path));
  assert.ok(browserFiles.length > 5);
  for (const path of browserFiles) {
    const code = readFileSync(join(ROOT, path), 'utf8');
    assert.doesNotMatch(code, /createVlensProxy|createVlensStandIn|startStandIn|rate-limiter-flexible|ioredis/, path);
    assert.doesNotMatch(code, /from\s*["']node:|import\(\s*["']node:/, path);
    assert.doesNotMatch(code, /sourceMappingURL/, path);
    assert.doesNotMatch(code, /from\s*["']zod["']/, `${path} imports zod/mini only`);
  }
  const defineModule = readFileSync(join(ROOT, 'dist/esm/vlens-register.js'), 'utf8');
  assert.match(defineModule, /customElements\.get\(["']vlens-register["']\)/, 'the define module is guarded');
  assert.doesNotMatch(
    readFileSync(join(ROOT, 'dist/esm/index.js'), 'utf8'),
    /customElements\.define/,
    'the main entry registers nothing',
  );
});

test('publint finds no errors or warnings', async () => {
  const { messages } = await publint({ pkgDir: ROOT, level: 'warning', pack: 'npm' });
  assert.deepEqual(messages, []);
});

test('@arethetypeswrong/cli finds no problem for ESM consumers (node16, bundler)', () => {
  let output: string;
  try {
    output = run(join(ROOT, 'node_modules/.bin/attw'), ['--pack', '.', '--profile', 'esm-only', '--format', 'json']);
  } catch (error) {
    output = String((error as { stdout?: string }).stdout);
  }
  const result = JSON.parse(output) as { analysis?: { problems?: unknown[] }; problems?: unknown[] };
  const problems = (result.analysis?.problems ?? result.problems ?? []) as { kind: string; resolutionKind?: string }[];
  const relevant = problems.filter((p) => p.resolutionKind !== 'node10' && p.resolutionKind !== 'node16-cjs');
  assert.deepEqual(relevant, []);
});

const FIXTURES = join(ROOT, `.tmp/guard-${process.pid}`);
after(() => rmSync(FIXTURES, { recursive: true, force: true }));

async function bundleBrowser(source: string): Promise<void> {
  mkdirSync(FIXTURES, { recursive: true });
  const entry = join(FIXTURES, `entry-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(entry, source);
  const [esOptions] = scriptTagBundles({ input: entry });
  const bundle = await rollup(esOptions);
  await bundle.close();
}

test('the browser guard trips when browser code reaches src/mock or src/server', async () => {
  await assert.rejects(
    bundleBrowser(`import { createVlensStandIn } from '../../src/mock/index.js';\nconsole.log(createVlensStandIn);\n`),
    /browser bundle reaches Node-only code: .*src\/mock\/index\.ts/,
  );
  await assert.rejects(
    bundleBrowser(`import { createVlensProxy } from '../../src/server/proxy.js';\nconsole.log(createVlensProxy);\n`),
    /browser bundle reaches Node-only code: .*src\/server\/proxy\.ts/,
  );
});

test('the browser guard lets browser code through', async () => {
  await bundleBrowser(`import { VLENS_PATHS } from '../../src/api/paths.js';\nconsole.log(VLENS_PATHS);\n`);
});
