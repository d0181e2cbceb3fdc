/**
 * The one place the provider adapters are imported, dynamically: a page that
 * never chooses a provider loads neither Google's script nor MSAL.
 */
import { OAuthProviderError, type IdTokenProvider, type OAuthConfig, type OAuthProviderName } from './types.js';

/** Loads the built-in adapter for `name`; rejects with a `config` OAuthProviderError when its client id is missing. */
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
      if (!config.microsoftClientId)
        throw new OAuthProviderError('microsoft', 'config', 'microsoft-client-id is missing');
      const { createMicrosoftIdTokenProvider } = await import('./microsoft.js');
      return createMicrosoftIdTokenProvider({
        clientId: config.microsoftClientId,
        authority: config.microsoftAuthority || undefined,
        redirectUri: config.microsoftRedirectUri || undefined,
      });
    }
  }
}
