import type { IdTokenProvider, OAuthProviderName } from '../src/oauth/types.js';

export class OAuthCancelledError extends Error {
  readonly provider: OAuthProviderName;
  constructor(provider: OAuthProviderName);
}
export type DevTokenVariant = 'valid' | 'expired' | 'unknown-issuer' | 'wrong-audience';
export function fetchDevIdToken(
  provider: OAuthProviderName,
  email: string,
  options?: { endpoint?: string; variant?: DevTokenVariant },
): Promise<string>;
export function createDevIdTokenProvider(options?: { endpoint?: string; defaultEmail?: string }): IdTokenProvider;
