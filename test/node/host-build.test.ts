/**
 * A host app that imports the widget builds for production without a warning from any dependency:
 * with Vite (8: Rolldown), and with Rollup under Vite's own warning filter, which is what Vite up
 * to 7 runs (so Nuxt and Astro today). zod's sources carry comments beside `@__PURE__` that Rollup
 * reports as "an annotation that Rollup cannot interpret"; the package ships zod/mini as Rollup
 * wrote it (dist/esm/vendor/zod/), so a host never meets them. The control build, importing the
 * zod package itself, shows the check sees that warning.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import { build, createLogger } from 'vite';
import { builtDist } from '../helpers/built-dist.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const APP = join(ROOT, `.tmp/host-build-${process.pid}`);
/** The warnings Vite (5 to 8) does not print for a Rollup or Rolldown build. */
const VITE_IGNORES = new Set(['CIRCULAR_DEPENDENCY', 'THIS_IS_UNDEFINED']);

before(async () => {
  await builtDist();
  rmSync(APP, { recursive: true, force: true });
  mkdirSync(join(APP, 'node_modules'), { recursive: true });
  // As `npm link` would: the package's own exports, its dependencies from the repository's node_modules.
  symlinkSync(ROOT, join(APP, 'node_modules/vlens-register'), 'dir');
  writeFileSync(join(APP, 'package.json'), JSON.stringify({ name: 'host', private: true, type: 'module' }));
  writeFileSync(
    join(APP, 'index.html'),
    '<!doctype html><html lang="en"><body><vlens-register endpoint="/api/vlens"></vlens-register>' +
      '<script type="module" src="./main.js"></script></body></html>\n',
  );
  writeFileSync(
    join(APP, 'main.js'),
    "import 'vlens-register/vlens-register.js';\n" +
      "document.querySelector('vlens-register').addEventListener('vlens-registered', (e) => console.log(e.detail.accessToken));\n",
  );
  writeFileSync(join(APP, 'uses-zod.js'), "import * as z from 'zod/mini';\nconsole.log(z.string().parse('x'));\n");
});
after(() => rmSync(APP, { recursive: true, force: true }));

/** A Rollup build of `input` in the host app as Vite up to 7 makes it: what Vite would print. */
async function rollupWarnings(input: string): Promise<string[]> {
  const warnings: string[] = [];
  const bundle = await rollup({
    input: join(APP, input),
    plugins: [nodeResolve({ browser: true, exportConditions: ['browser', 'production'], rootDir: APP })],
    onwarn: (warning) => {
      if (!VITE_IGNORES.has(warning.code ?? '')) warnings.push(`${warning.code}: ${warning.message}`);
    },
  });
  await bundle.generate({ format: 'es', dir: join(APP, 'rollup-out') });
  await bundle.close();
  return warnings;
}

test('a Vite production build of a host app prints no warning', async () => {
  const printed: string[] = [];
  const logger = createLogger('info');
  const keep = (level: string) => (message: string) => printed.push(`${level}: ${message}`);
  logger.warn = keep('warn');
  logger.warnOnce = keep('warn');
  logger.error = keep('error');
  await build({
    root: APP,
    configFile: false,
    logLevel: 'info',
    customLogger: logger,
    build: { outDir: join(APP, 'dist'), emptyOutDir: true, reportCompressedSize: false },
  });
  assert.ok(existsSync(join(APP, 'dist/index.html')), 'the build wrote the page');
  assert.deepEqual(printed, []);
});

test("a Rollup build as Vite up to 7 makes it (Nuxt, Astro) prints no warning from the package's modules", async () => {
  assert.deepEqual(await rollupWarnings('main.js'), []);
});

test("the same check sees zod's own sources warn (the control)", async () => {
  const warnings = await rollupWarnings('uses-zod.js');
  assert.ok(
    warnings.some((w) => w.startsWith('INVALID_ANNOTATION:') && w.includes('annotation that Rollup cannot interpret')),
    warnings.join('\n'),
  );
});
