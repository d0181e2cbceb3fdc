import type { VlensClient } from '../api/client.js';
import { VlensError } from '../api/error.js';
import { directionOf, type VlensLocale, type VlensStrings } from '../i18n/index.js';
import { loadProvider } from '../oauth/load.js';
import {
  isOAuthCancelled,
  OAuthProviderError,
  VLENS_OAUTH_PROVIDER,
  type IdTokenProvider,
  type OAuthConfig,
  type OAuthProviderName,
} from '../oauth/types.js';
import type { OAuthAttempt } from './error-text.js';
import type { FlowEvent } from './flow.js';

/** The element's sign-in settings (its properties), read when a provider is asked for a token. */
export interface OAuthSignInSettings {
  /** The host's provider; replaces the built-in adapters. */
  idTokenProvider: IdTokenProvider | null;
  googleClientId: string;
  microsoftClientId: string;
  microsoftAuthority: string;
  microsoftRedirectUri: string;
}

/**
 * The provider sign-in on the `oauth` step: asks the provider (the host's, else a built-in adapter) for an
 * ID token and has Vlens verify it. In the lazy submit path; the element holds the attempt (the chosen
 * provider and its failure), which the first screen reads.
 */
export class OAuthSignIn {
  /** Built-in adapters, loaded on first choice, per provider and configuration. */
  private readonly _adapters = new Map<string, Promise<IdTokenProvider>>();

  constructor(
    /** The element's attempt: the failure of a provider that gave no token is written here (shown as `oauthFailed`). */
    private readonly _attempt: OAuthAttempt,
    private readonly _settings: () => OAuthSignInSettings,
    /** The Google dialog's words and language, read when it opens. */
    private readonly _words: () => { t: VlensStrings; locale: VlensLocale },
  ) {}

  /** Token from the provider → `StepVerifyOAuthToken`. A closed sign-in goes back to the choice. */
  async verify(client: VlensClient, provider: OAuthProviderName, signal: AbortSignal): Promise<FlowEvent> {
    let idToken: string;
    try {
      idToken = await (await this._idTokenProvider(provider))(provider);
    } catch (error) {
      if (isOAuthCancelled(error)) return { type: 'back' };
      const kind = error instanceof OAuthProviderError ? error.kind : 'config';
      this._attempt.failure = new VlensError(
        kind,
        `The ${provider} sign-in failed: ${error instanceof Error ? error.message : String(error)}`,
        {
          cause: error,
        },
      );
      throw this._attempt.failure;
    }
    signal.throwIfAborted();
    const data = await client.verifyOAuthToken({ provider: VLENS_OAUTH_PROVIDER[provider], IdToken: idToken }, signal);
    return { type: 'oauth-verified', requestId: data.oAuthTokenVerificationRequestId!, email: data.email ?? null };
  }

  /** The host's provider, else the built-in adapter (loaded now, once). */
  private _idTokenProvider(name: OAuthProviderName): Promise<IdTokenProvider> {
    const { idTokenProvider, googleClientId, microsoftClientId, microsoftAuthority, microsoftRedirectUri } =
      this._settings();
    if (idTokenProvider) return Promise.resolve(idTokenProvider);
    const { t, locale } = this._words();
    const googleDialog = { title: t.continueWithGoogle, cancel: t.oauthCancel, locale, dir: directionOf(locale) };
    const config: OAuthConfig = {
      googleClientId,
      googleDialog,
      microsoftClientId,
      microsoftAuthority,
      microsoftRedirectUri,
    };
    const key = JSON.stringify([name, config]);
    let adapter = this._adapters.get(key);
    if (!adapter) {
      adapter = loadProvider(name, config);
      adapter.catch(() => this._adapters.delete(key));
      this._adapters.set(key, adapter);
    }
    return adapter;
  }
}
