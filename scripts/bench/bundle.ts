/** Compressed size of the script-tag bundle. */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const BUNDLE = 'dist/vlens-register.js';

/** Builds when dist/ has no bundle yet (a fresh clone). */
export function ensureBuilt(): void {
  if (existsSync(BUNDLE)) return;
  console.error(`${BUNDLE} is missing: running npm run build`);
  execSync('npm run build', { stdio: 'inherit' });
}

export interface BundleSize {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

/** Raw, gzip -9 and brotli q11 bytes of a file. */
export function bundleSize(file = BUNDLE): BundleSize {
  const bytes = readFileSync(file);
  return {
    file,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
