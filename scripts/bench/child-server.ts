/** Parent side of scripts/bench/serve.ts: fork a server process, ask it for memory or CPU time, stop it. */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { ServeConfig, ServeMessage } from './serve.js';

const SERVE = fileURLToPath(new URL('./serve.ts', import.meta.url));

export interface ChildServer {
  url: string;
  pid: number;
  /** heapUsed and rss in bytes, after a full GC in the child. */
  memory(): Promise<{ heapUsed: number; rss: number; gc: boolean }>;
  /** CPU time (user + system) the child has used so far, µs. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

export interface ForkOptions {
  /** Write a V8 CPU profile (node --cpu-prof) of the child into this directory when it stops. */
  cpuProfDir?: string;
  /** The serve.ts to run, e.g. another checkout's, to compare commits. Default: this one. */
  script?: string;
}

/** Forks a server (tsx, --expose-gc) and resolves once it listens. A proxy that logs to stdout gets /dev/null as stdout. */
export async function forkServer(
  config: ServeConfig,
  { cpuProfDir, script = SERVE }: ForkOptions = {},
): Promise<ChildServer> {
  const quiet = config.role === 'proxy' && config.log === 'stdout';
  const child: ChildProcess = fork(script, [JSON.stringify(config)], {
    execArgv: ['--import', 'tsx', '--expose-gc', ...(cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : [])],
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<ServeMessage>((resolve, reject) => {
    child.once('message', (m) => resolve(m as ServeMessage));
    child.once('exit', (code) => reject(new Error(`server child exited (${code}) before listening`)));
  });
  if (ready.type !== 'ready') throw new Error('server child: unexpected first message');
  return {
    url: ready.url,
    pid: child.pid!,
    memory: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve(m as Extract<ServeMessage, { type: 'memory' }>));
        child.send({ type: 'memory' });
      }),
    cpuMicros: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve((m as Extract<ServeMessage, { type: 'cpu' }>).micros));
        child.send({ type: 'cpu' });
      }),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}
