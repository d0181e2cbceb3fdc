/**
 * The registration step machine: plain TypeScript, no DOM, no Lit.
 * The element feeds it events (what the user did, what a call returned) and
 * renders the state it gets back; all step decisions live here.
 */

/** Step ids, as in the reflected `step` attribute and every event's `step`. */
export const STEP_IDS = ['phone', 'phone-code', 'email', 'email-code', 'oauth', 'finish', 'done'] as const;
export type StepId = (typeof STEP_IDS)[number];

/** `auto` follows the server's `isEmailConfirmationRequired`; the others win over the server. */
export type EmailStepMode = 'auto' | 'required' | 'optional' | 'off';
/** Whether the last step collects a password. */
export type PasswordMode = 'off' | 'optional' | 'required';

export interface FlowConfig {
  emailStep: EmailStepMode;
  password: PasswordMode;
}

export interface FlowState {
  step: StepId;
  config: FlowConfig;
  /** E.164, once the number was accepted (not registered yet, code sent). */
  phone: string | null;
  phoneRequestId: string | null;
  /** The validated phone code; sent again with `Register`, as Vlens's sample does. Memory only. */
  phoneCode: string | null;
  phoneVerified: boolean;
  /** The number the duplicate check found registered (the phone step shows the sign-in hint). */
  phoneExists: string | null;
  email: string | null;
  emailRequestId: string | null;
  emailVerified: boolean;
  /** The server's `isEmailConfirmationRequired` from the phone-code validation; null until known. */
  emailRequiredByServer: boolean | null;
  oauthRequestId: string | null;
}

export type FlowEvent =
  /** The duplicate check found the number registered; no code was sent. */
  | { type: 'phone-exists'; phone: string }
  /** The number is new and a code was sent (or sent again). */
  | { type: 'phone-code-sent'; phone: string; requestId: string }
  | { type: 'phone-verified'; code: string; emailConfirmationRequired?: boolean }
  | { type: 'email-code-sent'; email: string; requestId: string }
  | { type: 'email-verified' }
  | { type: 'email-skipped' }
  | { type: 'oauth-chosen' }
  | { type: 'oauth-verified'; requestId: string; email?: string | null }
  | { type: 'registered' }
  | { type: 'back' }
  | { type: 'reset' };

export const DEFAULT_CONFIG: FlowConfig = { emailStep: 'auto', password: 'off' };

export function initialState(config: Partial<FlowConfig> = {}): FlowState {
  return {
    step: 'phone',
    config: { ...DEFAULT_CONFIG, ...config },
    phone: null,
    phoneRequestId: null,
    phoneCode: null,
    phoneVerified: false,
    phoneExists: null,
    email: null,
    emailRequestId: null,
    emailVerified: false,
    emailRequiredByServer: null,
    oauthRequestId: null,
  };
}

// ---- guards ------------------------------------------------------------------

/** Whether the email screen is part of this registration (decided once the phone is verified). */
export function emailStepShown(state: FlowState): boolean {
  switch (state.config.emailStep) {
    case 'off':
      return false;
    case 'required':
    case 'optional':
      return true;
    case 'auto':
      return state.emailRequiredByServer === true;
  }
}

/** Whether the user may go on without an email: only when the email step is `optional`. */
export function canSkipEmail(state: FlowState): boolean {
  return state.step === 'email' && state.config.emailStep === 'optional';
}

/** Everything `Register` needs is in place. */
export function canRegister(state: FlowState): boolean {
  if (state.step !== 'finish' || !state.phoneVerified) return false;
  const emailNeeded = emailStepShown(state) && state.config.emailStep !== 'optional';
  return !emailNeeded || state.emailVerified || state.oauthRequestId !== null;
}

/** Where `back` leads from a step, or null when there is no way back. */
export function previousStep(state: FlowState): StepId | null {
  switch (state.step) {
    case 'phone-code':
      return 'phone';
    case 'email-code':
    case 'oauth':
      return 'email';
    case 'finish':
      return emailStepShown(state) ? 'email' : null;
    default:
      return null;
  }
}

// ---- transition ----------------------------------------------------------------

/**
 * The next state for an event, or the same state object when the event does
 * not apply to the current step (the caller can compare by identity).
 */
export function transition(state: FlowState, event: FlowEvent): FlowState {
  switch (event.type) {
    case 'reset':
      return initialState(state.config);

    case 'phone-exists':
      if (state.step !== 'phone') return state;
      return { ...state, phoneExists: event.phone };

    case 'phone-code-sent':
      if (state.step !== 'phone' && state.step !== 'phone-code') return state;
      if (state.step === 'phone-code' && event.phone !== state.phone) return state;
      return {
        ...state,
        step: 'phone-code',
        phone: event.phone,
        phoneRequestId: event.requestId,
        phoneExists: null,
      };

    case 'phone-verified': {
      if (state.step !== 'phone-code') return state;
      const verified: FlowState = {
        ...state,
        phoneVerified: true,
        phoneCode: event.code,
        emailRequiredByServer: event.emailConfirmationRequired ?? state.emailRequiredByServer,
      };
      return { ...verified, step: emailStepShown(verified) ? 'email' : 'finish' };
    }

    case 'email-code-sent':
      if (state.step !== 'email' && state.step !== 'email-code') return state;
      if (state.step === 'email-code' && event.email !== state.email) return state;
      return {
        ...state,
        step: 'email-code',
        email: event.email,
        emailRequestId: event.requestId,
        emailVerified: false,
      };

    case 'email-verified':
      if (state.step !== 'email-code') return state;
      return { ...state, step: 'finish', emailVerified: true };

    case 'email-skipped':
      if (!canSkipEmail(state)) return state;
      return { ...state, step: 'finish', email: null, emailRequestId: null, emailVerified: false };

    case 'oauth-chosen':
      if (state.step !== 'email') return state;
      return { ...state, step: 'oauth' };

    case 'oauth-verified':
      if (state.step !== 'oauth') return state;
      return {
        ...state,
        step: 'finish',
        oauthRequestId: event.requestId,
        email: event.email ?? null,
        emailVerified: false,
      };

    case 'registered':
      if (!canRegister(state)) return state;
      return { ...state, step: 'done' };

    case 'back': {
      const to = previousStep(state);
      if (!to) return state;
      if (to === 'phone')
        return { ...state, step: 'phone', phoneRequestId: null, phoneCode: null, phoneVerified: false };
      // Back to the email screen: the email (or provider) is chosen again.
      return { ...state, step: 'email', emailRequestId: null, emailVerified: false, oauthRequestId: null };
    }
  }
}
