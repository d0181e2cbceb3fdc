/**
 * A child-process server for the benchmark and the load test: the stand-in,
 * the proxy or a comparison forwarder on loopback, in its own process so its CPU and heap are its own.
 *
 * Start with `fork('scripts/bench/serve.ts', [JSON.stringify(ServeConfig)], { execArgv: ['--import', 'tsx', '--expose-gc'] })`.
 * It sends `{ type: 'ready', url }`; it answers `{ type: 'memory' }` with
 * `{ type: 'memory', heapUsed, rss, gc }` (after a full GC when --expose-gc is
 * on), `{ type: 'cpu' }` with the CPU time it has used (user + system, µs),
 * and exits on `{ type: 'stop' }` or when the parent goes away.
 */
import { createFakeCaptcha, FAKE_CAPTCHA_SECRET, FAKE_CAPTCHA_SITE_KEY } from '../../src/mock/captcha.js';
import { createVlensStandIn } from '../../src/mock/index.js';
import { mountedNodeListener } from '../../src/mock/node-mount.js';
import { startStandIn } from '../../src/mock/server.js';
import { createVlensProxy, type Limit, type VlensLimits } from '../../src/server/proxy.js';
import { installMetricsExport } from '../../src/server/metrics-export.js';
import { listen, serveNode } from '../../src/server/node.js';
import type { StandInSettings } from '../../src/mock/types.js';
import { expressForwarder, floorForwarder } from './forwarders.js';

export type ServeConfig =
  | { role: 'stand-in'; apiKey: string; settings?: Partial<StandInSettings> }
  /** Our proxy; `log: 'stdout'` keeps its default JSON-line log (the child's stdout is then /dev/null), else no log. */
  | {
      role: 'proxy';
      apiKey: string;
      upstream: string;
      limits: VlensLimits;
      log?: 'stdout' | 'none';
      captchaVerifyUrl?: string;
      /** Install the OpenTelemetry SDK with the Prometheus exporter first, as `npm start` does (metrics on). */
      metrics?: boolean;
    }
  /** The stand-in's fake CAPTCHA (Turnstile's siteverify at /fake-captcha/turnstile/siteverify), tokens reusable. */
  | { role: 'fake-captcha'; apiKey: string }
  /** The comparison forwarders of scripts/bench/forwarders.ts. */
  | { role: 'floor'; apiKey: string; upstream: string }
  | { role: 'express'; apiKey: string; upstream: string; limit: Limit };

export type ServeMessage =
  | { type: 'ready'; url: string }
  | { type: 'memory'; heapUsed: number; rss: number; gc: boolean }
  | { type: 'cpu'; micros: number };

async function start(config: ServeConfig): Promise<{ url: string; close(): Promise<void> }> {
  if (config.role === 'stand-in') {
    const standIn = createVlensStandIn({ apiKey: config.apiKey, ...config.settings });
    return startStandIn(standIn, { quiet: true });
  }
  if (config.role === 'fake-captcha') {
    const listener = mountedNodeListener(createFakeCaptcha({ singleUse: false }).handler);
    return serveNode((req, res) => void listener(req, res));
  }
  if (config.role === 'floor') return serveNode(floorForwarder(config.upstream, config.apiKey));
  if (config.role === 'express') return serveNode(expressForwarder(config.upstream, config.apiKey, config.limit));
  // Before the proxy makes its instruments; collected only when scraped (never during the bench).
  if (config.metrics) installMetricsExport();
  const proxy = createVlensProxy({
    apiKey: config.apiKey,
    upstream: config.upstream,
    limits: config.limits,
    ...(config.log === 'stdout' ? {} : { log: () => {} }),
    ...(config.captchaVerifyUrl
      ? {
          captcha: {
            provider: 'turnstile' as const,
            siteKey: FAKE_CAPTCHA_SITE_KEY,
            secret: FAKE_CAPTCHA_SECRET,
            verifyUrl: config.captchaVerifyUrl,
          },
        }
      : {}),
  });
  const server = await listen(proxy);
  return {
    url: server.url,
    close: async () => {
      await server.close();
      await proxy.close();
    },
  };
}

if (process.send) {
  const config = JSON.parse(process.argv[2] ?? '{}') as ServeConfig;
  const running = await start(config);
  const send = (message: ServeMessage) => process.send!(message);
  process.on('message', (message: { type: string }) => void answerMessage(message));
  async function answerMessage(message: { type: string }) {
    if (message.type === 'memory') {
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      const { heapUsed, rss } = process.memoryUsage();
      send({ type: 'memory', heapUsed, rss, gc: Boolean(gc) });
    } else if (message.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      send({ type: 'cpu', micros: user + system });
    } else if (message.type === 'stop') {
      await running.close();
      process.exit(0);
    }
  }
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', url: running.url });
}
