/**
 * What the widget checks before it calls: the one home of every input rule
 * (code length, email shape, password length, attribute values). Pure: no DOM,
 * no Lit, no phone metadata (numbers are checked by ../phone/phone.ts, which
 * the submit path loads). A failed check names the dictionary key of its message.
 * In the submit path's chunk (and the light-DOM field's, for the code field);
 * the limits and the attribute values the first screen needs are ./rules.ts.
 */
import { toAsciiDigits, toCodeDigits, withoutMarks } from '../phone/digits.js';
import type { VlensStrings } from '../i18n/index.js';
import type { Action } from './action.js';
import type { FlowState, PasswordMode } from './flow.js';
import { CODE_LENGTH, PASSWORD_MIN_LENGTH } from './rules.js';

export { CODE_LENGTH, PASSWORD_MIN_LENGTH, RULE_VALUES, emailStepMode, passwordMode, flowConfig } from './rules.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A checked value, or the dictionary key of the message that says what is wrong. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: keyof VlensStrings };

/** Why a typed code is refused: the dictionary key of each reason. */
const CODE_PROBLEMS = {
  empty: 'codeEmpty',
  'invalid-characters': 'codeInvalidCharacters',
  'too-long': 'codeTooLong',
} as const satisfies Record<Extract<ReturnType<typeof toCodeDigits>, { ok: false }>['code'], keyof VlensStrings>;

/** A complete code: six ASCII digits from whatever digits and separators were typed. */
export function checkCode(text: string): Checked<string> {
  const digits = toCodeDigits(text);
  if (!digits.ok) return { ok: false, problem: CODE_PROBLEMS[digits.code] };
  if (digits.value.length !== CODE_LENGTH) return { ok: false, problem: 'codeIncomplete' };
  return { ok: true, value: digits.value };
}

/** A digit in any script the widget reads (ASCII, Arabic-Indic, Eastern Arabic-Indic, full-width). */
const ANY_DIGIT = '[0-9\\u0660-\\u0669\\u06F0-\\u06F9\\uFF10-\\uFF19]';

/**
 * What the code field should hold after an input, and whether it is a whole code (the field then
 * submits itself). Digits stay as typed, in their own script (`value` null: the text is left alone;
 * the code sent is normalised by `checkCode`); a paste loses its invisible marks and separators, and
 * a pasted message such as "Your code is 123456" is replaced by its one six-digit run, as written.
 */
export function codeAsTyped(text: string, pasted: boolean): { value: string | null; complete: boolean } {
  const digits = toCodeDigits(text);
  const complete = digits.ok && digits.value.length === CODE_LENGTH;
  if (digits.ok) return { value: pasted && withoutMarks(text) !== text ? withoutMarks(text) : null, complete };
  const runs = pasted ? text.match(new RegExp(`${ANY_DIGIT}{${CODE_LENGTH}}`, 'g')) : null;
  return runs?.length === 1 ? { value: runs[0], complete: true } : { value: null, complete: false };
}

/** An email as typed, without the invisible marks and full-width forms pasted from messages (Vlens would refuse them). */
export function cleanEmail(text: string): string {
  return toAsciiDigits(text).trim();
}

/** An email address as Vlens accepts it (cleaned first). */
export function checkEmail(text: string): Checked<string> {
  const email = cleanEmail(text);
  return EMAIL.test(email) ? { ok: true, value: email } : { ok: false, problem: 'invalidEmail' };
}

/** The password for `Register`: null when none is asked or an optional one was left empty. */
export function checkPassword(text: string, mode: PasswordMode): Checked<string | null> {
  if (mode === 'off') return { ok: true, value: null };
  if (!text) return mode === 'required' ? { ok: false, problem: 'passwordRequired' } : { ok: true, value: null };
  if (text.length < PASSWORD_MIN_LENGTH) return { ok: false, problem: 'passwordTooShort' };
  return { ok: true, value: text };
}

/**
 * The call a submitted code, email or finish step asks for, from its form's fields, or what is
 * wrong with them; null on steps without such a submit. (The phone step's number is checked by
 * the phone library, with the picked country.)
 */
export function submittedAction(flow: FlowState, field: (name: string) => string): Checked<Action> | null {
  const either = <T>(checked: Checked<T>, action: (value: T) => Action): Checked<Action> =>
    checked.ok ? { ok: true, value: action(checked.value) } : checked;
  switch (flow.step) {
    case 'phone-code':
      return either(checkCode(field('code')), (code) => ({ type: 'verify-phone', code }));
    case 'email-code':
      return either(checkCode(field('code')), (code) => ({ type: 'verify-email', code }));
    case 'email':
      return either(checkEmail(field('email')), (email) => ({ type: 'send-email', email }));
    case 'finish':
      return either(checkPassword(field('password'), flow.config.password), (password) => ({
        type: 'register',
        password,
      }));
    default:
      return null;
  }
}
