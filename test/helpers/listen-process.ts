/**
 * A proxy served by `listen` in a process of its own (for the SIGTERM test): upstream UPSTREAM, store
 * REDIS_URL, roomy limits; prints `listening <url>` once it accepts calls.
 */
import { listen } from '../../src/server/node.js';
import { createVlensProxy } from '../../src/server/proxy.js';
import { ROOMY_LIMITS, TEST_API_KEY } from './proxy-fixture.js';

const proxy = createVlensProxy({
  apiKey: TEST_API_KEY,
  upstream: process.env.UPSTREAM!,
  redis: process.env.REDIS_URL,
  limits: ROOMY_LIMITS,
  log: () => {},
});
const running = await listen(proxy);
console.log(`listening ${running.url}`);
