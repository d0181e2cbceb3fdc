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

/** Providers that ignore dots in the local part (and share one mailbox across both domains). */
const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/**
 * The inbox an address reaches, for budgets: lower case, `+tag` removed,
 * and for Gmail dots removed and `googlemail.com` read as `gmail.com`.
 * `Victim+1@Example.com` → `victim@example.com`; `v.ictim@googlemail.com` → `victim@gmail.com`.
 */
export function canonicalEmail(email: string): string {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at < 0) return lower;
  let local = lower.slice(0, at);
  let domain = lower.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (GMAIL_DOMAINS.has(domain)) {
    local = local.replaceAll('.', '');
    domain = 'gmail.com';
  }
  return `${local}@${domain}`;
}
