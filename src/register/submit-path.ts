/**
 * Everything a submit needs and the first screen does not: the phone library
 * with Egypt's metadata, the response schemas, the API client and the calls.
 * One lazy chunk in the ES bundle, loaded right after the first render (see
 * ./submit-path-loader.ts); inlined in the classic script.
 */
export { parsePhone } from '../phone/phone.js';
export { ensureCountry, isCountryLoaded, loadPhoneMetadata } from '../phone/metadata-store.js';
export { createVlensClient } from '../api/client.js';
export { callFor } from './calls.js';
