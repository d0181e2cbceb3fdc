/**
 * The controllers the first screen does not use, in the submit path's chunk (loaded right after the
 * first render): the call in flight (with Lit's Task, wired by ./call-wiring.ts), the codes already
 * refused, the resend cooldown and WebOTP (code steps) and the CAPTCHA (code sends). The element makes
 * them once that chunk has loaded; until then no call runs (a submit waits for the chunk), so there is
 * no cooldown to show (IDLE_COUNTDOWN) and no CAPTCHA token to take.
 */
import type { ReactiveControllerHost } from 'lit';
import type { Action, CallResult } from './calls.js';
import { callWiring, type CallParts } from './call-wiring.js';
import type { FlowState } from './flow.js';
import type { Notice } from './notice.js';
import { RefusedCodes } from './refused-codes.js';
import { CallController } from '../controllers/call.js';
import { CaptchaController, type CaptchaSettings } from '../controllers/captcha.js';
import { ResendCountdown } from '../controllers/resend-countdown.js';
import { WebOtpController, type WebOtpOptions } from '../controllers/web-otp.js';

export interface LaterControllers {
  call: CallController<Action, CallResult, FlowState, Notice>;
  /** Codes refused as wrong: answered again from memory, not checked twice. */
  refused: RefusedCodes;
  countdown: ResendCountdown;
  webOtp: WebOtpController;
  captcha: CaptchaController;
}

export interface LaterControllerOptions {
  webOtp: WebOtpOptions;
  captcha: () => CaptchaSettings;
  call: Omit<CallParts, 'controllers'>;
}

/** Makes the controllers on `host` (each adds itself, and is connected at once if the host is). */
export function laterControllers(
  host: ReactiveControllerHost & HTMLElement,
  options: LaterControllerOptions,
): LaterControllers {
  const refused = new RefusedCodes();
  const controllers = (): LaterControllers => later;
  const later: LaterControllers = {
    call: new CallController(host, callWiring({ ...options.call, controllers }, refused)),
    refused,
    countdown: new ResendCountdown(host),
    webOtp: new WebOtpController(host, options.webOtp),
    captcha: new CaptchaController(host, options.captcha),
  };
  return later;
}
