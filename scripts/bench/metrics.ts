/**
 * The proxy's CPU per request with metrics off (no OpenTelemetry SDK: the API's no-ops) and on (the
 * SDK's meter provider with the Prometheus exporter installed, as `npm start` does), under the same
 * sends, in interleaved rounds. Spans stay no-ops in both (no tracer provider installed).
 */
import { FORWARDERS, measureProxyCost, variantCostTable, type CostFigures, type LoadOptions } from './proxy.js';

export async function measureMetricsCost(load: LoadOptions = {}): Promise<CostFigures[]> {
  return measureProxyCost(
    {
      'metrics off (no SDK)': FORWARDERS.ours,
      'metrics on (SDK + Prometheus exporter)': (upstream) => ({ ...FORWARDERS.ours(upstream), metrics: true }),
    },
    load,
  );
}

/** The two rows side by side, medians over the rounds. */
export function metricsCostTable(figures: CostFigures[]): string {
  return variantCostTable(figures, 'Our proxy, StepVerifyPhone sends', 'off');
}
