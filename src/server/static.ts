/** A small static file server for `npm start`: one folder, known content types, no directory traversal. */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Serves the file at `relativePath` (URL-encoded, as it appears after the
 * mount prefix) from `root`; `index.html` for a folder. Answers 404 for
 * anything outside `root` (including through symlinks), missing, or of an
 * unknown type. Returns false when it did not answer (method not GET/HEAD).
 */
export async function serveStatic(
  root: string,
  relativePath: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const file = await resolveFile(root, relativePath);
  const type = file && CONTENT_TYPES[extname(file)];
  if (!file || !type) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found\n');
    return true;
  }
  const { size } = await stat(file);
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': size,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
  return true;
}

/** The real path of the file `relativePath` names inside `root`, or undefined. */
async function resolveFile(root: string, relativePath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relativePath.split('?')[0]);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.split(/[\\/]/).includes('..')) return undefined;
  try {
    const realRoot = await realpath(root);
    let candidate = await realpath(resolve(realRoot, `.${sep}${decoded}`));
    if ((await stat(candidate)).isDirectory()) candidate = await realpath(join(candidate, 'index.html'));
    if (candidate !== realRoot && !candidate.startsWith(realRoot + sep)) return undefined;
    return (await stat(candidate)).isFile() ? candidate : undefined;
  } catch {
    return undefined;
  }
}
