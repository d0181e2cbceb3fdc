/**
 * The Vlens registration endpoints, relative to `/api/DigitalIdentity/`.
 * The widget posts to `{endpoint}/<path>`, the proxy serves exactly these
 * (its allowlist) and forwards to `{upstream}/api/DigitalIdentity/<path>`.
 */
export const VLENS_API_PREFIX = '/api/DigitalIdentity/';

export const VLENS_PATHS = {
  checkExistence: 'CheckExistenceOfEmailOrPhone',
  verifyPhone: 'Register/StepVerifyPhone',
  verifyEmail: 'Register/StepVerifyEmail',
  verifyOAuthForRegister: 'Register/StepVerifyOAuthToken',
  verifyOAuth: 'VerifyOAuthToken',
  register: 'Register',
  /** Alias of `register`: the OAuth guide's name for the same call. */
  registerStepCreate: 'Register/StepCreate',
} as const;

/** The proxy's own read-only route, `GET {mount}/config`: what the browser may know (ProxyConfig). Not a Vlens path. */
export const PROXY_CONFIG_PATH = 'config';

/** The request header that carries the CAPTCHA token of a code send (widget → proxy; never forwarded to Vlens). */
export const CAPTCHA_TOKEN_HEADER = 'Vlens-Captcha-Token';

export type VlensPathName = keyof typeof VLENS_PATHS;
export type VlensPath = (typeof VLENS_PATHS)[VlensPathName];

export const ALL_VLENS_PATHS: readonly VlensPath[] = Object.values(VLENS_PATHS);

export function isVlensPath(path: string): path is VlensPath {
  return (ALL_VLENS_PATHS as readonly string[]).includes(path);
}
