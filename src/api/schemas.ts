/**
 * Request and response schemas of the Vlens registration API: the one
 * definition used by the widget's client, the proxy's validation and the
 * stand-in. zod/mini only (classic zod probes `new Function`, which a strict
 * CSP reports, and bundles every locale).
 *
 * Requests are strict about values and drop unknown keys; responses are open
 * to unknown keys (the vendor's schemas are incomplete, see shared README).
 */
import * as z from 'zod/mini';
import { VLENS_PATHS, type VlensPath } from './paths.js';

/** E.164: `+` and 8 to 15 digits. The widget normalises what people type into this. */
export const E164 = z.string().check(z.regex(/^\+[1-9]\d{7,14}$/, 'Expected an E.164 phone number'));
export const Email = z.string().check(z.maxLength(254), z.email('Expected an email address'));
/** Vlens documents request ids as UUIDs; .NET GUIDs of any version are accepted. */
export const RequestId = z.guid('Expected a request id');
/** One-time codes: 4 to 8 ASCII digits (the stand-in sends 6). */
export const OtpCode = z.string().check(z.regex(/^\d{4,8}$/, 'Expected a 4-8 digit code'));
export const SmsProvider = z.number().check(z.int(), z.gte(1), z.lte(7));
export const Password = z.string().check(z.minLength(8, 'At least 8 characters'), z.maxLength(128));
export const OAuthProvider = z.enum(['Google', 'Microsoft']);

const nullish = <T extends z.core.SomeType>(schema: T) => z.nullish(schema);

export const CheckExistenceInput = z
  .object({ phoneNumber: nullish(E164), email: nullish(Email) })
  .check(
    z.refine((v) => Boolean(v.phoneNumber || v.email), {
      message: 'phoneNumber or email is required',
      path: ['phoneNumber'],
    }),
  );

/** Send (phoneNumber, smsProviders) or validate (plus request id and code): both or neither. */
export const StepVerifyPhoneInput = z
  .object({
    phoneNumber: E164,
    smsProviders: nullish(SmsProvider),
    phoneNumberOtpRequestId: nullish(RequestId),
    phoneNumberOtp: nullish(OtpCode),
  })
  .check(
    z.refine((v) => !v.phoneNumberOtpRequestId === !v.phoneNumberOtp, {
      message: 'phoneNumberOtpRequestId and phoneNumberOtp go together',
      path: ['phoneNumberOtp'],
    }),
  );

export const StepVerifyEmailInput = z
  .object({
    email: Email,
    emailOtpRequestId: nullish(RequestId),
    emailOtp: nullish(OtpCode),
  })
  .check(
    z.refine((v) => !v.emailOtpRequestId === !v.emailOtp, {
      message: 'emailOtpRequestId and emailOtp go together',
      path: ['emailOtp'],
    }),
  );

export const OAuthTokenInput = z.object({
  provider: OAuthProvider,
  IdToken: z.string().check(z.minLength(1), z.maxLength(8192)),
});

export const RegisterInput = z.object({
  phoneNumber: E164,
  email: nullish(Email),
  password: nullish(Password),
  phoneNumberOtp: nullish(OtpCode),
  phoneNumberOtpRequestId: nullish(RequestId),
  geoLocation: nullish(z.string().check(z.maxLength(100))),
  imei: nullish(z.string().check(z.maxLength(64))),
  oAuthTokenVerificationRequestId: nullish(RequestId),
});

export type CheckExistenceInput = z.infer<typeof CheckExistenceInput>;
export type StepVerifyPhoneInput = z.infer<typeof StepVerifyPhoneInput>;
export type StepVerifyEmailInput = z.infer<typeof StepVerifyEmailInput>;
export type OAuthTokenInput = z.infer<typeof OAuthTokenInput>;
export type RegisterInput = z.infer<typeof RegisterInput>;

/** The request schema of every path the proxy serves (its allowlist). */
export const REQUEST_SCHEMAS = {
  [VLENS_PATHS.checkExistence]: CheckExistenceInput,
  [VLENS_PATHS.verifyPhone]: StepVerifyPhoneInput,
  [VLENS_PATHS.verifyEmail]: StepVerifyEmailInput,
  [VLENS_PATHS.verifyOAuthForRegister]: OAuthTokenInput,
  [VLENS_PATHS.verifyOAuth]: OAuthTokenInput,
  [VLENS_PATHS.register]: RegisterInput,
  [VLENS_PATHS.registerStepCreate]: RegisterInput,
} satisfies Record<VlensPath, z.ZodMiniType>;

// ---- responses -------------------------------------------------------------

const optionalNullable = <T extends z.core.SomeType>(schema: T) => z.optional(z.nullable(schema));

export const UserBasicInfo = z.looseObject({
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

export const RegisterOutput = z.looseObject({
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

export const OAuthTokenOutput = z.looseObject({
  oAuthTokenVerificationRequestId: optionalNullable(z.string()),
  isVerified: z.optional(z.boolean()),
  validationResult: optionalNullable(z.string()),
  email: optionalNullable(z.string()),
});

export const ExistenceOutput = z.looseObject({ exists: z.boolean() });

/** The one envelope every Vlens response (and every proxy refusal) comes in. */
export function envelopeOf<T extends z.core.SomeType>(data: T) {
  return z.looseObject({
    data: optionalNullable(data),
    error_code: optionalNullable(z.number()),
    error_message: optionalNullable(z.string()),
    error_descriptions: z.optional(z.unknown()),
  });
}

export const RegisterEnvelope = envelopeOf(RegisterOutput);
export const OAuthEnvelope = envelopeOf(OAuthTokenOutput);
export const ExistenceEnvelope = envelopeOf(ExistenceOutput);
/** Any envelope, data unchecked: what an error response is read with. */
export const AnyEnvelope = envelopeOf(z.unknown());

export type UserBasicInfo = z.infer<typeof UserBasicInfo>;
export type RegisterOutput = z.infer<typeof RegisterOutput>;
export type OAuthTokenOutput = z.infer<typeof OAuthTokenOutput>;
export type ExistenceOutput = z.infer<typeof ExistenceOutput>;
export type Envelope<T = unknown> = {
  data?: T | null;
  error_code?: number | null;
  error_message?: string | null;
  error_descriptions?: unknown;
};

/** The response schema of every path. */
export const RESPONSE_SCHEMAS = {
  [VLENS_PATHS.checkExistence]: ExistenceEnvelope,
  [VLENS_PATHS.verifyPhone]: RegisterEnvelope,
  [VLENS_PATHS.verifyEmail]: RegisterEnvelope,
  [VLENS_PATHS.verifyOAuthForRegister]: OAuthEnvelope,
  [VLENS_PATHS.verifyOAuth]: OAuthEnvelope,
  [VLENS_PATHS.register]: RegisterEnvelope,
  [VLENS_PATHS.registerStepCreate]: RegisterEnvelope,
} satisfies Record<VlensPath, z.ZodMiniType>;

/**
 * The envelope rule (shared README): a call failed when the status is not
 * 2xx, or `error_code` is present and not 0, or `data` is missing.
 */
export function isEnvelopeSuccess(status: number, envelope: Envelope): boolean {
  const code = envelope.error_code;
  return status >= 200 && status < 300 && (code === undefined || code === null || code === 0) && envelope.data != null;
}

// ---- OTP fields --------------------------------------------------------------

/** Response fields that carry a one-time code; the proxy removes them at any depth. */
export const OTP_FIELDS = ['phoneNumberOtp', 'emailOtp'] as const;

/** A key that carries a code: a named OTP field, or any future `...Otp` key that is not a request id. */
export function isOtpField(key: string): boolean {
  return (OTP_FIELDS as readonly string[]).includes(key) || (/otp$/i.test(key) && !/otprequestid$/i.test(key));
}

/** Names the first invalid field of a failed parse, for a 400 envelope. */
export function firstIssueField(error: z.core.$ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  return { field: issue?.path.map(String).join('.') || '(body)', message: issue?.message ?? 'Invalid input' };
}
