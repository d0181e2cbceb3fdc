/**
 * Provider adapters a host enables by importing their entry (`vlens-register/oauth/microsoft`):
 * the core never imports them, so a bundler never meets a package the host did not install.
 */
import type { IdTokenProvider, OAuthConfig, OAuthProviderName } from './types.js';

/** Makes the provider for the element's settings (the client id already checked); may load its code lazily. */
export type ProviderFactory = (clientId: string, config: OAuthConfig) => Promise<IdTokenProvider>;

const factories = new Map<OAuthProviderName, ProviderFactory>();

/** Enables a provider's built-in adapter; a later registration for the same name replaces it. */
export function registerProviderFactory(name: OAuthProviderName, factory: ProviderFactory): void {
  factories.set(name, factory);
}

/** The registered adapter factory for `name`, if an entry enabled one. */
export function registeredProviderFactory(name: OAuthProviderName): ProviderFactory | undefined {
  return factories.get(name);
}
