/**
 * The stand-in's memory: users, codes in flight, verified numbers and emails,
 * OAuth verifications. No HTTP here; handlers.ts reads and changes it.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { StandInRefusal } from './errors.js';
import type { StandInCodeSent as CodeSent, StandInSettings } from './types.js';

export const DEFAULT_SETTINGS: StandInSettings = {
  emailRequired: false,
  errorStatus: '4xx',
  codeTtlMs: 5 * 60_000,
  maxTries: 5,
};

export type CodeChannel = 'sms' | 'email';

interface PendingCode {
  to: string;
  channel: CodeChannel;
  code: string;
  expiresAt: number;
  triesLeft: number;
}

export interface StandInUser {
  id: number;
  phoneNumber: string;
  email?: string;
  isEmailConfirmed: boolean;
}

/** Emails compare case-insensitively; phone numbers arrive as E.164 and compare as given. */
export const emailKey = (email: string) => email.trim().toLowerCase();

/** A fresh 6-digit code, leading zeros kept. */
export const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

export class StandInState {
  settings: StandInSettings;
  /** The last code sent to each phone number or email (key: E.164 or lower-cased email). */
  readonly lastCodes = new Map<string, string>();
  private readonly pending = new Map<string, PendingCode>();
  private readonly pendingByTarget = new Map<string, string>();
  private readonly verifiedPhones = new Set<string>();
  private readonly verifiedEmails = new Set<string>();
  private readonly oauthRequests = new Map<string, { email: string; provider: string }>();
  private readonly users: StandInUser[] = [];
  private nextUserId = 1;
  /** Who hears of each code sent: the `onCode` option, and `startStandIn`'s printer. */
  readonly codeListeners = new Set<(sent: CodeSent) => void>();

  constructor(
    private readonly initial: StandInSettings,
    private readonly now: () => number,
    onCode?: (sent: CodeSent) => void,
  ) {
    if (onCode) this.codeListeners.add(onCode);
    this.settings = { ...initial };
  }

  /** Issues a code to `to`, replacing any earlier one for the same target. */
  sendCode(to: string, channel: CodeChannel): { requestId: string; code: string } {
    const target = channel === 'email' ? emailKey(to) : to;
    const previous = this.pendingByTarget.get(target);
    if (previous) this.pending.delete(previous);
    const requestId = randomUUID();
    const code = newCode();
    this.pending.set(requestId, {
      to: target,
      channel,
      code,
      expiresAt: this.now() + this.settings.codeTtlMs,
      triesLeft: this.settings.maxTries,
    });
    this.pendingByTarget.set(target, requestId);
    this.lastCodes.set(target, code);
    for (const listener of this.codeListeners) listener({ to, code, channel });
    return { requestId, code };
  }

  /**
   * Checks a code for `to`. A right code marks the target verified and ends
   * the request; a wrong one uses a try; when tries run out the code is burnt.
   */
  checkCode(to: string, channel: CodeChannel, requestId: string, code: string): StandInRefusal | null {
    const target = channel === 'email' ? emailKey(to) : to;
    const entry = this.pending.get(requestId);
    if (!entry || entry.to !== target || entry.channel !== channel) {
      return {
        error: 'unknownRequestId',
        details: { field: channel === 'sms' ? 'phoneNumberOtpRequestId' : 'emailOtpRequestId' },
      };
    }
    const field = channel === 'sms' ? 'phoneNumberOtp' : 'emailOtp';
    // Said in `error_descriptions` too, so a client can tell them apart when errors come with HTTP 200.
    if (this.now() >= entry.expiresAt) return { error: 'codeExpired', details: { field, expired: true } };
    if (entry.triesLeft <= 0) return { error: 'tooManyTries', details: { field, triesLeft: 0 } };
    if (entry.code !== code) {
      entry.triesLeft -= 1;
      return { error: 'invalidCode', details: { field, triesLeft: entry.triesLeft } };
    }
    this.pending.delete(requestId);
    this.pendingByTarget.delete(target);
    (channel === 'sms' ? this.verifiedPhones : this.verifiedEmails).add(target);
    return null;
  }

  isPhoneVerified(phone: string) {
    return this.verifiedPhones.has(phone);
  }

  isEmailVerified(email: string) {
    return this.verifiedEmails.has(emailKey(email));
  }

  /** Remembers a verified OAuth sign-in; its id stands in for the email step at `Register`. */
  addOAuthVerification(email: string, provider: string): string {
    const id = randomUUID();
    this.oauthRequests.set(id, { email, provider });
    if (this.findUser({ email })) this.confirmEmail(email);
    return id;
  }

  oauthVerification(id: string) {
    return this.oauthRequests.get(id);
  }

  findUser(by: { phoneNumber?: string | null; email?: string | null }): StandInUser | undefined {
    const email = by.email ? emailKey(by.email) : undefined;
    return this.users.find(
      (u) => (by.phoneNumber && u.phoneNumber === by.phoneNumber) || (email && u.email && emailKey(u.email) === email),
    );
  }

  addUser(user: { phoneNumber: string; email?: string; isEmailConfirmed?: boolean }): StandInUser {
    const created: StandInUser = {
      id: this.nextUserId++,
      phoneNumber: user.phoneNumber,
      email: user.email,
      isEmailConfirmed: user.isEmailConfirmed ?? false,
    };
    this.users.push(created);
    this.verifiedPhones.delete(user.phoneNumber);
    if (user.email) this.verifiedEmails.delete(emailKey(user.email));
    return created;
  }

  forgetOAuthVerification(id: string) {
    this.oauthRequests.delete(id);
  }

  private confirmEmail(email: string) {
    for (const u of this.users) if (u.email && emailKey(u.email) === emailKey(email)) u.isEmailConfirmed = true;
  }

  /** Forgets everything; settings back to those given at creation. */
  reset() {
    this.settings = { ...this.initial };
    this.lastCodes.clear();
    this.pending.clear();
    this.pendingByTarget.clear();
    this.verifiedPhones.clear();
    this.verifiedEmails.clear();
    this.oauthRequests.clear();
    this.users.length = 0;
    this.nextUserId = 1;
  }
}
