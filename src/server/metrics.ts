/**
 * The proxy's metrics and traces through `@opentelemetry/api` (an optional
 * peer): every instrument's name, unit and attributes are here and only here.
 * Without the package, or without an SDK installed by the application, every
 * call is a no-op. Attribute values come from the fixed sets below (and
 * ISO 3166 country codes): never a phone number, email, address, request id
 * or token.
 *
 * The registration funnel, per country, from the same counters:
 * `vlens.proxy.code.sends{channel=sms,outcome=sent}` →
 * `vlens.proxy.code.checks{channel=sms,outcome=verified}` →
 * `vlens.proxy.code.checks{channel=email|oauth,outcome=verified}` →
 * `vlens.proxy.registrations{outcome=registered}`.
 */
import { createRequire } from 'node:module';
import type * as OTel from '@opentelemetry/api';
import { VLENS_PATHS } from '../api/paths.js';

/** The API when installed (loaded synchronously so createVlensProxy stays synchronous), else undefined. */
const api: typeof OTel | undefined = (() => {
  try {
    return createRequire(import.meta.url)('@opentelemetry/api') as typeof OTel;
  } catch {
    return undefined;
  }
})();

/** The instrumentation scope's name (meter and tracer). */
export const SCOPE = 'vlens-register';

/** Every instrument: its name, kind, unit and description. */
export const INSTRUMENTS = {
  requests: {
    name: 'vlens.proxy.requests',
    unit: '{request}',
    description: 'Requests answered by the proxy, by path, outcome and HTTP status.',
  },
  sends: {
    name: 'vlens.proxy.code.sends',
    unit: '{code}',
    description: 'Code sends asked for (SMS or email), by channel, country and outcome; refusals by defence.',
  },
  checks: {
    name: 'vlens.proxy.code.checks',
    unit: '{check}',
    description: 'Code checks (SMS, email) and OAuth verifications, by channel, country and outcome.',
  },
  registrations: {
    name: 'vlens.proxy.registrations',
    unit: '{registration}',
    description: 'Register calls, by country and outcome; refusals by defence.',
  },
  upstreamDuration: {
    name: 'vlens.proxy.upstream.duration',
    unit: 's',
    description: 'Time Vlens took to answer (headers and body), by path and status (or timeout/unreachable).',
  },
  upstreamActive: {
    name: 'vlens.proxy.upstream.active',
    unit: '{call}',
    description: 'Upstream calls in flight on this instance (capped by maxUpstreamCalls).',
  },
  storeFailures: {
    name: 'vlens.proxy.store.failures',
    unit: '{call}',
    description: 'Limit-store (Redis) calls that failed or timed out, by operation and failure.',
  },
  sendBreaker: {
    name: 'vlens.proxy.send_breaker.open',
    unit: '1',
    description: 'Whether the global send budget’s circuit breaker is open (1) and refusing every send.',
  },
} as const;

/** Which defence refused a call (the `defence` attribute). */
export const DEFENCES = [
  /** Sends per handset (the short and the daily window). */
  'handset',
  /** Sends per canonical email. */
  'mailbox',
  /** Sends per number block (neighbouring numbers of one range). */
  'block',
  /** Per client address (IPv6 by /64 or /48): sends, or all calls. */
  'address',
  /** The destination country: its allowlist, or its send budget. */
  'country',
  /** The tenant-wide send budget and its breaker. */
  'global',
  /** The built-in CAPTCHA. */
  'captcha',
  /** The `verifyHuman` hook. */
  'human',
  /** Code checks per request id. */
  'tries',
  /** Existence lookups per client address. */
  'existence',
  /** Register without the verifications this proxy saw. */
  'proof',
  /** The limit store (Redis) could not answer: failed closed. */
  'store',
  /** Too many upstream calls in flight on this instance. */
  'capacity',
] as const;
export type Defence = (typeof DEFENCES)[number];

/** The `outcome` values of each counter. */
export const OUTCOMES = {
  requests: ['ok', 'upstream_error', 'refused', 'invalid', 'error'],
  sends: ['sent', 'upstream_error', 'refused', 'error'],
  checks: ['verified', 'rejected', 'refused', 'error'],
  registrations: ['registered', 'upstream_error', 'refused', 'error'],
} as const;

/** `channel` values. */
export const CHANNELS = ['sms', 'email', 'oauth'] as const;
/** `country` when the call names no phone number (an email send without its phone flow, from an older widget). */
export const UNKNOWN_COUNTRY = 'unknown';
/** `path` values besides the Vlens paths. */
export const OWN_PATHS = ['healthz', 'readyz', 'config', '(other)'] as const;
/** `operation` and `failure` values of store failures. */
export const STORE_OPERATIONS = ['ready', 'consume', 'exhaust', 'remember', 'recall', 'claim', 'forget'] as const;
export const STORE_FAILURES = ['error', 'timeout'] as const;
export type StoreOperation = (typeof STORE_OPERATIONS)[number];
export type StoreFailure = (typeof STORE_FAILURES)[number];

type Kind = 'send' | 'check' | 'registration' | undefined;

/** What a call is, for the counters: by path and whether it carries a code. */
function classify(path: string, body: Record<string, unknown>): { kind: Kind; channel?: (typeof CHANNELS)[number] } {
  switch (path) {
    case VLENS_PATHS.verifyPhone:
      return { kind: body.phoneNumberOtp ? 'check' : 'send', channel: 'sms' };
    case VLENS_PATHS.verifyEmail:
      return { kind: body.emailOtp ? 'check' : 'send', channel: 'email' };
    case VLENS_PATHS.verifyOAuth:
    case VLENS_PATHS.verifyOAuthForRegister:
      return { kind: 'check', channel: 'oauth' };
    case VLENS_PATHS.register:
    case VLENS_PATHS.registerStepCreate:
      return { kind: 'registration' };
    default:
      return { kind: undefined };
  }
}

/** What the counters read of a call as it ends (the proxy's CallContext has these). */
export interface CallFacts {
  /** The body as validated (phone number in E.164); empty when the call did not get that far. */
  body: Record<string, unknown>;
  /** The phone number's country, when the body has one. */
  country?: string;
  /** The upstream's HTTP status; 0 when nothing came back from upstream. */
  status: number;
  /** Whether the upstream's answer is a failure envelope (a wrong code, say). */
  failed: boolean;
}

/** How a call ended. */
export interface CallEnd {
  /** The path served, without the mount ('Register', 'healthz', '(other)'). */
  path: string;
  /** The HTTP status answered. */
  status: number;
  /** The defence that refused the call, when one did. */
  refusedBy: Defence | undefined;
  call: CallFacts;
}

/** One proxied call's telemetry: its span, and the counters it adds to when it ends. */
export interface CallTelemetry {
  /** The call's trace id (W3C, 32 hex digits) when it has one, for the log line. */
  readonly traceId: string | undefined;
  /** Starts the upstream call's span (a child) and adds its `traceparent` to `headers`; the returned function ends it. */
  upstream(headers: Record<string, string>, path: string): (status: UpstreamStatus) => void;
  /** Ends the call's span and counts it. */
  end(how: CallEnd): void;
}

/** The `status` of an upstream call: its HTTP status, or why there is none. */
export type UpstreamStatus = number | 'timeout' | 'unreachable' | 'busy';

/** Headers as the proxy reads them (the incoming `traceparent`). */
interface HeaderLookup {
  get(name: string): string | null;
}

const headerGetter: OTel.TextMapGetter<HeaderLookup> = {
  get: (carrier, key) => carrier.get(key) ?? undefined,
  keys: () => [],
};
const recordSetter: OTel.TextMapSetter<Record<string, string>> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};

export interface ProxyTelemetry {
  /** Starts a call's telemetry (its span, parented on an incoming `traceparent` when a propagator is installed). */
  begin(method: string, headers: HeaderLookup): CallTelemetry;
  /** Counts a limit-store call that failed or timed out. */
  storeFailure(operation: StoreOperation, failure: StoreFailure): void;
  /** Stops observing this proxy's gauges. */
  close(): void;
}

export interface TelemetrySources {
  /** Whether the global send breaker is open now. */
  breakerOpen(): boolean;
  /** Upstream calls in flight now. */
  upstreamActive(): number;
}

const NO_OP_END = () => {};

/** The proxy's instruments, made from the global meter and tracer providers as they are now (call after installing an SDK). */
export function createProxyTelemetry(sources: TelemetrySources, version = '0'): ProxyTelemetry {
  if (!api) return { begin: () => new NoTelemetry(), storeFailure: () => {}, close: () => {} };
  const { propagation, trace, SpanKind, SpanStatusCode, ROOT_CONTEXT } = api;
  const meter = api.metrics.getMeter(SCOPE, version);
  const tracer = trace.getTracer(SCOPE, version);
  const counter = (i: { name: string; unit: string; description: string }) =>
    meter.createCounter(i.name, { unit: i.unit, description: i.description });
  const requests = counter(INSTRUMENTS.requests);
  const sends = counter(INSTRUMENTS.sends);
  const checks = counter(INSTRUMENTS.checks);
  const registrations = counter(INSTRUMENTS.registrations);
  const storeFailures = counter(INSTRUMENTS.storeFailures);
  const upstreamDuration = meter.createHistogram(INSTRUMENTS.upstreamDuration.name, {
    unit: INSTRUMENTS.upstreamDuration.unit,
    description: INSTRUMENTS.upstreamDuration.description,
    advice: { explicitBucketBoundaries: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] },
  });
  const breaker = meter.createObservableGauge(INSTRUMENTS.sendBreaker.name, {
    unit: INSTRUMENTS.sendBreaker.unit,
    description: INSTRUMENTS.sendBreaker.description,
  });
  const active = meter.createObservableGauge(INSTRUMENTS.upstreamActive.name, {
    unit: INSTRUMENTS.upstreamActive.unit,
    description: INSTRUMENTS.upstreamActive.description,
  });
  const observe = (result: OTel.BatchObservableResult) => {
    result.observe(breaker, sources.breakerOpen() ? 1 : 0);
    result.observe(active, sources.upstreamActive());
  };
  meter.addBatchObservableCallback(observe, [breaker, active]);

  class Call implements CallTelemetry {
    private readonly span: OTel.Span;
    private readonly parent: OTel.Context;

    constructor(method: string, headers: HeaderLookup) {
      const incoming = propagation.extract(ROOT_CONTEXT, headers, headerGetter);
      this.span = tracer.startSpan(
        'vlens.proxy',
        { kind: SpanKind.SERVER, attributes: { 'http.request.method': method } },
        incoming,
      );
      this.parent = trace.setSpan(incoming, this.span);
    }

    get traceId(): string | undefined {
      const { traceId } = this.span.spanContext();
      return api!.isValidTraceId(traceId) ? traceId : undefined;
    }

    upstream(headers: Record<string, string>, path: string) {
      const span = tracer.startSpan(`POST ${path}`, { kind: SpanKind.CLIENT }, this.parent);
      propagation.inject(trace.setSpan(ROOT_CONTEXT, span), headers, recordSetter);
      const started = performance.now();
      return (status: UpstreamStatus) => {
        upstreamDuration.record((performance.now() - started) / 1000, { path, status: String(status) });
        if (typeof status === 'number') span.setAttribute('http.response.status_code', status);
        else span.setStatus({ code: SpanStatusCode.ERROR, message: status });
        span.end();
      };
    }

    end({ path, status, refusedBy, call }: CallEnd): void {
      const answered = call.status > 0 && !refusedBy && status === call.status;
      const outcome: (typeof OUTCOMES.requests)[number] = refusedBy
        ? 'refused'
        : answered
          ? call.failed
            ? 'upstream_error'
            : 'ok'
          : status >= 500
            ? 'error'
            : status >= 400
              ? 'invalid'
              : 'ok';
      requests.add(1, { path, outcome, status: String(status) });
      this.span.updateName(`vlens.proxy ${path}`);
      if (refusedBy) this.span.addEvent('vlens.refusal', { defence: refusedBy, status });
      this.span.setAttribute('http.response.status_code', status);
      if (status >= 500) this.span.setStatus({ code: SpanStatusCode.ERROR });
      this.span.end();
      // A call refused before its body was valid (a 400, or the client budget) is not yet a send, check or registration.
      if (outcome === 'invalid' || Object.keys(call.body).length === 0) return;
      const { kind, channel } = classify(path, call.body);
      if (!kind) return;
      const attributes: OTel.Attributes = { country: call.country ?? UNKNOWN_COUNTRY };
      if (channel) attributes.channel = channel;
      if (refusedBy) attributes.defence = refusedBy;
      const failed = outcome === 'upstream_error';
      const settled = outcome === 'ok' || failed;
      switch (kind) {
        case 'send':
          attributes.outcome = !settled ? outcome : failed ? 'upstream_error' : 'sent';
          sends.add(1, attributes);
          break;
        case 'check':
          attributes.outcome = !settled ? outcome : failed ? 'rejected' : 'verified';
          checks.add(1, attributes);
          break;
        case 'registration':
          attributes.outcome = !settled ? outcome : failed ? 'upstream_error' : 'registered';
          registrations.add(1, attributes);
          break;
      }
    }
  }

  return {
    begin: (method, headers) => new Call(method, headers),
    storeFailure: (operation, failure) => storeFailures.add(1, { operation, failure }),
    close: () => meter.removeBatchObservableCallback(observe, [breaker, active]),
  };
}

/** Telemetry without the API installed. */
class NoTelemetry implements CallTelemetry {
  readonly traceId = undefined;
  upstream() {
    return NO_OP_END;
  }
  end(): void {}
}
