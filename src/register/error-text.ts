/**
 * Chooses what a failed call says: always the widget's own words in its
 * language, chosen by the situation (what the call was for, the kind of
 * failure, the proxy's refusal). The server's `error_message` is never shown:
 * Vlens's messages are English and undocumented; it stays in the
 * `vlens-error` detail for the host.
 */
import type { VlensError } from '../api/error.js';
import { format, type VlensErrorText, type VlensLocale, type VlensStrings } from '../i18n/index.js';
import { hostErrorText, triesLeftText } from '../i18n/messages.js';
import type { OAuthProviderName } from '../oauth/types.js';
import type { Action } from './action.js';

/** On the `oauth` step: the provider the person chose and the failure it gave, if any. */
export interface OAuthAttempt {
  chosen: OAuthProviderName | null;
  failure: VlensError | null;
  /** The person asked to try again: the retry button stays (unavailable) while that runs. */
  retrying: boolean;
}

/** What a failed call means for the person, independent of language. */
export type ErrorSituation =
  | 'codeWrong'
  | 'codeExpired'
  | 'codeTooManyTries'
  | 'phoneRefused'
  | 'phoneCountry'
  | 'captchaRefused'
  | 'emailRefused'
  | 'registrationRefused'
  | 'alreadyRegistered'
  | 'tooManyRequests'
  | 'server'
  | 'proxy'
  | 'network'
  | 'timeout'
  | 'protocol'
  | 'config'
  | 'unknown';

/** The situations after which the person should be offered a new code at once. */
export const OFFERS_NEW_CODE: ReadonlySet<ErrorSituation> = new Set(['codeExpired', 'codeTooManyTries']);

/** True when a failure of `action` should offer a new code at once (the resend countdown stops). */
export function offersNewCode(error: VlensError, action: Action['type'] | null): boolean {
  return OFFERS_NEW_CODE.has(errorSituation(error, action));
}

/** The situations that refuse the value the person gave (the field is marked): never a limit, the network or a server. */
const VALUE_REFUSALS: ReadonlySet<ErrorSituation> = new Set([
  'codeWrong',
  'phoneRefused',
  'phoneCountry',
  'emailRefused',
]);

/** True when a failure of `action` refuses the value itself: only then is the field marked `aria-invalid`. */
export function refusesValue(error: VlensError, action: Action['type'] | null): boolean {
  return VALUE_REFUSALS.has(errorSituation(error, action));
}

/** True when a failure of `action` says the code is wrong (the same code is not checked again, see ./refused-codes.ts). */
export function refusesCode(error: VlensError, action: Action['type'] | null): boolean {
  return errorSituation(error, action) === 'codeWrong';
}

/** The proxy's refusal codes (HTTP statuses) with their own texts. */
const PROXY_TEXTS = {
  400: 'errorInvalidRequest',
  403: 'errorForbidden',
  404: 'errorNotFound',
  405: 'errorMethodNotAllowed',
  413: 'errorTooLarge',
  415: 'errorUnsupportedRequest',
  429: 'errorTooManyRequests',
  500: 'errorServer',
  502: 'errorBadGateway',
  503: 'errorUnavailable',
  504: 'errorUpstreamTimeout',
} as const satisfies Record<number, keyof VlensStrings>;

const SITUATION_TEXTS = {
  codeWrong: 'codeWrong',
  codeExpired: 'codeExpired',
  codeTooManyTries: 'codeTooManyTries',
  phoneRefused: 'phoneRefused',
  phoneCountry: 'errorPhoneCountry',
  captchaRefused: 'captchaRefused',
  emailRefused: 'emailRefused',
  registrationRefused: 'registrationRefused',
  alreadyRegistered: 'alreadyRegistered',
  tooManyRequests: 'errorTooManyRequests',
  server: 'errorServer',
  network: 'errorNetwork',
  timeout: 'errorTimeout',
  protocol: 'errorProtocol',
  config: 'errorConfig',
  unknown: 'errorApi',
} as const satisfies Record<Exclude<ErrorSituation, 'proxy'>, keyof VlensStrings>;

interface Descriptions {
  source?: unknown;
  field?: unknown;
  triesLeft?: unknown;
  expired?: unknown;
}

function descriptionsOf(error: VlensError): Descriptions {
  const descriptions = error.envelope.error_descriptions;
  return descriptions && typeof descriptions === 'object' && !Array.isArray(descriptions) ? descriptions : {};
}

const count = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;

/**
 * Tries left for the code, when known: `error_descriptions.triesLeft` from the server, and the proxy's
 * own count `code_checks_left` (checks it still forwards for this request id); the smaller wins.
 */
export function triesLeftOf(error: VlensError): number | null {
  const known = [
    count(descriptionsOf(error).triesLeft),
    count((error.envelope as { code_checks_left?: unknown }).code_checks_left),
  ];
  const numbers = known.filter((n): n is number => n !== null);
  return numbers.length ? Math.min(...numbers) : null;
}

const isCodeField = (field: unknown) => field === 'phoneNumberOtp' || field === 'emailOtp';

/** The situation of a failure of `action` (null when the call is not known, e.g. the config error). */
export function errorSituation(error: VlensError, action: Action['type'] | null): ErrorSituation {
  if (error.kind !== 'api') return error.kind;
  const status = error.status ?? 200;
  const descriptions = descriptionsOf(error);
  if (descriptions.source === 'proxy') {
    const code = error.envelope.error_code;
    if (code === 429 && isCodeField(descriptions.field)) return 'codeTooManyTries';
    if (code === 400 && descriptions.field === 'phoneNumber') return 'phoneCountry';
    if (code === 400 && descriptions.field === 'email') return 'emailRefused';
    if (code === 403 && descriptions.field === 'captcha') return 'captchaRefused';
    return 'proxy';
  }
  if (status >= 500) return 'server';
  switch (action) {
    case 'verify-phone':
    case 'verify-email': {
      if (status === 429) return 'codeTooManyTries';
      // Before the tries left: the proxy answers 0 tries left for an expired code too.
      if (status === 404 || status === 410 || descriptions.expired === true) return 'codeExpired';
      return triesLeftOf(error) === 0 ? 'codeTooManyTries' : 'codeWrong';
    }
    case 'send-phone':
    case 'resend-phone':
      return status === 429 ? 'tooManyRequests' : 'phoneRefused';
    case 'send-email':
    case 'resend-email':
      return status === 429 ? 'tooManyRequests' : 'emailRefused';
    case 'register':
      return status === 409 ? 'alreadyRegistered' : 'registrationRefused';
    default:
      return status === 429 ? 'tooManyRequests' : 'unknown';
  }
}

/**
 * The host's table (`error-texts`, by code), then the provider's failure (`oauth`: on the `oauth` step only),
 * then the widget's own text for the situation.
 */
export function errorText(
  error: VlensError,
  t: VlensStrings,
  locale: VlensLocale,
  errorTexts: VlensErrorText[],
  oauth: OAuthAttempt | null,
  action: Action['type'] | null = null,
): string {
  const hostText = hostErrorText(errorTexts, error.envelope.error_code, locale);
  if (hostText) return hostText;
  const oauthText = oauth?.chosen && oauthErrorText(error, oauth.chosen, oauth.failure, t);
  if (oauthText) return oauthText;
  const situation = errorSituation(error, action);
  if (situation === 'proxy') {
    const code = error.envelope.error_code as keyof typeof PROXY_TEXTS;
    return t[PROXY_TEXTS[code] ?? 'errorApi'];
  }
  if (situation === 'codeWrong') {
    const tries = triesLeftOf(error);
    return tries === null ? t.codeWrong : format(t.codeWrongTries, { tries: triesLeftText(t, locale, tries) });
  }
  return t[SITUATION_TEXTS[situation]];
}

/** The provider's failure, or its token rejected by Vlens, in the person's words. */
function oauthErrorText(
  error: VlensError,
  chosen: OAuthProviderName,
  failure: VlensError | null,
  t: VlensStrings,
): string | null {
  const provider = chosen === 'google' ? t.providerGoogle : t.providerMicrosoft;
  if (error === failure) return format(t.oauthFailed, { provider });
  return error.kind === 'api' ? format(t.oauthRejected, { provider }) : null;
}
