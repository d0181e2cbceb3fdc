/**
 * `npm start`'s metrics: the OpenTelemetry SDK's meter provider with the Prometheus exporter, served in
 * Prometheus' text format on a listener of its own (never on the public mount), and the registration
 * funnel per country read from the same collection (for the demo page). Loaded only by the CLI: a
 * library user installs the SDK and exporter of their choice.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { metrics, propagation } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { INSTRUMENTS, UNKNOWN_COUNTRY } from './metrics.js';
import { serveNode, type RunningServer } from './node.js';

/** One country's funnel: code sent → phone verified → email (or provider) verified → registered. */
export interface FunnelRow {
  country: string;
  codeSent: number;
  phoneVerified: number;
  emailVerified: number;
  registered: number;
}

export interface MetricsExport {
  /** The funnel per country, from the counters as collected now. */
  funnel(): Promise<FunnelRow[]>;
  /** Serves `GET /metrics` on `port` (0: any free one); resolves to the running server. */
  serve(port: number, host: string): Promise<RunningServer>;
  shutdown(): Promise<void>;
}

/**
 * Installs the SDK's meter provider (global) with a Prometheus reader, and the W3C trace-context
 * propagator; call before creating the proxy.
 */
export function installMetricsExport(): MetricsExport {
  const exporter = new PrometheusExporter({ preventServerStart: true });
  const provider = new MeterProvider({ readers: [exporter] });
  metrics.setGlobalMeterProvider(provider);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  return {
    async funnel() {
      const { resourceMetrics } = await exporter.collect();
      return funnelOf(resourceMetrics);
    },
    serve(port, host) {
      const listener = (req: IncomingMessage, res: ServerResponse) => {
        if (req.method === 'GET' && (req.url ?? '/').split('?')[0] === '/metrics') {
          exporter.getMetricsRequestHandler(req, res);
          return;
        }
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found: GET /metrics\n');
      };
      return serveNode(listener, { port, host, drainTimeoutMs: 1000 });
    },
    shutdown: () => provider.shutdown(),
  };
}

/** The funnel per country from one collection of the proxy's counters. */
export function funnelOf(resourceMetrics: ResourceMetrics): FunnelRow[] {
  const rows = new Map<string, FunnelRow>();
  const row = (country: unknown) => {
    const key = typeof country === 'string' ? country : UNKNOWN_COUNTRY;
    let found = rows.get(key);
    if (!found) {
      found = { country: key, codeSent: 0, phoneVerified: 0, emailVerified: 0, registered: 0 };
      rows.set(key, found);
    }
    return found;
  };
  for (const scope of resourceMetrics.scopeMetrics) {
    for (const metric of scope.metrics) {
      const name = metric.descriptor.name;
      for (const point of metric.dataPoints) {
        const { attributes } = point;
        const value = typeof point.value === 'number' ? point.value : 0;
        if (name === INSTRUMENTS.sends.name && attributes.channel === 'sms' && attributes.outcome === 'sent') {
          row(attributes.country).codeSent += value;
        } else if (name === INSTRUMENTS.checks.name && attributes.outcome === 'verified') {
          if (attributes.channel === 'sms') row(attributes.country).phoneVerified += value;
          else row(attributes.country).emailVerified += value;
        } else if (name === INSTRUMENTS.registrations.name && attributes.outcome === 'registered') {
          row(attributes.country).registered += value;
        }
      }
    }
  }
  return [...rows.values()].sort((a, b) => b.codeSent - a.codeSent || a.country.localeCompare(b.country));
}
