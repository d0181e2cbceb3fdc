/**
 * `vlens-register/oauth/microsoft`: import it once to enable Microsoft sign-in
 * (`oauth-providers="microsoft"`). It needs `@azure/msal-browser`, an optional
 * peer dependency. The adapter and MSAL load lazily, when a person chooses
 * Microsoft. The script-tag bundle (dist/vlens-register.js) imports it itself.
 */
import { registerProviderFactory } from './registry.js';

registerProviderFactory('microsoft', async (clientId, config) => {
  const { createMicrosoftIdTokenProvider } = await import('./microsoft.js');
  return createMicrosoftIdTokenProvider({
    clientId,
    authority: config.microsoftAuthority || undefined,
    redirectUri: config.microsoftRedirectUri || undefined,
  });
});
