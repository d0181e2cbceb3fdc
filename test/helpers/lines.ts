/** A child process's output as lines, for tests that wait on what a server prints. */

/** Collects a child's stdout lines and lets a test wait for one that matches. */
export class Lines {
  readonly all: string[] = [];
  private waiters: { pattern: RegExp; from: number; resolve: (m: RegExpMatchArray) => void }[] = [];
  private buffer = '';

  constructor(stream: NodeJS.ReadableStream) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      this.buffer += chunk;
      const parts = this.buffer.split('\n');
      this.buffer = parts.pop()!;
      this.all.push(...parts);
      this.check();
    });
  }

  /**
   * The first line after `from` matching `pattern`, within 60 s: a bound for a line that never comes
   * (`tsx` starting the CLI took over 10 s while the builds of the slow node tests shared two cores).
   */
  wait(pattern: RegExp, from = 0): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no line matching ${pattern} in:\n${this.all.join('\n')}`)),
        60_000,
      );
      this.waiters.push({ pattern, from, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      this.check();
    });
  }

  private check() {
    this.waiters = this.waiters.filter((w) => {
      for (const line of this.all.slice(w.from)) {
        const match = line.match(w.pattern);
        if (match) return (w.resolve(match), false);
      }
      return true;
    });
  }
}
