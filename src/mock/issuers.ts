/**
 * Local development OpenID issuers, one "Google" and one "Microsoft": they
 * sign ID tokens with their own ES256 keys so the OAuth path runs offline,
 * and the stand-in verifies tokens against them with `jose`.
 */
import { randomUUID } from 'node:crypto';
import type { CryptoKey } from 'jose';
import { importPeer } from '../server/optional-peer.js';

// An optional peer: without it, `vlens-register/mock` fails with one line naming the npm install.
const { SignJWT, generateKeyPair, jwtVerify } = await importPeer('jose', 'vlens-register/mock', () => import('jose'));

export type OAuthProviderName = 'Google' | 'Microsoft';

export interface DevIdTokenClaims {
  email: string;
  sub?: string;
  name?: string;
  expiresInSeconds?: number;
  audience?: string;
  issuer?: string;
}

/** A development issuer: its identity, and a way to sign ID tokens for tests and the demo. */
export interface DevIssuer {
  name: OAuthProviderName;
  /** The `iss` claim of its tokens. */
  issuer: string;
  /** The `aud` claim (client id) the stand-in accepts. */
  audience: string;
  /**
   * Signs an ID token for `email`; a negative `expiresInSeconds` yields an
   * already expired token. `audience`/`issuer` override the claims (for
   * rejection tests only).
   */
  signIdToken(claims: DevIdTokenClaims): Promise<string>;
}

/** What the stand-in needs from an issuer beyond the public shape. */
export interface VerifyingDevIssuer extends DevIssuer {
  /** Verifies signature, issuer, audience and lifetime; resolves to the token's email. */
  verifyIdToken(token: string, now: number): Promise<{ email: string; sub: string }>;
}

export const DEV_ISSUER_URLS = {
  Google: 'https://google.dev.vlens-register.invalid',
  Microsoft: 'https://login.microsoftonline.dev.vlens-register.invalid/v2.0',
} as const;

export const DEFAULT_OAUTH_AUDIENCES = {
  google: 'vlens-register-dev-google',
  microsoft: 'vlens-register-dev-microsoft',
} as const;

/** Creates one issuer; its key pair is generated at once, in the background. */
export function createDevIssuer(name: OAuthProviderName, audience: string, now: () => number): VerifyingDevIssuer {
  const issuer = DEV_ISSUER_URLS[name];
  const kid = `${name.toLowerCase()}-dev-${randomUUID()}`;
  const keys: Promise<{ publicKey: CryptoKey; privateKey: CryptoKey }> = generateKeyPair('ES256');

  return {
    name,
    issuer,
    audience,
    async signIdToken({ email, sub, name: fullName, expiresInSeconds = 3600, ...override }) {
      const { privateKey } = await keys;
      const issuedAt = Math.floor(now() / 1000);
      return new SignJWT({ email, email_verified: true, ...(fullName ? { name: fullName } : {}) })
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
        .setIssuer(override.issuer ?? issuer)
        .setAudience(override.audience ?? audience)
        .setSubject(sub ?? `dev-${email.toLowerCase()}`)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + expiresInSeconds)
        .sign(privateKey);
    },
    async verifyIdToken(token, at) {
      const { publicKey } = await keys;
      const { payload } = await jwtVerify(token, publicKey, {
        issuer,
        audience,
        algorithms: ['ES256'],
        currentDate: new Date(at),
        requiredClaims: ['exp', 'sub'],
      });
      if (typeof payload.email !== 'string' || !payload.email) throw new Error('The token carries no email claim');
      return { email: payload.email, sub: String(payload.sub) };
    },
  };
}
