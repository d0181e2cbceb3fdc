/** A throwaway redis-server on a free loopback port (no persistence unless asked) for node tests. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

/** A port nothing listens on right now. */
export async function freeLoopbackPort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface RunningRedis {
  url: string;
  port: number;
  /** SIGKILL: Redis vanishes without a goodbye, like a crashed or partitioned server. */
  kill(): Promise<void>;
}

/**
 * Starts `redis-server` (REDIS_SERVER or PATH) on `port` and resolves once it answers PING (once it
 * has loaded its append-only file, with `aofDir`).
 * `DEBUG SLEEP` is allowed from loopback, so tests can make Redis hang rather than fail.
 */
export async function spawnRedis(port?: number, { aofDir }: { aofDir?: string } = {}): Promise<RunningRedis> {
  const chosen = port ?? (await freeLoopbackPort());
  // With aofDir: an append-only file there, every write synced (what the README asks of production).
  const persistence = aofDir
    ? ['--dir', aofDir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '']
    : ['--save', '', '--appendonly', 'no'];
  const child = spawn(
    process.env.REDIS_SERVER ?? 'redis-server',
    ['--port', String(chosen), '--bind', '127.0.0.1', ...persistence, '--enable-debug-command', 'local'],
    {
      stdio: 'ignore',
    },
  );
  const url = `redis://127.0.0.1:${chosen}`;
  const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  probe.on('error', () => {});
  try {
    for (let tries = 0; ; tries++) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
      const pong = await probe.connect().then(
        () => probe.ping(),
        () => undefined,
      );
      if (pong === 'PONG') break;
      if (tries > 100) throw new Error(`redis-server did not answer on ${chosen}`);
      probe.disconnect();
      await sleep(50);
    }
  } finally {
    probe.disconnect();
  }
  return {
    url,
    port: chosen,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}
