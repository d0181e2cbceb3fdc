// Apart from calls.ts (which reads the browser's geolocation) so pure modules and their node tests can name it.
import type { OAuthProviderName } from '../oauth/types.js';

/** The one call in flight, as the Task's argument. */
export type Action =
  | { type: 'send-phone'; phone: string }
  | { type: 'resend-phone' }
  | { type: 'verify-phone'; code: string }
  | { type: 'send-email'; email: string }
  | { type: 'resend-email' }
  | { type: 'verify-email'; code: string }
  | { type: 'register'; password: string | null }
  | { type: 'oauth'; provider: OAuthProviderName };
