/**
 * The TypeScript snippets of the README and the guides (docs/) compile in a consumer project against the package's published
 * declarations (as `npm run build:dist` emits them, resolved through `exports`), with the latest
 * TypeScript (the `tsc7` dev dependency) under `bundler` and `node16` resolution; the events are typed
 * on the element, `document` and `window`, and `e.detail.accessToken` is a `string`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { builtDist } from '../helpers/built-dist.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIR = join(ROOT, `.tmp/consumer-types-${process.pid}`);
const PACKAGE = join(DIR, 'node_modules/vlens-register');
const TSC_LATEST = join(ROOT, 'node_modules/tsc7/bin/tsc');

/** The blocks of the README and docs/*.md marked `<!-- consumer-types … -->`. */
function readmeSnippets(): string[] {
  const guides = readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name));
  const text = ['README.md', ...guides].map((path) => readFileSync(join(ROOT, path), 'utf8')).join('\n');
  return [...text.matchAll(/<!-- consumer-types[^>]*-->\s*```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/** create-vite's `tsconfig.app.json`, with the resolution under test. */
function tsconfig(module: 'preserve' | 'node16'): object {
  return {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      module,
      moduleResolution: module === 'preserve' ? 'bundler' : 'node16',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      verbatimModuleSyntax: true,
      noUnusedLocals: true,
      noUnusedParameters: true,
      noUncheckedSideEffectImports: true,
      types: [],
    },
    include: ['src'],
  };
}

async function compile(module: 'preserve' | 'node16', files: Record<string, string>): Promise<string> {
  const project = join(DIR, `${module}-${Object.keys(files).join('-').replace(/\W/g, '')}`);
  rmSync(project, { recursive: true, force: true });
  mkdirSync(join(project, 'src'), { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig(module)));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(project, 'src', name), text);
  try {
    await run(process.execPath, [TSC_LATEST, '-p', project], { cwd: project });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

before(async () => {
  mkdirSync(PACKAGE, { recursive: true });
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  writeFileSync(
    join(PACKAGE, 'package.json'),
    JSON.stringify({ name: pkg.name, type: pkg.type, exports: pkg.exports, types: pkg.types }),
  );
  cpSync(join(await builtDist(), 'types'), join(PACKAGE, 'dist/types'), { recursive: true });
});
after(() => rmSync(DIR, { recursive: true, force: true }));

test('the latest TypeScript is the one under test', async () => {
  const { stdout } = await run(process.execPath, [TSC_LATEST, '--version']);
  assert.match(stdout, /Version ([7-9]|\d{2,})\./);
});

test('the README and the guides have TypeScript snippets for this test', () => {
  assert.ok(readmeSnippets().length >= 1);
});

for (const module of ['preserve', 'node16'] as const) {
  test(`README and guide snippets compile (${module === 'preserve' ? 'bundler' : 'node16'} resolution)`, async () => {
    const files = Object.fromEntries(readmeSnippets().map((text, i) => [`readme-${i}.ts`, text]));
    assert.equal(await compile(module, files), '');
  });

  test(`accessToken is a string on the element, document and window (${module})`, async () => {
    const ok = `import 'vlens-register/vlens-register.js';
const el = document.createElement('vlens-register');
el.addEventListener('vlens-registered', (e) => { const a: string = e.detail.accessToken; console.log(a); });
document.addEventListener('vlens-registered', (e) => { const b: string = e.detail.accessToken; console.log(b); });
window.addEventListener('vlens-registered', (e) => { const c: string = e.detail.accessToken; console.log(c); });
`;
    assert.equal(await compile(module, { 'ok.ts': ok }), '');
    const bad = `import 'vlens-register/vlens-register.js';
document.addEventListener('vlens-registered', (e) => { const n: number = e.detail.accessToken; console.log(n); });
window.addEventListener('vlens-error', (e) => { const k: 'nope' = e.detail.kind; console.log(k); });
`;
    const errors = await compile(module, { 'bad.ts': bad });
    assert.match(errors, /bad\.ts\(2,[^)]*\): error TS2322: Type 'string' is not assignable to type 'number'/);
    assert.match(errors, /bad\.ts\(3,[^)]*\): error TS2322/);
  });
}
