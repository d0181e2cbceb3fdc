/**
 * `tsx scripts/redis-memory.ts [N]`: Redis memory per registration. N registrations (default 500, each
 * its own number, no email step) through a proxy sharing a fresh redis-server, then the keys left,
 * their TTLs and `used_memory` over the empty server's, per registration.
 */
import { Redis } from 'ioredis';
import { createVlensStandIn } from '../src/mock/index.js';
import { DEFAULT_LIMITS, type VlensLimits } from '../src/server/limits.js';
import { startStandIn } from '../src/mock/server.js';
import { startProxy, TEST_API_KEY } from '../test/helpers/proxy-fixture.js';
import { spawnRedis } from '../test/helpers/redis-server.js';
import { registration } from '../test/helpers/registration.js';

const n = Number(process.argv[2] ?? 500);
const redis = await spawnRedis();
const admin = new Redis(redis.url);
const standIn = createVlensStandIn({ apiKey: TEST_API_KEY });
const upstream = await startStandIn(standIn);
// The default windows (what decides how long keys live), with points enough for one client to run them all.
const limits = Object.fromEntries(
  Object.entries(DEFAULT_LIMITS).map(([name, limit]) => [name, { ...limit, points: 1_000_000 }]),
) as unknown as VlensLimits;
const proxy = await startProxy({ upstream: upstream.url, redis: redis.url, limits });
const used = async () => Number(/used_memory:(\d+)/.exec(await admin.info('memory'))![1]);
// One warm-up registration so the shared per-client and global counters exist before measuring.
await registration(proxy.url, (to) => standIn.control.lastCode(to), '+201009999999');
const before = await used();
for (let i = 0; i < n; i++) {
  await registration(proxy.url, (to) => standIn.control.lastCode(to), `+2010${String(i).padStart(8, '0')}`);
}
const after = await used();
const keys = await admin.keys('*');
const kinds = new Map<string, { count: number; ttl: number }>();
for (const key of keys) {
  const kind = key.split(':').slice(0, 2).join(':');
  const seen = kinds.get(kind) ?? { count: 0, ttl: 0 };
  seen.count++;
  seen.ttl = Math.max(seen.ttl, await admin.ttl(key));
  kinds.set(kind, seen);
}
console.log(`${n} registrations: used_memory +${after - before} B = ${Math.round((after - before) / n)} B each`);
for (const [kind, { count, ttl }] of [...kinds].sort()) console.log(`  ${kind}: ${count} keys, longest TTL ${ttl} s`);
admin.disconnect();
await proxy.close();
await upstream.close();
await redis.kill();
