/**
 * Everything a submit needs and the first screen does not: the phone library
 * with Egypt's metadata, the response schemas, the API client and the calls;
 * the strings after the first screen and what a failed call says; the
 * offered countries with their calling codes (a chunk shared with the country
 * panel); the steps after the codes, the sign-in link and the provider sign-in; the controllers the first screen
 * does not use (resend cooldown, WebOTP, CAPTCHA: ./later-controllers.ts). One lazy chunk
 * in the ES bundle, requested right after the first render (see
 * ./lazy-parts.ts) and awaited at submit.
 */
export { parsePhone } from '../phone/phone.js';
export { ensureCountry, isCountryLoaded, loadPhoneMetadata } from '../phone/metadata-store.js';
export { createVlensClient } from '../api/client.js';
export { callFor } from './calls.js';
export { LATER_STRINGS } from '../i18n/later.js';
export { LEGACY_STRING_KEYS } from '../i18n/legacy-keys.js';
export { phoneProblemText } from '../i18n/messages.js';
export { errorText, refusesValue } from './error-text.js';
export { callingCodeOf } from '../phone/countries.js';
export { offeredCountries, parseCountryList } from '../phone/offered-countries.js';
export { laterStep } from './steps/later-steps.js';
export { signinHref, signinLine } from './signin-link.js';
export { laterControllers, type LaterControllers } from './later-controllers.js';
export { cleanEmail, submittedAction } from './validation.js';
