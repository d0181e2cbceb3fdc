/** The OAuth provider interface the widget uses: one async function from a provider name to an ID token. */

/** A provider the widget can offer, as written in the `oauth-providers` attribute. */
export type OAuthProviderName = 'google' | 'microsoft';

export const OAUTH_PROVIDER_NAMES: readonly OAuthProviderName[] = ['google', 'microsoft'];

/** Vlens's `provider` value for each name. */
export const VLENS_OAUTH_PROVIDER = { google: 'Google', microsoft: 'Microsoft' } as const;

/**
 * Resolves to an ID token (a JWT) from the chosen provider. Rejects with
 * {@link OAuthCancelledError} when the person closes the sign-in, and with
 * any other error when the sign-in fails.
 */
export type IdTokenProvider = (provider: OAuthProviderName) => Promise<string>;

/** The person closed the sign-in (popup, prompt or dialog): not an error, the widget goes back to the choice. */
export class OAuthCancelledError extends Error {
  readonly provider: OAuthProviderName;

  constructor(provider: OAuthProviderName, options?: { cause?: unknown }) {
    super(`The ${provider} sign-in was closed`, options);
    this.name = 'OAuthCancelledError';
    this.provider = provider;
  }
}

/** The provider could not give a token: its script did not load (`network`) or it refused the setup (`config`). */
export class OAuthProviderError extends Error {
  readonly provider: OAuthProviderName;
  readonly kind: 'network' | 'config';

  constructor(provider: OAuthProviderName, kind: 'network' | 'config', message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OAuthProviderError';
    this.provider = provider;
    this.kind = kind;
  }
}

/** True for a cancellation, also one thrown by another copy of this module (compares by name). */
export function isOAuthCancelled(error: unknown): boolean {
  return error instanceof OAuthCancelledError || (error instanceof Error && error.name === 'OAuthCancelledError');
}

/** What the built-in adapters need, from the element's attributes. */
export interface OAuthConfig {
  googleClientId?: string;
  /** Where Google Identity Services is loaded from (default Google's own URL; tests point it elsewhere). */
  googleScriptUrl?: string;
  /** The Google dialog's words and language (the widget passes its own). */
  googleDialog?: { title?: string; cancel?: string; locale?: string; dir?: 'ltr' | 'rtl' };
  microsoftClientId?: string;
  /** e.g. `https://login.microsoftonline.com/common` or an Azure AD B2C policy authority. */
  microsoftAuthority?: string;
  /** The page MSAL's popup returns to; it must run MSAL's redirect bridge. Default: the current page. */
  microsoftRedirectUri?: string;
}

/** Parses `oauth-providers` ("google microsoft"): known names, in order, once each. */
export function parseOAuthProviders(value: string | null | undefined): OAuthProviderName[] {
  const words = (value ?? '').toLowerCase().split(/[\s,]+/);
  return OAUTH_PROVIDER_NAMES.filter((name) => words.includes(name)).sort(
    (a, b) => words.indexOf(a) - words.indexOf(b),
  );
}
