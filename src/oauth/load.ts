/**
 * Where the widget gets a provider's adapter, lazily: a page that never
 * chooses a provider loads neither Google's script nor MSAL. Google's adapter
 * is built in (it needs no package); Microsoft's exists only when a host
 * imported `vlens-register/oauth/microsoft` (./microsoft-sign-in.ts), so the
 * core never names `@azure/msal-browser`, an optional peer dependency.
 */
import { registeredProviderFactory } from './registry.js';
import { OAuthProviderError, type IdTokenProvider, type OAuthConfig, type OAuthProviderName } from './types.js';

/** What a host must do when Microsoft is offered but its adapter was never imported. */
export const MICROSOFT_NOT_ENABLED =
  "Microsoft sign-in is not enabled: install @azure/msal-browser and import 'vlens-register/oauth/microsoft' " +
  'once (the script-tag bundle dist/vlens-register.js has it), or set idTokenProvider';

/**
 * Loads the adapter for `name`; rejects with a `config` OAuthProviderError when
 * Microsoft's adapter is not enabled or the provider's client id is missing.
 */
export async function loadProvider(name: OAuthProviderName, config: OAuthConfig): Promise<IdTokenProvider> {
  switch (name) {
    case 'google': {
      if (!config.googleClientId) throw new OAuthProviderError('google', 'config', 'google-client-id is missing');
      const { createGoogleIdTokenProvider } = await import('./google.js');
      return createGoogleIdTokenProvider({
        clientId: config.googleClientId,
        scriptUrl: config.googleScriptUrl || undefined,
        dialog: config.googleDialog,
      });
    }
    case 'microsoft': {
      const factory = registeredProviderFactory('microsoft');
      if (!factory) throw new OAuthProviderError('microsoft', 'config', MICROSOFT_NOT_ENABLED);
      if (!config.microsoftClientId)
        throw new OAuthProviderError('microsoft', 'config', 'microsoft-client-id is missing');
      return factory(config.microsoftClientId, config);
    }
  }
}
