/**
 * The stand-in's endpoint logic: validated input and state in, `data` or a
 * refusal out. No HTTP here; index.ts wraps these in envelopes.
 */
import { randomBytes } from 'node:crypto';
import { VLENS_PATHS, type VlensPath } from '../api/paths.js';
import type {
  CheckExistenceInput,
  OAuthTokenInput,
  RegisterInput,
  RegisterOutput,
  StepVerifyEmailInput,
  StepVerifyPhoneInput,
} from '../api/schemas.js';
import type { StandInRefusal } from './errors.js';
import type { OAuthProviderName, VerifyingDevIssuer } from './issuers.js';
import { emailKey, type StandInState } from './state.js';

export type HandlerOutcome = { data: unknown } | StandInRefusal;

export interface HandlerContext {
  state: StandInState;
  issuers: Record<OAuthProviderName, VerifyingDevIssuer>;
  now: () => number;
}

/** Seconds an access token is said to live. */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 86_400;

function checkExistence({ state }: HandlerContext, input: CheckExistenceInput): HandlerOutcome {
  return { data: { exists: Boolean(state.findUser(input)) } };
}

function verifyPhone({ state }: HandlerContext, input: StepVerifyPhoneInput): HandlerOutcome {
  const emailRequired = state.settings.emailRequired;
  if (!input.phoneNumberOtpRequestId || !input.phoneNumberOtp) {
    const { requestId, code } = state.sendCode(input.phoneNumber, 'sms');
    return {
      data: {
        isEmailConfirmationRequired: emailRequired,
        isEmailConfirmed: false,
        isPhoneNumberConfirmationRequired: true,
        isPhoneNumberConfirmed: false,
        // Faithful leak: the real RegisterOutput carries the code; the proxy must strip it.
        phoneNumberOtp: code,
        phoneNumberOtpRequestId: requestId,
        isDigitalIdentityVerified: false,
      } satisfies RegisterOutput,
    };
  }
  const refusal = state.checkCode(input.phoneNumber, 'sms', input.phoneNumberOtpRequestId, input.phoneNumberOtp);
  if (refusal) return refusal;
  return {
    data: {
      isEmailConfirmationRequired: emailRequired,
      isEmailConfirmed: false,
      isPhoneNumberConfirmationRequired: true,
      isPhoneNumberConfirmed: true,
      phoneNumberOtpRequestId: input.phoneNumberOtpRequestId,
      isDigitalIdentityVerified: false,
    } satisfies RegisterOutput,
  };
}

function verifyEmail({ state }: HandlerContext, input: StepVerifyEmailInput): HandlerOutcome {
  const emailRequired = state.settings.emailRequired;
  if (!input.emailOtpRequestId || !input.emailOtp) {
    const { requestId, code } = state.sendCode(input.email, 'email');
    return {
      data: {
        isEmailConfirmationRequired: emailRequired,
        isEmailConfirmed: false,
        emailOtp: code,
        emailOtpRequestId: requestId,
        isDigitalIdentityVerified: false,
      } satisfies RegisterOutput,
    };
  }
  const refusal = state.checkCode(input.email, 'email', input.emailOtpRequestId, input.emailOtp);
  if (refusal) return refusal;
  return {
    data: {
      isEmailConfirmationRequired: emailRequired,
      isEmailConfirmed: true,
      emailOtpRequestId: input.emailOtpRequestId,
      isDigitalIdentityVerified: false,
    } satisfies RegisterOutput,
  };
}

async function verifyOAuth({ state, issuers, now }: HandlerContext, input: OAuthTokenInput): Promise<HandlerOutcome> {
  let email: string;
  try {
    ({ email } = await issuers[input.provider].verifyIdToken(input.IdToken, now()));
  } catch (error) {
    const reason = (error as { code?: string }).code ?? 'ERR_INVALID_TOKEN';
    return { error: 'invalidOAuthToken', details: { field: 'IdToken', reason } };
  }
  return {
    data: {
      oAuthTokenVerificationRequestId: state.addOAuthVerification(email, input.provider),
      isVerified: true,
      validationResult: 'Token verified successfully',
      email,
    },
  };
}

function register({ state }: HandlerContext, input: RegisterInput): HandlerOutcome {
  const { phoneNumber } = input;
  if (state.findUser({ phoneNumber })) return { error: 'alreadyRegistered', details: { field: 'phoneNumber' } };

  if (!state.isPhoneVerified(phoneNumber)) {
    if (!input.phoneNumberOtpRequestId || !input.phoneNumberOtp) {
      return { error: 'phoneNotVerified', details: { field: 'phoneNumber' } };
    }
    const refusal = state.checkCode(phoneNumber, 'sms', input.phoneNumberOtpRequestId, input.phoneNumberOtp);
    if (refusal) return refusal;
  }

  let email = input.email ?? undefined;
  let emailConfirmed = false;
  const oauthId = input.oAuthTokenVerificationRequestId;
  if (oauthId) {
    const oauth = state.oauthVerification(oauthId);
    if (!oauth) return { error: 'unknownRequestId', details: { field: 'oAuthTokenVerificationRequestId' } };
    if (email && emailKey(email) !== emailKey(oauth.email)) {
      return { error: 'emailNotVerified', details: { field: 'email' } };
    }
    email = oauth.email;
    emailConfirmed = true;
  } else if (email) {
    emailConfirmed = state.isEmailVerified(email);
  }
  if (state.settings.emailRequired && !emailConfirmed) {
    return { error: 'emailNotVerified', details: { field: email ? 'email' : 'oAuthTokenVerificationRequestId' } };
  }
  if (email && state.findUser({ email })) return { error: 'alreadyRegistered', details: { field: 'email' } };

  const user = state.addUser({ phoneNumber, email, isEmailConfirmed: emailConfirmed });
  if (oauthId) state.forgetOAuthVerification(oauthId);
  const accessToken = randomBytes(32).toString('base64url');
  const userName = email ?? phoneNumber;
  return {
    data: {
      isEmailConfirmationRequired: state.settings.emailRequired,
      isEmailConfirmed: emailConfirmed,
      isPhoneNumberConfirmationRequired: true,
      isPhoneNumberConfirmed: true,
      // Faithful leak: the real RegisterOutput has this field; the proxy must strip it.
      phoneNumberOtp: input.phoneNumberOtp ?? state.lastCodes.get(phoneNumber) ?? null,
      phoneNumberOtpRequestId: input.phoneNumberOtpRequestId ?? null,
      isDigitalIdentityVerified: false,
      accessToken,
      encryptedAccessToken: Buffer.from(`enc:${accessToken}`).toString('base64'),
      expireInSeconds: ACCESS_TOKEN_LIFETIME_SECONDS,
      userName,
      userFullName: null,
      user: {
        id: user.id,
        name: null,
        surname: null,
        fullName: null,
        userName,
        emailAddress: email ?? null,
        phoneNumber,
        idNumber: null,
        address: null,
      },
    } satisfies RegisterOutput,
  };
}

/** The handler of every path; input has passed REQUEST_SCHEMAS[path]. */
export const HANDLERS: Record<
  VlensPath,
  (ctx: HandlerContext, input: never) => HandlerOutcome | Promise<HandlerOutcome>
> = {
  [VLENS_PATHS.checkExistence]: checkExistence,
  [VLENS_PATHS.verifyPhone]: verifyPhone,
  [VLENS_PATHS.verifyEmail]: verifyEmail,
  [VLENS_PATHS.verifyOAuthForRegister]: verifyOAuth,
  [VLENS_PATHS.verifyOAuth]: verifyOAuth,
  [VLENS_PATHS.register]: register,
  [VLENS_PATHS.registerStepCreate]: register,
};
