import type { VlensError } from '../api/error.js';
import type { FlowState } from './flow.js';

/** A message shown in the live region, tied to the flow state it was raised in (any state change clears it). */
export interface Notice {
  at: FlowState;
  text: string;
  /** Blames the step's field: `aria-invalid`. */
  invalid: boolean;
  tone: 'error' | 'notice' | 'progress';
  /** Offer the sign-in link (a registered number). */
  signIn?: boolean;
  /** The server's own words (any language): shown isolated from the widget's text direction. */
  foreign?: boolean;
}

/**
 * A failed call's message (`text`, from ./error-text.ts): `invalid` when it refuses the value itself (a rate
 * limit, the network, a server or a CAPTCHA never blame the field); the server's own words are isolated.
 */
export function failureNotice(error: VlensError, at: FlowState, text: string, invalid: boolean): Notice {
  return { at, text, invalid, tone: 'error', foreign: text === error.envelope.error_message };
}
