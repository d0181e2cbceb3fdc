/**
 * The budgets stage: every rate limit a call spends, before anything goes
 * upstream. Per client (every call; OTP sends by /64 and by /48; the calls
 * that reveal who is registered), per destination (a handset or inbox, its
 * number block, its country), per proxy (the tenant-wide send budget behind
 * its circuit breaker), and code checks per request id.
 */
import { VLENS_PATHS } from '../api/paths.js';
import { storeDeadline, type CallContext } from './call-context.js';
import { canonicalEmail } from './canonical.js';
import { clientBlockKey, clientLimitKey } from './client-address.js';
import type { Limit, LimitName, LimitOutcome, LimitStore } from './limits.js';
import type { Defence } from './metrics.js';
import { ProxyRefusal, storeUnavailable, tooMany } from './refusal.js';
import { saysVerificationGone } from './upstream-verdicts.js';

/**
 * A number block is the E.164 number without its last 3 digits: 1,000
 * consecutive numbers. Why 3: in libphonenumber's metadata the example
 * mobile numbers of 231 of 245 regions have 7 to 11 national digits (Egypt
 * 10), so a block stays a small slice of one operator's range (one block in
 * 10,000 or more) where few real people register in the same hour, while a
 * pumping range (the carrier-held run of consecutive numbers a fraudster
 * is paid for, e.g. +201005500000…059) falls in one block or a few. Two
 * digits (100 numbers) would let a range spread over ten blocks for ten
 * times the budget; four (10,000) would put a whole exchange's subscribers
 * on one budget in 7-8 digit plans. The 14 regions with 4-6 digit numbers
 * (Tokelau, Saint Helena…) get blocks of 10 to 1,000 numbers of a small
 * country, where the country budget matters more.
 */
export const NUMBER_BLOCK_DIGITS = 3;

/** The number block of an E.164 number, as its key and as it is logged (`+2010055000xxx`). */
export function numberBlock(e164: string): string {
  return `${e164.slice(0, -NUMBER_BLOCK_DIGITS)}${'x'.repeat(NUMBER_BLOCK_DIGITS)}`;
}

export interface BudgetsOptions {
  store: LimitStore;
  /** The limits in force (for the log lines). */
  limits: Readonly<Record<LimitName, Limit>>;
  /** Countries an OTP may be sent to. */
  allowedCountries: ReadonlySet<string>;
  warn: (message: string) => void;
}

/** What kind of call this is, as the budgets and proofs see it. */
export function callKind(call: CallContext) {
  const { path, body } = call;
  return {
    isSend:
      (path === VLENS_PATHS.verifyPhone && !body.phoneNumberOtp) ||
      (path === VLENS_PATHS.verifyEmail && !body.emailOtp),
    isRegister: path === VLENS_PATHS.register || path === VLENS_PATHS.registerStepCreate,
  };
}

/** The defence each budget stands for (a send budget per handset is per mailbox for an email). */
const DEFENCE: Record<LimitName, Defence> = {
  sendShort: 'handset',
  sendDaily: 'handset',
  sendBlock: 'block',
  sendCountry: 'country',
  sendIp: 'address',
  sendIpBlock: 'address',
  sendGlobal: 'global',
  codeChecks: 'tries',
  ip: 'address',
  existence: 'existence',
};

/** The codeChecks key of a code check or a Register: its request id (or, without one, the number). */
export const codeCheckKey = (body: Record<string, unknown>) => {
  // The request schemas made these strings.
  const requestId = (body.phoneNumberOtpRequestId ?? body.emailOtpRequestId) as string | undefined;
  return requestId ? `id:${requestId.toLowerCase()}` : `phone:${String(body.phoneNumber)}`;
};

/** Throws the refusal a failed outcome calls for: 503 when the store could not answer, else 429 by `defence`. */
export function refuseUnless(outcome: LimitOutcome, field: string | undefined, defence: Defence): void {
  if (outcome.ok) return;
  if (outcome.reason === 'unavailable') throw storeUnavailable(field);
  throw tooMany(outcome.retryAfterSec, field).by(defence);
}

/** The budgets whose tripping is logged, with what their key names. */
const LOGGED_TRIPS: Partial<Record<LimitName, string>> = {
  sendBlock: 'number block',
  sendCountry: 'country',
  sendIpBlock: 'IPv6 /48',
};

export function createBudgets({ store, limits, allowedCountries, warn }: BudgetsOptions) {
  /** The global send budget's circuit breaker: while open (until this time, ms) sends are refused without asking the store. */
  let breakerOpenUntil = 0;
  /** Trips already logged: budget and key → until when (ms), so a tripped key logs one line per window. */
  const logged = new Map<string, number>();

  /** Takes a point; resolves to the points left (when the store says). */
  async function spend(call: CallContext, name: LimitName, key: string, field?: string): Promise<number | undefined> {
    const outcome = await store.consume(name, key, storeDeadline(call));
    if (!outcome.ok && outcome.reason === 'limited' && name in LOGGED_TRIPS) logTrip(name, key, outcome.retryAfterSec);
    refuseUnless(outcome, field, field === 'email' && DEFENCE[name] === 'handset' ? 'mailbox' : DEFENCE[name]);
    return outcome.ok ? outcome.remaining : undefined;
  }

  /** One line when a destination or address-block budget trips (then none for that key until its window turns). */
  function logTrip(name: LimitName, key: string, retryAfterSec: number): void {
    const now = Date.now();
    const id = `${name} ${key}`;
    if ((logged.get(id) ?? 0) > now) return;
    if (logged.size > 10_000) for (const [k, until] of logged) if (until <= now) logged.delete(k);
    logged.set(id, now + retryAfterSec * 1000);
    const { points, durationSec } = limits[name];
    warn(
      `vlens proxy: the ${LOGGED_TRIPS[name]} budget (limits.${name}: ${points} codes per ${durationSec} s) of ${key} is spent; ` +
        `sends to it are refused for ${retryAfterSec} s. Many sends to one range or from one network look like SMS pumping.`,
    );
  }

  /** The tenant-wide send budget, behind a circuit breaker that logs one line when it trips. */
  async function spendGlobalSend(call: CallContext, field: string): Promise<void> {
    const now = Date.now();
    if (now < breakerOpenUntil) throw tooMany((breakerOpenUntil - now) / 1000, field).by('global');
    const outcome = await store.consume('sendGlobal', 'all', storeDeadline(call));
    if (!outcome.ok && outcome.reason === 'limited') {
      breakerOpenUntil = now + outcome.retryAfterSec * 1000;
      const { points, durationSec } = limits.sendGlobal;
      warn(
        `vlens proxy: the global send budget (${points} codes per ${durationSec} s) is spent; ` +
          `every send is refused until ${new Date(breakerOpenUntil).toISOString()}. Raise limits.sendGlobal if this is real traffic.`,
      );
    }
    refuseUnless(outcome, field, 'global');
  }

  /** Stage: every call spends from its client's budget (before its body is read). */
  async function spendClientCall(call: CallContext): Promise<void> {
    await spend(call, 'ip', clientLimitKey(call.ip));
  }

  /** Stage: the calls that reveal who is registered (CheckExistence and Register) spend from their own client budget. */
  async function spendExistence(call: CallContext): Promise<void> {
    if (call.path === VLENS_PATHS.checkExistence || callKind(call).isRegister) {
      await spend(call, 'existence', clientLimitKey(call.ip));
    }
  }

  /** Stage: a send goes only to an allowed country. */
  function checkDestination(call: CallContext): void {
    if (!callKind(call).isSend || call.path !== VLENS_PATHS.verifyPhone) return;
    if (!allowedCountries.has(call.country ?? '')) {
      throw new ProxyRefusal(400, 'Codes cannot be sent to phone numbers in this country', 'phoneNumber').by('country');
    }
  }

  /**
   * Stage: a send spends from its destination's budgets (the handset or inbox, then for a phone its
   * number block and country), its client's (/64 and /48) and the proxy's.
   */
  async function spendSend(call: CallContext): Promise<void> {
    if (!callKind(call).isSend) return;
    const { body } = call;
    if (call.path === VLENS_PATHS.verifyPhone) {
      const phone = body.phoneNumber as string;
      const key = `phone:${phone}`;
      await spend(call, 'sendShort', key, 'phoneNumber');
      await spend(call, 'sendDaily', key, 'phoneNumber');
      await spend(call, 'sendBlock', numberBlock(phone), 'phoneNumber');
      await spend(call, 'sendCountry', call.country ?? '', 'phoneNumber');
    } else {
      const key = `email:${canonicalEmail(body.email as string)}`;
      await spend(call, 'sendShort', key, 'email');
      await spend(call, 'sendDaily', key, 'email');
    }
    const field = call.path === VLENS_PATHS.verifyPhone ? 'phoneNumber' : 'email';
    await spend(call, 'sendIp', clientLimitKey(call.ip), field);
    const block = clientBlockKey(call.ip);
    if (block) await spend(call, 'sendIpBlock', block, field);
    await spendGlobalSend(call, field);
  }

  /** Stage: a code check spends one of its request id's checks; the checks left go into the context. */
  async function spendCodeCheck(call: CallContext): Promise<void> {
    const { body } = call;
    if (!(body.phoneNumberOtp ?? body.emailOtp)) return;
    const field = call.path === VLENS_PATHS.verifyEmail ? 'emailOtp' : 'phoneNumberOtp';
    const left = await spend(call, 'codeChecks', codeCheckKey(body), field);
    if (!callKind(call).isRegister) call.codeChecksLeft = left;
  }

  /**
   * Stage, after the upstream answered a code check: when it says the code is burnt or expired, no check
   * of that request id is forwarded again and the widget is told 0 tries are left.
   */
  async function settleCodeChecks(call: CallContext): Promise<void> {
    const { body } = call;
    if (!call.failed || !(body.phoneNumberOtp ?? body.emailOtp)) return;
    if (!saysVerificationGone(call.status, call.envelope)) return;
    if (call.codeChecksLeft !== undefined) call.codeChecksLeft = 0;
    await store.exhaust('codeChecks', codeCheckKey(body), storeDeadline(call));
  }

  /** Whether the global send budget's breaker is open now (metrics). */
  const breakerOpen = () => Date.now() < breakerOpenUntil;

  return {
    spendClientCall,
    spendExistence,
    checkDestination,
    spendSend,
    spendCodeCheck,
    settleCodeChecks,
    breakerOpen,
  };
}
