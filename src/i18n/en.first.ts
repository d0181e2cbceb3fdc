/**
 * The English strings of the first screen, in the first-load bundle: the phone step with its country
 * (the picker's other strings come with the proxy's list, in the submit path), "working", a failed load, and the code step with its checks (a resumed flow starts there,
 * before the submit path has loaded). The rest (./en.later.ts) come with the submit path. `{name}`
 * placeholders are filled by `format()`.
 */
export const enFirst = {
  phoneHeading: 'Create your account',
  phoneIntro: 'Enter your mobile number. We will text you a code.',
  phoneLabel: 'Mobile number',
  phoneHint: 'With or without the country code; spaces and dashes are fine.',
  phoneSubmit: 'Send code',
  countryLabel: 'Country',
  /** The default country's name on the first screen (other names come from Intl.DisplayNames when the picker opens). */
  countryEgypt: 'Egypt',
  phoneCodeHeading: 'Enter the code we sent',
  phoneCodeIntro: 'We sent a 6-digit code to {to}.',
  codeLabel: 'Verification code',
  codeSubmit: 'Verify',
  resend: 'Send a new code',
  resendIn: 'You can ask for a new code in {seconds} s',
  changePhone: 'Change number',
  working: 'Please wait…',
  codeEmpty: 'Enter the code.',
  codeInvalidCharacters: 'The code has digits only.',
  codeTooLong: 'The code has 6 digits.',
  codeIncomplete: 'The code has 6 digits.',
  errorNetwork: 'We could not reach the server. Check your connection and try again.',
} as const;

/** The strings the first screen shows, by key. */
export type FirstScreenStrings = { [K in keyof typeof enFirst]: string };
