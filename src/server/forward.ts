/** The forward stage: the call to Vlens with the tenant's ApiKey, within the upstream deadline. */
import { VLENS_API_PREFIX } from '../api/paths.js';
import { isEnvelopeSuccess } from '../api/schemas.js';
import type { CallContext } from './call-context.js';
import type { UpstreamStatus } from './metrics.js';
import { ProxyRefusal } from './refusal.js';
import { UpstreamBusyError, type UpstreamPost } from './upstream.js';

export interface ForwardOptions {
  apiKey: string;
  /** The Vlens base URL, without a trailing slash. */
  upstream: string;
  post: UpstreamPost;
  timeoutMs: number;
  maxUpstreamBytes: number;
}

export function createForward({ apiKey, upstream, post, timeoutMs, maxUpstreamBytes }: ForwardOptions) {
  const headers = { ApiKey: apiKey, 'Content-Type': 'application/json', Accept: 'application/json' };

  /** Calls Vlens; resolves to its status and envelope (a JSON object), or throws a 502/504 refusal. */
  async function callUpstream(call: CallContext): Promise<{ status: number; envelope: Record<string, unknown> }> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const started = performance.now();
    // Per call: the trace context goes upstream as `traceparent` (when a propagator is installed).
    const callHeaders: Record<string, string> = { ...headers };
    const ended = call.telemetry.upstream(callHeaders, call.path);
    let status: UpstreamStatus = 'unreachable';
    try {
      const answer = await post(`${upstream}${VLENS_API_PREFIX}${call.path}`, {
        headers: callHeaders,
        body: JSON.stringify(call.body),
        signal: controller.signal,
      });
      status = answer.status;
      if (answer.redirected) {
        await answer.discard();
        throw new ProxyRefusal(502, 'The upstream service answered with a redirect');
      }
      if (!/^application\/([\w.+-]+\+)?json\b/i.test(answer.contentType)) {
        await answer.discard();
        throw new ProxyRefusal(502, 'The upstream service did not answer with JSON');
      }
      const text = await answer.readText(maxUpstreamBytes);
      if (text === null) throw new ProxyRefusal(502, 'The upstream answer is too large');
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        throw new ProxyRefusal(502, 'The upstream service did not answer with JSON');
      }
      if (data === null || typeof data !== 'object' || Array.isArray(data)) {
        throw new ProxyRefusal(502, 'The upstream service did not answer with an envelope');
      }
      return { status: answer.status, envelope: data as Record<string, unknown> };
    } catch (error) {
      if (error instanceof ProxyRefusal) throw error;
      if (error instanceof UpstreamBusyError) {
        status = 'busy';
        throw new ProxyRefusal(503, 'The service is busy; try again shortly', undefined, { 'Retry-After': '1' }).by(
          'capacity',
        );
      }
      if (controller.signal.aborted) {
        status = 'timeout';
        throw new ProxyRefusal(504, 'The upstream service did not answer in time');
      }
      throw new ProxyRefusal(502, 'The upstream service could not be reached');
    } finally {
      clearTimeout(timer);
      ended(status);
      call.entry.upstreamMs = Math.round(performance.now() - started);
    }
  }

  /** Stage: forwards the validated body; the answer (and whether it is a failure) goes into the context. */
  async function forward(call: CallContext): Promise<void> {
    const { status, envelope } = await callUpstream(call);
    call.status = status;
    call.envelope = envelope;
    call.failed = !isEnvelopeSuccess(status, envelope);
  }

  return { forward };
}
