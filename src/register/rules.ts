/**
 * The input limits and the attribute values the first screen needs (see ./validation.ts for the
 * checks themselves, which come with the submit path): pure, no DOM, no Lit.
 */
import type { EmailStepMode, FlowConfig, PasswordMode } from './flow.js';

/** Digits in a Vlens one-time code (SMS and email). */
export const CODE_LENGTH = 6;
/** The shortest password the widget sends (Vlens's own rule). */
export const PASSWORD_MIN_LENGTH = 8;

/** The numbers the messages may name: `{min}` (password length), `{length}` (code digits). */
export const RULE_VALUES = { min: PASSWORD_MIN_LENGTH, length: CODE_LENGTH } as const;

/** The `email-step` attribute; anything unknown is `auto`. */
export function emailStepMode(value: string): EmailStepMode {
  return (['auto', 'required', 'optional', 'off'] as const).find((mode) => mode === value) ?? 'auto';
}

/** The `password` attribute; anything unknown is `off`. */
export function passwordMode(value: string): PasswordMode {
  return (['off', 'optional', 'required'] as const).find((mode) => mode === value) ?? 'off';
}

/** The flow's configuration from the `email-step` and `password` attributes. */
export function flowConfig(emailStep: string, password: string): FlowConfig {
  return { emailStep: emailStepMode(emailStep), password: passwordMode(password) };
}
