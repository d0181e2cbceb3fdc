import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STAMP = join(ROOT, '.tmp/dist-stamp');
const LOCK = join(ROOT, '.tmp/dist-build.lock');
/** What `npm run build:dist` reads: a change to any of these means a new build. */
const INPUTS = [
  'src',
  'rollup.config.mjs',
  'scripts/rollup-browser-guard.mjs',
  'tsconfig.build.json',
  'package.json',
  'package-lock.json',
];
/** Files every consumer of the build reads; a dist/ without them is not built. */
const OUTPUTS = ['dist/vlens-register.js', 'dist/vlens-register.iife.js', 'dist/esm/index.js', 'dist/types/index.d.ts'];

function inputsHash(): string {
  const hash = createHash('sha256');
  const add = (path: string) => {
    const full = join(ROOT, path);
    hash.update(path);
    if (!statSync(full).isDirectory()) return hash.update(readFileSync(full));
    for (const name of readdirSync(full).sort()) add(join(path, name));
  };
  for (const input of INPUTS) add(input);
  return hash.digest('hex');
}

const isBuilt = (hash: string) =>
  existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash && OUTPUTS.every((file) => existsSync(join(ROOT, file)));

function holderAlive(): boolean {
  try {
    process.kill(Number(readFileSync(join(LOCK, 'pid'), 'utf8')), 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * dist/ as `npm run build:dist` makes it, built once for every node test file that reads it (the
 * package, the script-tag bundles, the published declarations): the first file to ask builds while
 * holding a lock, the others wait for it, and a dist/ built from the same sources is reused.
 * Returns dist/'s path.
 */
export async function builtDist(timeoutMs = 10 * 60_000): Promise<string> {
  const hash = inputsHash();
  const deadline = performance.now() + timeoutMs;
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  while (!isBuilt(hash)) {
    try {
      mkdirSync(LOCK);
    } catch {
      // Another test file is building: wait for it, or take over from one that died holding the lock.
      if (performance.now() > deadline) throw new Error(`dist/ was not built within ${timeoutMs} ms`);
      if (existsSync(join(LOCK, 'pid')) && !holderAlive()) rmSync(LOCK, { recursive: true, force: true });
      await sleep(200);
      continue;
    }
    try {
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      rmSync(STAMP, { force: true });
      await promisify(execFile)('npm', ['run', '--silent', 'build:dist'], { cwd: ROOT, maxBuffer: 64 << 20 });
      writeFileSync(STAMP, hash);
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
  return join(ROOT, 'dist');
}
