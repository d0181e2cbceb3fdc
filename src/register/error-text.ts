import type { VlensError } from '../api/client.js';
import { format, hostErrorText, type VlensErrorText, type VlensLocale, type VlensStrings } from '../i18n/index.js';
import type { OAuthProviderName } from '../oauth/types.js';

/** The proxy's refusal codes (HTTP statuses) the dictionaries translate. */
const PROXY_CODES = [400, 403, 404, 405, 413, 415, 429, 500, 502, 503, 504] as const;

/** On the `oauth` step: the provider the person chose and the failure it gave, if any. */
export interface OAuthAttempt {
  chosen: OAuthProviderName | null;
  failure: VlensError | null;
}

/**
 * The host's table (`error-texts`), then the provider's failure (`oauth`: on the `oauth` step only),
 * then the widget's own text for kinds and proxy codes, then the server's message.
 */
export function errorText(
  error: VlensError,
  t: VlensStrings,
  locale: VlensLocale,
  errorTexts: VlensErrorText[],
  oauth: OAuthAttempt | null,
): string {
  const hostText = hostErrorText(errorTexts, error.envelope.error_code, locale);
  if (hostText) return hostText;
  const oauthText = oauth?.chosen && oauthErrorText(error, oauth.chosen, oauth.failure, t);
  if (oauthText) return oauthText;
  if (error.kind !== 'api') return t[`error_${error.kind}`];
  const own = proxyErrorText(error, t);
  // Vlens does not document its codes: its own message is the fallback (shown isolated, it may be English in Arabic).
  return own ?? (error.envelope.error_message || t.error_api);
}

/** The provider's failure, or its token rejected by Vlens, in the person's words. */
function oauthErrorText(error: VlensError, chosen: OAuthProviderName, failure: VlensError | null, t: VlensStrings): string | null {
  const provider = chosen === 'google' ? t.providerGoogle : t.providerMicrosoft;
  if (error === failure) return format(t.oauthFailed, { provider });
  return error.kind === 'api' ? format(t.oauthRejected, { provider }) : null;
}

/** The proxy's own refusals (`error_descriptions.source: "proxy"`, HTTP status as `error_code`), translated. */
function proxyErrorText(error: VlensError, t: VlensStrings): string | undefined {
  const descriptions = error.envelope.error_descriptions as { source?: unknown; field?: unknown } | null | undefined;
  if (descriptions?.source !== 'proxy') return undefined;
  const code = error.envelope.error_code;
  if (code === 400 && descriptions.field === 'phoneNumber') return t.error_400_phone;
  return PROXY_CODES.find((known) => known === code) ? t[`error_${code as (typeof PROXY_CODES)[number]}`] : undefined;
}
