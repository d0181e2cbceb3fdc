/**
 * Request schemas of the Vlens registration API (the proxy's allowlist and
 * validation, the stand-in's checks): strict about values, unknown keys
 * dropped. Not part of the widget's bundle (it sends what it built itself).
 */
import * as z from 'zod/mini';
import { VLENS_PATHS, type VlensPath } from '../paths.js';

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

export const CheckExistenceInput = z.object({ phoneNumber: nullish(E164), email: nullish(Email) }).check(
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

/**
 * The phone flow an email or OAuth verification belongs to: the widget sends it with StepVerifyEmail,
 * StepVerifyOAuthToken and VerifyOAuthToken; the proxy keys the proof on it and strips it before
 * forwarding (Vlens never sees it). Required by the proxy for a code check and an OAuth verification.
 */
const PhoneFlow = {
  phoneNumber: nullish(E164),
  phoneNumberOtpRequestId: nullish(RequestId),
};

export const StepVerifyEmailInput = z
  .object({
    email: Email,
    emailOtpRequestId: nullish(RequestId),
    emailOtp: nullish(OtpCode),
    ...PhoneFlow,
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
  ...PhoneFlow,
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

/** Names the first invalid field of a failed parse, for a 400 envelope. */
export function firstIssueField(error: z.core.$ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  return { field: issue?.path.map(String).join('.') || '(body)', message: issue?.message ?? 'Invalid input' };
}
