/**
 * The npm package: built with `npm run build:dist` (once for the node tests: builtDist), packed once with
 * `npm pack`, it holds only the built files, every `exports`
 * target exists, the browser files carry no Node or stand-in code, and
 * publint and @arethetypeswrong/cli find nothing wrong. Installed from its
 * tarball into an empty folder, it pulls no server, stand-in or MSAL
 * package; the core modules a bundler sees never import MSAL. Also proves the
 * build's browser guard trips when browser code reaches src/server or src/mock.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { rollup } from 'rollup';
import { publint } from 'publint';
// @ts-expect-error: plain JavaScript without declarations
import { scriptTagBundles } from '../../rollup.config.mjs';
import { builtDist } from '../helpers/built-dist.js';
import { relativeLinks } from '../helpers/markdown.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
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
/** One tarball of the dist/ built below, for the install test and attw (packing again would build again). */
const PACK_DIR = mkdtempSync(join(tmpdir(), 'vlens-pack-'));
let tarball = '';
before(async () => {
  await builtDist();
  // The prepack build itself is checked by the test on `scripts.prepack`.
  const [report] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', PACK_DIR])) as [
    { filename: string; files: { path: string }[] },
  ];
  packed = report.files.map((file) => file.path);
  tarball = join(PACK_DIR, report.filename);
});
after(() => rmSync(PACK_DIR, { recursive: true, force: true }));

test('the tarball holds the built files, the manifest, the guides, the examples and the package docs only', () => {
  assert.ok(packed.length > 10);
  for (const path of packed) {
    assert.match(
      path,
      /^(dist\/|docs\/|examples\/|demo\/frameworks\/|custom-elements\.json$|package\.json$|README\.md$|CONTRIBUTING\.md$|LICENSE$|CHANGELOG\.md$)/,
      path,
    );
    assert.doesNotMatch(path, /(^|\/)(test|node_modules|src|\.next|\.nuxt|\.output)\//, path);
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

test('the package says where it comes from, and the README and guides link only to what the tarball holds', () => {
  const meta = pkg as typeof pkg &
    Record<'repository' | 'bugs', { url: string }> & { homepage: string; keywords: string[] };
  assert.match(meta.repository.url, /^git\+https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/);
  const repo = meta.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
  assert.equal(meta.homepage, `${repo}#readme`);
  assert.equal(meta.bugs.url, `${repo}/issues`);
  assert.ok(meta.keywords.includes('web-component') && meta.keywords.length >= 5);
  const documents = packed.filter((path) => path === 'README.md' || /^docs\/[^/]+\.md$/.test(path));
  assert.ok(documents.includes('README.md') && documents.includes('docs/hosts.md'), documents.join());
  for (const document of documents) {
    for (const link of relativeLinks(readFileSync(join(ROOT, document), 'utf8'))) {
      const target = posix.normalize(posix.join(posix.dirname(document), link.split('#')[0])).replace(/\/$/, '');
      assert.ok(
        packed.some((path) => path === target || path.startsWith(`${target}/`)),
        `${document} links to ${link}, which is not in the tarball`,
      );
    }
  }
});

test('every exports target, main, module, types, customElements and sideEffects file is packed', () => {
  const targets = Object.values(pkg.exports).flatMap((value) =>
    typeof value === 'string' ? [value] : Object.values(value),
  );
  targets.push(pkg.main, pkg.module, pkg.types, pkg.customElements, ...pkg.sideEffects);
  for (const target of targets) {
    const path = target.replace(/^\.\//, '');
    if (path.includes('*')) {
      const [prefix, suffix] = path.split('*');
      assert.ok(
        packed.some((file) => file.startsWith(prefix) && file.endsWith(suffix)),
        `${target} matches packed files`,
      );
      continue;
    }
    assert.ok(packed.includes(path), `${target} is in the tarball`);
    assert.ok(existsSync(join(ROOT, path)), `${target} exists`);
  }
});

test('npm pack builds first (prepack), so a tarball never lacks dist/', () => {
  assert.equal(pkg.scripts.prepack, 'npm run build');
  assert.match(pkg.scripts.build, /build:dist/);
});

test("vlens-register/react is packed with 'use client' as its first statement; @lit/react stays out of the script-tag bundles", () => {
  const require = createRequire(join(ROOT, 'package.json'));
  const entry = require.resolve(`${pkg.name}/react`);
  assert.equal(entry, join(ROOT, 'dist/esm/react/index.js'));
  assert.ok(packed.includes('dist/esm/react/index.js'));
  // A React Server Components bundler (Next.js) reads the directive only as the module's first statement.
  assert.match(readFileSync(entry, 'utf8'), /^'use client';\n/);
  for (const path of packed.filter((file) => /^dist\/(vlens-register(\.iife)?|chunks\/.*)\.js$/.test(file))) {
    assert.doesNotMatch(
      readFileSync(join(ROOT, path), 'utf8'),
      /suppressHydrationWarning/,
      `${path} holds no @lit/react`,
    );
  }
});

test('the classic script, the script-tag ES module and each of its lazy chunks resolve through exports', () => {
  // Self-reference: from inside the package, its own name resolves through `exports` only.
  const require = createRequire(join(ROOT, 'package.json'));
  const viaExports = (subpath: string) => require.resolve(`${pkg.name}/${subpath}`);
  assert.equal(viaExports('vlens-register.iife.js'), join(ROOT, 'dist/vlens-register.iife.js'));
  assert.equal(viaExports('bundle/vlens-register.js'), join(ROOT, 'dist/vlens-register.js'));
  const chunks = packed.filter((path) => path.startsWith('dist/chunks/'));
  assert.ok(chunks.length > 3, 'lazy chunks are packed');
  for (const chunk of chunks) {
    assert.equal(viaExports(`bundle/chunks/${basename(chunk)}`), join(ROOT, chunk), chunk);
  }
  // The bundle imports its chunks relatively: the exported layout keeps them beside it.
  const bundle = readFileSync(join(ROOT, 'dist/vlens-register.js'), 'utf8');
  const imported = [...bundle.matchAll(/["']\.\/(chunks\/[^"']+\.js)["']/g)].map(([, relative]) => relative);
  assert.ok(imported.length > 0, 'the bundle imports chunks relatively');
  for (const relative of imported) {
    assert.equal(viaExports(`bundle/${relative}`), join(ROOT, 'dist', relative), relative);
  }
  assert.throws(() => viaExports('dist/vlens-register.js'), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
});

test('the classic script is a loader of a few hundred bytes that imports the bundle beside it', () => {
  const loader = readFileSync(join(ROOT, 'dist/vlens-register.iife.js'), 'utf8');
  assert.ok(loader.length < 1024, `${loader.length} bytes`);
  // Resolved from its own URL (document.currentScript), so on a CDN it finds the bundle in the same folder.
  assert.match(loader, /document\.currentScript/);
  assert.match(loader, /new URL\("vlens-register\.js",/);
  assert.match(loader, /import\(/);
  assert.doesNotMatch(loader, /customElements|LitElement/, 'it carries none of the widget');
  assert.ok(
    packed.includes('dist/vlens-register.js') && packed.includes('dist/vlens-register.iife.js'),
    'side by side',
  );
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

/** Where a dist/esm module's relative imports (static and dynamic) lead: each bare specifier met, with a file that imports it. */
function bareImportsReachedFrom(entry: string): Map<string, string> {
  const seen = new Set<string>();
  const bare = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
      else if (!bare.has(specifier)) bare.set(specifier, file);
    }
  };
  visit(join(ROOT, entry));
  return bare;
}

/** The specifiers of a built module's `import … from`, `export … from`, `import '…'` and `import('…')`. */
function importsOf(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  return [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)].map(([, specifier]) => specifier);
}

const isMsal = (specifier: string) =>
  specifier === '@azure/msal-browser' || specifier.startsWith('@azure/msal-browser/');

test('a bundler meets @azure/msal-browser only through vlens-register/oauth/microsoft', () => {
  for (const entry of ['dist/esm/index.js', 'dist/esm/vlens-register.js']) {
    const bare = bareImportsReachedFrom(entry);
    assert.ok(bare.has('lit'), `${entry}: the walk follows the element's imports`);
    assert.deepEqual([...bare.keys()].filter(isMsal), [], `${entry} never reaches MSAL`);
  }
  const microsoft = bareImportsReachedFrom('dist/esm/oauth/microsoft-sign-in.js');
  assert.match(microsoft.get('@azure/msal-browser') ?? '', /dist\/esm\/oauth\/microsoft\.js$/, 'the entry loads MSAL');
  const importers = packed
    .filter((path) => path.startsWith('dist/esm/') && path.endsWith('.js'))
    .filter((path) => importsOf(join(ROOT, path)).some(isMsal));
  assert.deepEqual(importers, ['dist/esm/oauth/microsoft.js'], 'no other module imports MSAL');
  const require = createRequire(join(ROOT, 'package.json'));
  assert.equal(
    require.resolve(`${pkg.name}/oauth/microsoft`),
    join(ROOT, 'dist/esm/oauth/microsoft-sign-in.js'),
    'the entry is exported',
  );
});

/** An esbuild plugin that fails resolving `@azure/msal-browser`, as a user's build without it installed does. */
const msalNotInstalled: Plugin = {
  name: 'msal-not-installed',
  setup(b) {
    b.onResolve({ filter: /^@azure\/msal-browser(\/|$)/ }, () => ({ errors: [{ text: 'not installed' }] }));
  },
};

const bundle = (entry: string) =>
  build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    write: false,
    format: 'esm',
    logLevel: 'silent',
    plugins: [msalNotInstalled],
  });

test('a bundler build of the core succeeds without @azure/msal-browser; of the Microsoft entry, it needs it', async () => {
  for (const entry of ['dist/esm/index.js', 'dist/esm/vlens-register.js']) {
    const { outputFiles } = await bundle(entry);
    assert.ok(outputFiles.length > 0, `${entry} bundles`);
  }
  await assert.rejects(bundle('dist/esm/oauth/microsoft-sign-in.js'), /not installed/);
});

test('MSAL and the server and stand-in libraries are optional peers, not dependencies', () => {
  for (const name of [
    '@azure/msal-browser',
    'ioredis',
    'ipaddr.js',
    'rate-limiter-flexible',
    '@hono/node-server',
    'jose',
  ]) {
    assert.equal(pkg.dependencies[name], undefined, `${name} is not a dependency`);
    assert.ok(pkg.peerDependencies[name], `${name} is a peer dependency`);
    assert.equal(pkg.peerDependenciesMeta[name]?.optional, true, `${name} is optional`);
  }
});

/** Package names in every node_modules folder under `dir` (nested ones too). */
function installedPackages(dir: string): string[] {
  const names: string[] = [];
  const walk = (modules: string) => {
    if (!existsSync(modules)) return;
    for (const entry of readdirSync(modules)) {
      if (entry.startsWith('.')) continue;
      const scoped = entry.startsWith('@');
      for (const name of scoped ? readdirSync(join(modules, entry)).map((sub) => `${entry}/${sub}`) : [entry]) {
        names.push(name);
        walk(join(modules, name, 'node_modules'));
      }
    }
  };
  walk(join(dir, 'node_modules'));
  return [...new Set(names)].sort();
}

/** Bytes of the files under `path` (symbolic links not followed). */
function bytesUnder(path: string): number {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, entry) => sum + bytesUnder(join(path, entry)), 0);
}

test('npm install of the packed tarball into an empty folder pulls no server, stand-in or MSAL package', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'vlens-install-'));
  try {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'browser-only-user', private: true }));
    // From npm's cache where it can (offline here); the registry only for what the cache lacks.
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    const installed = installedPackages(dir);
    for (const name of ['vlens-register', 'lit', '@lit/task', 'zod', 'libphonenumber-js'])
      assert.ok(installed.includes(name), `${name} is installed`);
    const unwanted = ['ioredis', 'ipaddr.js', 'rate-limiter-flexible', 'hono', '@hono/node-server', 'jose'];
    unwanted.push('@azure/msal-browser', '@azure/msal-common');
    assert.deepEqual(
      installed.filter((name) => unwanted.includes(name)),
      [],
    );
    t.diagnostic(
      `browser-only install: ${installed.length} packages, ${bytesUnder(join(dir, 'node_modules'))} bytes in node_modules`,
    );
    // Without the optional peers, the entries that need one fail with one line naming the npm install.
    const stderrOf = (script: string) => {
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
      assert.notEqual(result.status, 0, script);
      return result.stderr;
    };
    for (const [entry, peer] of [
      // Whichever of the server's peers its modules reach first.
      ['vlens-register/server', '(ioredis|rate-limiter-flexible|ipaddr\\.js)'],
      ['vlens-register/mock', '(jose)'],
    ]) {
      const stderr = stderrOf(`await import('${entry}');`);
      assert.match(
        stderr,
        new RegExp(
          `^MissingPeerError: ${entry} needs the package "${peer}", which is not installed: npm install \\1$`,
          'm',
        ),
      );
      assert.doesNotMatch(stderr, /ERR_MODULE_NOT_FOUND/);
    }
    // The h3 adapter reaches the proxy's own peers before h3, so a browser-only install names one of those.
    const h3 = stderrOf(`await import('vlens-register/server/h3');`);
    assert.match(
      h3,
      /^MissingPeerError: vlens-register\/server(\/h3)? needs the package "([^"]+)", which is not installed: npm install \2$/m,
    );
    assert.doesNotMatch(h3, /ERR_MODULE_NOT_FOUND/);
    const hono = stderrOf(
      `const { listen } = await import('vlens-register/server/node'); await listen(async () => new Response('ok'));`,
    );
    assert.match(
      hono,
      /needs the package "@hono\/node-server", which is not installed: npm install @hono\/node-server$/m,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('publint finds no errors or warnings', async () => {
  const { messages } = await publint({ pkgDir: ROOT, level: 'warning', pack: 'npm' });
  assert.deepEqual(messages, []);
});

test('@arethetypeswrong/cli finds no problem for ESM consumers (node16, bundler)', () => {
  // attw exits 1 for any problem (node10 ones too) and its piped stdout is then cut short: write to a file.
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const report = join(ROOT, `.tmp/attw-${process.pid}.json`);
  const fd = openSync(report, 'w');
  try {
    spawnSync(join(ROOT, 'node_modules/.bin/attw'), [tarball, '--profile', 'esm-only', '--format', 'json'], {
      cwd: ROOT,
      stdio: ['ignore', fd, 'pipe'],
    });
  } finally {
    closeSync(fd);
  }
  const output = readFileSync(report, 'utf8');
  rmSync(report, { force: true });
  const result = JSON.parse(output) as { analysis?: { problems?: unknown[] }; problems?: unknown[] };
  const problems = (result.analysis?.problems ?? result.problems ?? []) as {
    kind: string;
    resolutionKind?: string;
    entrypoint?: string;
  }[];
  const relevant = problems
    .filter((p) => p.resolutionKind !== 'node10' && p.resolutionKind !== 'node16-cjs')
    // A classic script exports nothing to type: it loads the bundle, which defines the tag.
    .filter((p) => !(p.kind === 'UntypedResolution' && p.entrypoint === './vlens-register.iife.js'));
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
