/**
 * One handset, one inbox: the canonical forms every limit, proof and log of
 * the proxy keys on, whatever spelling the client sent.
 */
import { parsePhoneNumberFromString, type CountryCode, type NumberType } from 'libphonenumber-js/max';

/** Number types that can receive an SMS. Everything else (FIXED_LINE, TOLL_FREE, VOIP, …) is refused. */
export const SMS_CAPABLE_TYPES: ReadonlySet<NumberType> = new Set<NumberType>(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

export type PhoneCheck =
  | { ok: true; e164: string; country: CountryCode | undefined }
  | { ok: false; reason: 'invalid' | 'not-mobile'; message: string };

/**
 * libphonenumber's normalised E.164 for `phone` (`+2001001234567` and
 * `+201001234567` are one handset), refused when the number is not valid
 * or its type cannot receive an SMS (a landline, a toll-free number…).
 */
export function checkPhone(phone: string): PhoneCheck {
  const parsed = parsePhoneNumberFromString(phone);
  if (!parsed) return { ok: false, reason: 'invalid', message: 'not a valid phone number' };
  // A number with a type is valid (isValid() is `getType() !== undefined` with the max metadata's types),
  // so isValid() — the same pattern matching again — is only asked when there is no type.
  const type = parsed.getType();
  if (!type && !parsed.isValid()) return { ok: false, reason: 'invalid', message: 'not a valid phone number' };
  if (!type || !SMS_CAPABLE_TYPES.has(type)) {
    return {
      ok: false,
      reason: 'not-mobile',
      message: 'this number cannot receive text messages (it is not a mobile number)',
    };
  }
  return { ok: true, e164: parsed.number, country: parsed.country };
}

/**
 * Providers whose aliases reach one inbox, as each documents it: the domain
 * an address folds to, and the characters its local part ignores.
 */
interface InboxRule {
  domain: string;
  ignored?: RegExp;
}

const INBOX_RULES: ReadonlyMap<string, InboxRule> = new Map<string, InboxRule>([
  // Gmail ignores dots in the local part ("Dots don't matter in Gmail addresses",
  // https://support.google.com/mail/answer/7436150); googlemail.com is Gmail's former domain for the same accounts.
  ...['gmail.com', 'googlemail.com'].map((d) => [d, { domain: 'gmail.com', ignored: /\./g }] as [string, InboxRule]),
  // iCloud: one account has its @icloud.com, @me.com and @mac.com addresses:
  // https://support.apple.com/en-us/118230 ("About your @icloud.com, @me.com, and @mac.com email addresses")
  ...['icloud.com', 'me.com', 'mac.com'].map((d) => [d, { domain: 'icloud.com' }] as [string, InboxRule]),
  // Proton: "." "_" and "-" are transparent in a username (https://proton.me/support/change-username), and a
  // username's address on proton.me, protonmail.com, protonmail.ch and pm.me is one mailbox
  // (https://proton.me/support/addresses-and-aliases).
  ...['proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me'].map(
    (d) => [d, { domain: 'proton.me', ignored: /[._-]/g }] as const,
  ),
  // Yandex: "each mailbox on Yandex Mail has aliases in" its domains; mail to any reaches the same mailbox
  // (https://yandex.com/support/domain/additional/mailbox-alias.xml).
  ...['yandex.ru', 'yandex.com', 'ya.ru', 'yandex.by', 'yandex.kz', 'yandex.ua'].map(
    (d) => [d, { domain: 'yandex.ru' }] as const,
  ),
]);

/**
 * The inbox an address reaches, for budgets: lower case, `+tag` removed
 * for every domain (plus addressing, RFC 5233 "subaddressing": Gmail,
 * iCloud, Proton (https://proton.me/support/addresses-and-aliases, "+Alias"),
 * and Outlook/Hotmail and Exchange Online deliver `name+tag@` to `name@`:
 * https://learn.microsoft.com/exchange/recipients-in-exchange-online/plus-addressing-in-exchange-online),
 * then the provider's own aliases folded (INBOX_RULES).
 * `Victim+1@Example.com` → `victim@example.com`; `v.ictim@googlemail.com` → `victim@gmail.com`;
 * `victim@me.com` → `victim@icloud.com`; `v_ict-im@pm.me` → `victim@proton.me`.
 */
export function canonicalEmail(email: string): string {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at < 0) return lower;
  let local = lower.slice(0, at);
  let domain = lower.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  const rule = INBOX_RULES.get(domain);
  if (rule) {
    if (rule.ignored) local = local.replace(rule.ignored, '');
    domain = rule.domain;
  }
  return `${local}@${domain}`;
}
