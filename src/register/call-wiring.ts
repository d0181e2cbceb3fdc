/**
 * The element's one call in flight, wired to its parts: what a call runs (./calls.ts) and what its
 * result, failure and progress do to the flow, the status line, the countdown and focus. In the
 * submit path (lazy), with the controllers that run it (./later-controllers.ts).
 */
import type { CallOptions } from '../controllers/call.js';
import type { ResendCountdown } from '../controllers/resend-countdown.js';
import type { WebOtpController } from '../controllers/web-otp.js';
import type { CaptchaController } from '../controllers/captcha.js';
import { errorDetail, fire, registeredDetail, type RegisteredOutput } from '../events.js';
import type { VlensLocale, VlensStrings } from '../i18n/index.js';
import { callFor, type Action, type CallResult, type CallSettings } from './calls.js';
import { offersNewCode, refusesCode, refusesValue, type OAuthAttempt } from './error-text.js';
import type { FlowEvent, FlowState } from './flow.js';
import type { Notice } from './notice.js';
import { OAuthSignIn, type OAuthSignInSettings } from './oauth-sign-in.js';
import type { RefusedCodes } from './refused-codes.js';
import type { StatusNotice } from './status-notice.js';

/** What the call reads from and does to the element. */
export interface CallParts {
  /** The element: its call and sign-in settings, and the target of its events. */
  element: HTMLElement & CallSettings & OAuthSignInSettings;
  flow(): FlowState;
  /** The resend countdown and WebOTP to restart after a send, the CAPTCHA for a token. */
  controllers(): { countdown: ResendCountdown; webOtp: WebOtpController; captcha: CaptchaController };
  /** Seconds before a code may be sent again. */
  resendAfter(): number;
  /** The provider sign-in's attempt, which the first screen shows. */
  oauth: OAuthAttempt;
  /** The strings and language now (the Google dialog's words, a resent code's notice). */
  words(): { t: VlensStrings; locale: VlensLocale };
  notice: Pick<StatusNotice, 'say' | 'progress' | 'failure'>;
  /** Focus back to the step's field. */
  focusField(): void;
  dispatch(event: FlowEvent): void;
  /** The account exists (before `vlens-registered` fires). */
  registered(output: RegisteredOutput): void;
}

type ElementCall = CallOptions<Action, CallResult, FlowState, Notice>;

/** The call options for the element's CallController; refused codes are remembered in `refused`. */
export function callWiring(parts: CallParts, refused: RefusedCodes): ElementCall {
  const { element, notice } = parts;
  let oauthSignIn: OAuthSignIn | undefined;
  return {
    state: () => parts.flow(),
    call: (action, signal) =>
      callFor(action, element, parts.flow(), signal, {
        onCodeSent: () => parts.controllers().countdown.start(parts.resendAfter()),
        onPhoneCodeResent: () => parts.controllers().webOtp.restart(),
        verifyOAuth: (client, provider) => {
          oauthSignIn ??= new OAuthSignIn(
            parts.oauth,
            () => element,
            () => parts.words(),
          );
          return oauthSignIn.verify(client, provider, signal);
        },
        captchaToken: (signal) => parts.controllers().captcha.token(signal),
      }),
    onResult: ({ flow, registered, resent }) => {
      parts.dispatch(flow);
      if (registered) parts.registered(registered);
      if (registered) fire(element, 'vlens-registered', registeredDetail(registered));
      if (resent) notice.say(parts.words().t.codeResent, 'notice');
      if (resent) parts.focusField();
    },
    onError: (error, at, action) => {
      if (offersNewCode(error, action.type)) parts.controllers().countdown.stop();
      if (refusesCode(error, action.type)) refused.remember(at, action, error);
      if (refusesValue(error, action.type)) parts.focusField();
      fire(element, 'vlens-error', errorDetail(error, at.step));
    },
    progress: (at) => notice.progress(at),
    failure: (error, at, action) => notice.failure(error, at, action.type, at.step === 'oauth' ? parts.oauth : null),
  };
}
