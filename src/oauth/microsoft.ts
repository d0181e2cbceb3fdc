/**
 * Microsoft adapter (Entra ID or Azure AD B2C): `@azure/msal-browser`'s popup
 * flow. Only `microsoft-sign-in.ts` (the `vlens-register/oauth/microsoft`
 * entry) imports this module, dynamically, so MSAL is a lazy chunk that a
 * page loads when a person chooses Microsoft.
 */
import { PublicClientApplication, type Configuration, type IPublicClientApplication } from '@azure/msal-browser';
import { OAuthCancelledError, type IdTokenProvider } from './types.js';

/** The part of MSAL this adapter uses (tests may pass their own). */
export type MsalPopupClient = Pick<IPublicClientApplication, 'initialize' | 'loginPopup'>;

export interface MicrosoftAdapterOptions {
  clientId: string;
  /** Default `https://login.microsoftonline.com/common`; B2C: `https://<tenant>.b2clogin.com/<tenant>.onmicrosoft.com/<policy>`. */
  authority?: string;
  /** The page the popup returns to; it must call MSAL's `broadcastResponseToMainFrame()`. Default: the current page. */
  redirectUri?: string;
  scopes?: string[];
  /** Default: `new PublicClientApplication(config)`. */
  createClient?: (config: Configuration) => MsalPopupClient;
}

/** MSAL's code for a closed popup, and B2C's for "the user cancelled". */
function isCancellation(error: unknown): boolean {
  const { errorCode, errorMessage } = (error ?? {}) as { errorCode?: string; errorMessage?: string };
  return errorCode === 'user_cancelled' || Boolean(errorMessage?.includes('AADB2C90091'));
}

/** An {@link IdTokenProvider} for Microsoft; MSAL is created and initialised on first call. */
export function createMicrosoftIdTokenProvider({
  clientId,
  authority = 'https://login.microsoftonline.com/common',
  redirectUri,
  scopes = ['openid', 'profile', 'email'],
  createClient = (config) => new PublicClientApplication(config),
}: MicrosoftAdapterOptions): IdTokenProvider {
  let ready: Promise<MsalPopupClient> | null = null;
  const client = () => {
    if (!ready) {
      const host = new URL(authority).host;
      const client = createClient({
        auth: {
          clientId,
          authority,
          redirectUri,
          knownAuthorities: host.endsWith('.b2clogin.com') ? [host] : [],
        },
        // Tokens stay in memory: the widget keeps no token in storage.
        cache: { cacheLocation: 'memoryStorage' },
      });
      ready = client.initialize().then(() => client);
      ready.catch(() => (ready = null));
    }
    return ready;
  };

  return async () => {
    try {
      const result = await (await client()).loginPopup({ scopes, prompt: 'select_account' });
      return result.idToken;
    } catch (error) {
      if (isCancellation(error)) throw new OAuthCancelledError('microsoft', { cause: error });
      throw error;
    }
  };
}
