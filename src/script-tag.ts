/**
 * The script-tag bundle's entry (dist/vlens-register.js, which the classic script
 * dist/vlens-register.iife.js loads): the tag definition plus Microsoft sign-in, so a page with the
 * bundle needs nothing else. Its adapter and MSAL stay a lazy chunk. Bundler users import
 * `vlens-register/vlens-register.js`, and `vlens-register/oauth/microsoft` for Microsoft.
 */
import './oauth/microsoft-sign-in.js';

export * from './vlens-register.js';
