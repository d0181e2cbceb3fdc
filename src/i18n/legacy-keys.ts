/**
 * Dictionary keys before 0.2 (mixed styles), accepted in `strings` overrides for one more release:
 * each maps to its camelCase key. Listed in the README under "Renamed string keys".
 */
export const LEGACY_STRING_KEYS = {
  phone_empty: 'phoneEmpty',
  'phone_invalid-characters': 'phoneInvalidCharacters',
  'phone_too-short': 'phoneTooShort',
  'phone_too-long': 'phoneTooLong',
  phone_invalid: 'phoneInvalid',
  'phone_metadata-not-loaded': 'phoneMetadataNotLoaded',
  'phone_unknown-country': 'phoneUnknownCountry',
  code_empty: 'codeEmpty',
  'code_invalid-characters': 'codeInvalidCharacters',
  'code_too-long': 'codeTooLong',
  code_incomplete: 'codeIncomplete',
  error_config: 'errorConfig',
  error_network: 'errorNetwork',
  error_timeout: 'errorTimeout',
  error_protocol: 'errorProtocol',
  error_api: 'errorApi',
  error_429: 'errorTooManyRequests',
  error_413: 'errorTooLarge',
  error_400_phone: 'errorPhoneCountry',
  error_400: 'errorInvalidRequest',
  error_403: 'errorForbidden',
  error_404: 'errorNotFound',
  error_405: 'errorMethodNotAllowed',
  error_415: 'errorUnsupportedRequest',
  error_500: 'errorServer',
  error_502: 'errorBadGateway',
  error_503: 'errorUnavailable',
  error_504: 'errorUpstreamTimeout',
} as const;
