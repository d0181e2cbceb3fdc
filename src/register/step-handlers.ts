/**
 * What the step templates' forms and buttons do (./steps/context.ts): resend
 * after the cooldown, back, skip, choose or retry a provider. A step's shadow
 * form submits the light-DOM form (password managers see that one).
 */
import type { Action } from './action.js';
import type { FlowEvent, FlowState } from './flow.js';
import type { StepHandlers } from './steps/index.js';
import type { OAuthProviderName } from '../oauth/types.js';

/** What the buttons read from and do to the element. */
export interface StepActions {
  flow: () => FlowState;
  /** A call is in flight, or a submit waits for the submit path. */
  busy: () => boolean;
  /** The resend cooldown (made with the submit path). */
  countdown: () => { readonly ready: boolean; stop(): void };
  /** The provider sign-in's chosen provider. */
  oauth: { chosen: OAuthProviderName | null; retrying: boolean };
  /** Submits the light-DOM form. */
  submitLight: () => void;
  abortCall: () => void;
  dispatch: (event: FlowEvent) => void;
  run: (action: Action) => void;
  /** False (and the config error shown) without an `endpoint`. */
  endpointReady: () => boolean;
}

export function stepHandlers(el: StepActions): StepHandlers {
  const step = () => el.flow().step;
  return {
    submit: (event) => (event.preventDefault(), el.submitLight()),
    resend: () =>
      !el.busy() && el.countdown().ready && el.run({ type: step() === 'phone-code' ? 'resend-phone' : 'resend-email' }),
    back: () => {
      // A provider sign-in may never answer (a prompt left open): going back abandons it.
      if (el.busy() && step() !== 'oauth') return;
      if (el.busy()) el.abortCall();
      el.countdown().stop();
      el.dispatch({ type: 'back' });
    },
    skip: () => !el.busy() && el.dispatch({ type: 'email-skipped' }),
    choose: (provider) => {
      if (el.busy() || step() !== 'email' || !el.endpointReady()) return;
      el.oauth.chosen = provider;
      el.oauth.retrying = false;
      el.dispatch({ type: 'oauth-chosen' });
      el.run({ type: 'oauth', provider });
    },
    retry: () => {
      const provider = el.oauth.chosen;
      if (el.busy() || step() !== 'oauth' || !provider) return;
      el.oauth.retrying = true;
      el.run({ type: 'oauth', provider });
    },
  };
}
