/**
 * The proxy's and the stand-in's libraries are optional peer dependencies (a browser-only install
 * does not pull them in). Where one is missing, the entry that needs it fails with one line that
 * names the package and the command that adds it, instead of the loader's `ERR_MODULE_NOT_FOUND`.
 */

/** One line: which entry needs which package, and the command that installs it. */
export class MissingPeerError extends Error {
  declare readonly packageName: string;
  declare readonly entry: string;
  constructor(packageName: string, entry: string) {
    super(`${entry} needs the package "${packageName}", which is not installed: npm install ${packageName}`);
    // Not enumerable, so Node prints the message line and the stack, without an object dump after it.
    Object.defineProperties(this, {
      name: { value: 'MissingPeerError' },
      packageName: { value: packageName },
      entry: { value: entry },
    });
    const frames = this.stack?.split('\n').slice(1) ?? [];
    this.stack = [`MissingPeerError: ${this.message}`, ...frames].join('\n');
  }
}

/** Whether `error` says that `packageName` itself (not something inside it) could not be found. */
export function isMissingPackage(error: unknown, packageName: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false;
  return typeof message === 'string' && (message.includes(`'${packageName}'`) || message.includes(`"${packageName}"`));
}

/**
 * Imports an optional peer through `load` (a literal `import('name')`, so bundlers still see it),
 * turning "not installed" into a MissingPeerError; any other failure passes through unchanged.
 */
export async function importPeer<T>(packageName: string, entry: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isMissingPackage(error, packageName)) throw new MissingPeerError(packageName, entry);
    throw error;
  }
}
