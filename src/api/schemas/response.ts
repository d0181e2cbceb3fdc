/**
 * Response schemas of the Vlens registration API (the widget's client, the
 * stand-in), open to unknown keys, built on first use (`responseSchemas()`): the vendor's schemas are incomplete (see
 * shared README). Also the envelope rule and the OTP fields the proxy strips.
 */
import * as z from 'zod/mini';
import { CAPTCHA_PROVIDER_NAMES } from '../../captcha/types.js';
import { VLENS_PATHS, type VlensPath } from '../paths.js';

const optionalNullable = <T extends z.core.SomeType>(schema: T) => z.optional(z.nullable(schema));

/** The one envelope every Vlens response (and every proxy refusal) comes in. */
export function envelopeOf<T extends z.core.SomeType>(data: T) {
  return z.looseObject({
    data: optionalNullable(data),
    error_code: optionalNullable(z.number()),
    error_message: optionalNullable(z.string()),
    error_descriptions: z.optional(z.unknown()),
  });
}

/** Builds the schemas (zod objects cost time to construct: a page pays it at the first call, not at load). */
function buildResponseSchemas() {
  const UserBasicInfo = z.looseObject({
    id: z.optional(z.number()),
    name: optionalNullable(z.string()),
    surname: optionalNullable(z.string()),
    fullName: optionalNullable(z.string()),
    userName: optionalNullable(z.string()),
    emailAddress: optionalNullable(z.string()),
    phoneNumber: optionalNullable(z.string()),
    idNumber: optionalNullable(z.string()),
    address: optionalNullable(z.string()),
  });
  const RegisterOutput = z.looseObject({
    isEmailConfirmationRequired: z.optional(z.boolean()),
    isEmailConfirmed: z.optional(z.boolean()),
    isPhoneNumberConfirmationRequired: z.optional(z.boolean()),
    isPhoneNumberConfirmed: z.optional(z.boolean()),
    phoneNumberOtpRequestId: optionalNullable(z.string()),
    /** Not in the vendor's schema, but the prose says the email send returns it. */
    emailOtpRequestId: optionalNullable(z.string()),
    isDigitalIdentityVerified: z.optional(z.boolean()),
    accessToken: optionalNullable(z.string()),
    encryptedAccessToken: optionalNullable(z.string()),
    expireInSeconds: optionalNullable(z.number()),
    userName: optionalNullable(z.string()),
    userFullName: optionalNullable(z.string()),
    user: optionalNullable(UserBasicInfo),
  });
  const OAuthTokenOutput = z.looseObject({
    oAuthTokenVerificationRequestId: optionalNullable(z.string()),
    isVerified: z.optional(z.boolean()),
    validationResult: optionalNullable(z.string()),
    email: optionalNullable(z.string()),
  });
  const ExistenceOutput = z.looseObject({ exists: z.boolean() });
  const RegisterEnvelope = envelopeOf(RegisterOutput);
  const OAuthEnvelope = envelopeOf(OAuthTokenOutput);
  return {
    UserBasicInfo,
    RegisterOutput,
    OAuthTokenOutput,
    ExistenceOutput,
    /** Any envelope, data unchecked: what an error response is read with. */
    anyEnvelope: envelopeOf(z.unknown()),
    /** The response schema of every path. */
    byPath: {
      [VLENS_PATHS.checkExistence]: envelopeOf(ExistenceOutput),
      [VLENS_PATHS.verifyPhone]: RegisterEnvelope,
      [VLENS_PATHS.verifyEmail]: RegisterEnvelope,
      [VLENS_PATHS.verifyOAuthForRegister]: OAuthEnvelope,
      [VLENS_PATHS.verifyOAuth]: OAuthEnvelope,
      [VLENS_PATHS.register]: RegisterEnvelope,
      [VLENS_PATHS.registerStepCreate]: RegisterEnvelope,
    } satisfies Record<VlensPath, z.ZodMiniType>,
  };
}

export type ResponseSchemas = ReturnType<typeof buildResponseSchemas>;
let built: ResponseSchemas | undefined;

/** The response schemas, built on first use and then kept. */
export function responseSchemas(): ResponseSchemas {
  return (built ??= buildResponseSchemas());
}

export type UserBasicInfo = z.infer<ResponseSchemas['UserBasicInfo']>;
export type RegisterOutput = z.infer<ResponseSchemas['RegisterOutput']>;
export type OAuthTokenOutput = z.infer<ResponseSchemas['OAuthTokenOutput']>;
export type ExistenceOutput = z.infer<ResponseSchemas['ExistenceOutput']>;
export type Envelope<T = unknown> = {
  data?: T | null;
  error_code?: number | null;
  error_message?: string | null;
  error_descriptions?: unknown;
};

/**
 * The envelope rule (shared README): a call failed when the status is not
 * 2xx, or `error_code` is present and not 0, or `data` is missing.
 */
export function isEnvelopeSuccess(status: number, envelope: Envelope): boolean {
  const code = envelope.error_code;
  return status >= 200 && status < 300 && (code === undefined || code === null || code === 0) && envelope.data != null;
}

// ---- the proxy's own configuration ---------------------------------------------

export {
  CAPTCHA_PROVIDER_NAMES as CAPTCHA_PROVIDERS,
  type CaptchaProviderName as CaptchaProvider,
} from '../../captcha/types.js';

/**
 * `GET {mount}/config`: what the browser may know about the proxy, never a
 * secret. The widget offers only the countries listed, waits `resendAfterSec`
 * before a resend, and gets a CAPTCHA token from `captcha.provider` with
 * `captcha.siteKey` before each code send (null: no CAPTCHA).
 */
export const ProxyConfig = z.object({
  allowedCountries: z.array(z.string()),
  resendAfterSec: z.number(),
  captcha: z.nullable(z.object({ provider: z.enum(CAPTCHA_PROVIDER_NAMES), siteKey: z.string() })),
});
export type ProxyConfig = z.infer<typeof ProxyConfig>;

// ---- OTP fields --------------------------------------------------------------

/** Response fields that carry a one-time code; the proxy removes them at any depth. */
export const OTP_FIELDS = ['phoneNumberOtp', 'emailOtp'] as const;

/** A key that carries a code: a named OTP field, or any future `...Otp` key that is not a request id. */
export function isOtpField(key: string): boolean {
  return (OTP_FIELDS as readonly string[]).includes(key) || (/otp$/i.test(key) && !/otprequestid$/i.test(key));
}
