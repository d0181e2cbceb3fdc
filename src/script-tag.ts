/**
 * The script-tag builds' entry (dist/vlens-register.js, dist/vlens-register.iife.js): the tag
 * definition plus Microsoft sign-in, so a page with the bundle needs nothing else. Its adapter
 * and MSAL stay a lazy chunk (the classic script leaves them out). Bundler users import
 * `vlens-register/vlens-register.js`, and `vlens-register/oauth/microsoft` for Microsoft.
 */
import './oauth/microsoft-sign-in.js';

export * from './vlens-register.js';
