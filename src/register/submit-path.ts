/**
 * Everything a submit needs and the first screen does not: the phone library
 * with Egypt's metadata, the response schemas, the API client and the calls,
 * the strings after the first screen and what a failed call says.
 * One lazy chunk in the ES bundle, loaded right after the first render (see
 * ./submit-path-loader.ts); inlined in the classic script.
 */
export { parsePhone } from '../phone/phone.js';
export { ensureCountry, isCountryLoaded, loadPhoneMetadata } from '../phone/metadata-store.js';
export { createVlensClient } from '../api/client.js';
export { callFor } from './calls.js';
export { LATER_STRINGS } from '../i18n/later.js';
export { errorText, offersNewCode } from './error-text.js';
