/**
 * The proxy's configuration for the browser (`GET {endpoint}/config`), read
 * once per endpoint and page. Until it answers, `allowedCountries` is
 * `undefined`; when it cannot be read (an older proxy, a network failure),
 * `null`. The reading code loads lazily, once the first screen has painted.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ProxyConfig } from '../api/config.js';
import { DEFAULT_TIMEOUT_MS } from '../api/error.js';
import { afterFirstPaint } from '../register/lazy-module.js';

/** The host's settings, read when it updates: its `endpoint`, `credentials`, call timeout (0: the default) and `resend-after`. */
export interface ServerConfigHost extends ReactiveControllerHost, Pick<Element, 'hasAttribute'> {
  endpoint: string;
  credentials: RequestCredentials;
  timeout: number;
  resendAfter: number;
}

export class ServerConfig implements ReactiveController {
  private loadedFor: string | undefined;
  private config: ProxyConfig | null | undefined;

  constructor(private readonly host: ServerConfigHost) {
    host.addController(this);
  }

  /** The countries the proxy sends codes to; `undefined` while loading, `null` when unknown. */
  get allowedCountries(): readonly string[] | null | undefined {
    return this.config === undefined ? undefined : (this.config?.allowedCountries ?? null);
  }

  /** Seconds before a resend: the host's own `resend-after` when it set one, else the proxy's interval, else the host's default. */
  resendAfter(): number {
    const own = this.host.resendAfter;
    return this.host.hasAttribute('resend-after') ? own : (this.config?.resendAfterSec ?? own);
  }

  /** The configuration as read (`undefined` while loading, `null` when it could not be read). */
  get value(): ProxyConfig | null | undefined {
    return this.config;
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  /** Loads the configuration when the endpoint (or the credentials mode) changed. */
  private sync(): void {
    const { endpoint, credentials } = this.host;
    const timeoutMs = this.host.timeout || DEFAULT_TIMEOUT_MS;
    const key = `${credentials} ${endpoint}`;
    if (key === this.loadedFor) return;
    this.loadedFor = key;
    this.config = endpoint ? undefined : null;
    if (!endpoint) return;
    afterFirstPaint(() => {
      import('../api/config.js')
        .then((module) => module.loadProxyConfig(endpoint, credentials, timeoutMs))
        .then(
          (config) => this.settle(key, config),
          () => this.settle(key, null),
        );
    });
  }

  private settle(key: string, config: ProxyConfig | null): void {
    if (key !== this.loadedFor) return;
    this.config = config;
    this.host.requestUpdate();
  }
}
