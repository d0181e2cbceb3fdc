/**
 * `GET {endpoint}/config`: what the proxy lets the browser know (the
 * countries codes may be sent to, the resend interval it enforces, the
 * CAPTCHA to show). Loaded lazily by the widget; one request per endpoint
 * and page, shared by every widget on it.
 */
import { PROXY_CONFIG_PATH } from './paths.js';
import { ProxyConfig } from './schemas/response.js';

export type { ProxyConfig };

const loads = new Map<string, Promise<ProxyConfig>>();

/**
 * The proxy's configuration. Rejects on any failure (network, non-2xx, a body that is not the schema);
 * a failed load is forgotten, so the next widget asks again.
 */
export function loadProxyConfig(
  endpoint: string,
  credentials: RequestCredentials,
  timeoutMs: number,
): Promise<ProxyConfig> {
  const url = `${endpoint.replace(/\/+$/, '')}/${PROXY_CONFIG_PATH}`;
  const key = `${credentials} ${url}`;
  let load = loads.get(key);
  if (!load) {
    load = fetch(url, {
      credentials,
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    })
      .then(async (response) => {
        if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
        return ProxyConfig.parse(await response.json());
      })
      .catch((error: unknown) => {
        loads.delete(key);
        throw error;
      });
    loads.set(key, load);
  }
  return load;
}
