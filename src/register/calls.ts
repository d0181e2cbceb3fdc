import { createVlensClient, DEFAULT_TIMEOUT_MS, type PhoneFlow, type VlensClient } from '../api/client.js';
import type { RegisteredOutput } from '../events.js';
import type { OAuthProviderName } from '../oauth/types.js';
import type { FlowEvent, FlowState } from './flow.js';
import type { Action } from './action.js';

export type { Action };

/** What a call did: the flow event, the new account (register), whether a code was sent again. */
export interface CallResult {
  flow: FlowEvent;
  registered?: RegisteredOutput;
  resent?: true;
}

/** The element's settings a call reads (its properties). */
export interface CallSettings {
  endpoint: string;
  credentials: RequestCredentials;
  /** Milliseconds; 0 = the client's default. */
  timeout: number;
  smsProvider: number | undefined;
  collectGeolocation: boolean;
}

/** What the element does when a call gets somewhere. */
export interface CallHooks {
  /** A code was sent: start the resend countdown. */
  onCodeSent(): void;
  /** The phone code was sent again (after `onCodeSent`): listen for the new SMS. */
  onPhoneCodeResent(): void;
  /** The provider's token → `StepVerifyOAuthToken`, as a flow event (the client adds the phone flow). */
  verifyOAuth(client: VlensClient, provider: OAuthProviderName): Promise<FlowEvent>;
  /** A fresh CAPTCHA token for a code send or an existence check, or null without a CAPTCHA. */
  captchaToken(signal: AbortSignal): Promise<string | null>;
}

interface CallContext extends CallHooks {
  client: VlensClient;
  flow: FlowState;
  signal: AbortSignal;
  smsProvider: number | undefined;
  collectGeolocation: boolean;
}

/** Runs the Vlens calls for one action, from the flow state `flow`. */
export function callFor(
  action: Action,
  settings: CallSettings,
  flow: FlowState,
  signal: AbortSignal,
  hooks: CallHooks,
): Promise<CallResult> {
  const { endpoint, credentials, timeout, smsProvider, collectGeolocation } = settings;
  const client = createVlensClient({ endpoint, credentials, timeoutMs: timeout || DEFAULT_TIMEOUT_MS });
  return callsFor(action, { ...hooks, client, flow, signal, smsProvider, collectGeolocation });
}

async function callsFor(action: Action, ctx: CallContext): Promise<CallResult> {
  const { client, flow, signal } = ctx;
  switch (action.type) {
    case 'send-phone': {
      const { exists } = await client.checkExistence(
        { phoneNumber: action.phone },
        signal,
        await ctx.captchaToken(signal),
      );
      if (exists) return { flow: { type: 'phone-exists', phone: action.phone } };
      return { flow: await sendPhone(ctx, action.phone) };
    }
    case 'resend-phone': {
      const sent = await sendPhone(ctx, flow.phone!);
      ctx.onPhoneCodeResent();
      return { flow: sent, resent: true };
    }
    case 'verify-phone': {
      const data = await client.verifyPhoneCode(
        { phoneNumber: flow.phone!, phoneNumberOtpRequestId: flow.phoneRequestId!, phoneNumberOtp: action.code },
        signal,
      );
      return {
        flow: {
          type: 'phone-verified',
          code: action.code,
          emailConfirmationRequired: data.isEmailConfirmationRequired,
        },
      };
    }
    case 'send-email':
      return { flow: await sendEmail(ctx, action.email) };
    case 'resend-email':
      return { flow: await sendEmail(ctx, flow.email!), resent: true };
    case 'verify-email':
      await client.verifyEmailCode(
        { email: flow.email!, emailOtpRequestId: flow.emailRequestId!, emailOtp: action.code, ...phoneFlow(flow) },
        signal,
      );
      return { flow: { type: 'email-verified' } };
    case 'oauth':
      return {
        flow: await ctx.verifyOAuth(
          {
            ...client,
            verifyOAuthToken: (input, s) => client.verifyOAuthToken({ ...input, ...phoneFlow(flow) }, s),
          },
          action.provider,
        ),
      };
    case 'register': {
      const geoLocation = ctx.collectGeolocation ? await currentPosition(signal) : null;
      signal.throwIfAborted();
      const data = await client.register(
        {
          phoneNumber: flow.phone!,
          phoneNumberOtp: flow.phoneCode,
          phoneNumberOtpRequestId: flow.phoneRequestId,
          email: flow.emailVerified || flow.oauthRequestId ? flow.email : null,
          password: action.password,
          geoLocation,
          oAuthTokenVerificationRequestId: flow.oauthRequestId,
        },
        signal,
      );
      return { flow: { type: 'registered' }, registered: data };
    }
  }
}

const phoneFlow = (flow: FlowState): PhoneFlow => ({
  phoneNumber: flow.phone!,
  phoneNumberOtpRequestId: flow.phoneRequestId!,
});

async function sendPhone(ctx: CallContext, phone: string): Promise<FlowEvent> {
  const token = await ctx.captchaToken(ctx.signal);
  const data = await ctx.client.sendPhoneCode(
    { phoneNumber: phone, smsProviders: ctx.smsProvider ?? null },
    ctx.signal,
    token,
  );
  ctx.onCodeSent();
  return { type: 'phone-code-sent', phone, requestId: data.phoneNumberOtpRequestId! };
}

async function sendEmail(ctx: CallContext, email: string): Promise<FlowEvent> {
  const data = await ctx.client.sendEmailCode(
    { email, ...phoneFlow(ctx.flow) },
    ctx.signal,
    await ctx.captchaToken(ctx.signal),
  );
  ctx.onCodeSent();
  return { type: 'email-code-sent', email, requestId: data.emailOtpRequestId! };
}

/**
 * How long the flow waits for a position before it goes on without one. The browser's own
 * `timeout` does not cover the permission prompt (Firefox starts it after the person answers),
 * so a person who ignores the prompt would otherwise wait forever.
 */
export const POSITION_WAIT_MS = 10_000;

/** `lat,lng` from the browser, or null when refused, unavailable, unanswered or slow. A refusal is not an error. */
export function currentPosition(signal: AbortSignal, waitMs = POSITION_WAIT_MS): Promise<string | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    const settle = (position: string | null) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', none);
      resolve(position);
    };
    const none = () => settle(null);
    const timer = setTimeout(none, waitMs);
    signal.addEventListener('abort', none, { once: true });
    navigator.geolocation.getCurrentPosition(
      (p) => settle(`${p.coords.latitude.toFixed(6)},${p.coords.longitude.toFixed(6)}`),
      none,
      { timeout: waitMs, maximumAge: 600_000 },
    );
  });
}
