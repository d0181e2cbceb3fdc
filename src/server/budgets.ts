/**
 * The budgets stage: every rate limit a call spends, before anything goes
 * upstream. Per client (every call; OTP sends; the calls that reveal who is
 * registered), per destination (a handset or inbox) and per proxy (the
 * tenant-wide send budget behind its circuit breaker), and code checks per
 * request id.
 */
import { VLENS_PATHS } from '../api/paths.js';
import type { CallContext } from './call-context.js';
import { canonicalEmail } from './canonical.js';
import { clientLimitKey } from './client-address.js';
import type { Limit, LimitName, LimitOutcome, LimitStore } from './limits.js';
import type { Defence } from './metrics.js';
import { ProxyRefusal, storeUnavailable, tooMany } from './refusal.js';

export interface BudgetsOptions {
  store: LimitStore;
  /** The tenant-wide send budget as configured (for the breaker's log line). */
  globalBudget: Limit;
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
  sendIp: 'address',
  sendGlobal: 'global',
  codeChecks: 'tries',
  ip: 'address',
  existence: 'existence',
};

/** The code-check budget's key for a request id. */
export const codeCheckKey = (requestId: string) => `id:${requestId.toLowerCase()}`;

/** Throws the refusal a failed outcome calls for: 503 when the store could not answer, else 429 by `defence`. */
export function refuseUnless(outcome: LimitOutcome, field: string | undefined, defence: Defence): void {
  if (outcome.ok) return;
  if (outcome.reason === 'unavailable') throw storeUnavailable(field);
  throw tooMany(outcome.retryAfterSec, field).by(defence);
}

export function createBudgets({ store, globalBudget, allowedCountries, warn }: BudgetsOptions) {
  /** The global send budget's circuit breaker: while open (until this time, ms) sends are refused without asking the store. */
  let breakerOpenUntil = 0;

  /** Takes a point; resolves to the points left (when the store says). */
  async function spend(name: LimitName, key: string, field?: string): Promise<number | undefined> {
    const outcome = await store.consume(name, key);
    refuseUnless(outcome, field, field === 'email' && DEFENCE[name] === 'handset' ? 'mailbox' : DEFENCE[name]);
    return outcome.ok ? outcome.remaining : undefined;
  }

  /** The tenant-wide send budget, behind a circuit breaker that logs one line when it trips. */
  async function spendGlobalSend(field: string): Promise<void> {
    const now = Date.now();
    if (now < breakerOpenUntil) throw tooMany((breakerOpenUntil - now) / 1000, field).by('global');
    const outcome = await store.consume('sendGlobal', 'all');
    if (!outcome.ok && outcome.reason === 'limited') {
      breakerOpenUntil = now + outcome.retryAfterSec * 1000;
      warn(
        `vlens proxy: the global send budget (${globalBudget.points} codes per ${globalBudget.durationSec} s) is spent; ` +
          `every send is refused until ${new Date(breakerOpenUntil).toISOString()}. Raise limits.sendGlobal if this is real traffic.`,
      );
    }
    refuseUnless(outcome, field, 'global');
  }

  /** Stage: every call spends from its client's budget (before its body is read). */
  async function spendClientCall(call: CallContext): Promise<void> {
    await spend('ip', clientLimitKey(call.ip));
  }

  /** Stage: the calls that reveal who is registered (CheckExistence and Register) spend from their own client budget. */
  async function spendExistence(call: CallContext): Promise<void> {
    const { path } = call;
    if (path === VLENS_PATHS.checkExistence || callKind(call).isRegister) {
      await spend('existence', clientLimitKey(call.ip));
    }
  }

  /** Stage: a send goes only to an allowed country. */
  function checkDestination(call: CallContext): void {
    if (!callKind(call).isSend || call.path !== VLENS_PATHS.verifyPhone) return;
    if (!allowedCountries.has(call.country ?? '')) {
      throw new ProxyRefusal(400, 'Codes cannot be sent to phone numbers in this country', 'phoneNumber').by('country');
    }
  }

  /** Stage: a send spends from its destination's, its client's and the proxy's budgets. */
  async function spendSend(call: CallContext): Promise<void> {
    if (!callKind(call).isSend) return;
    const { body } = call;
    const field = call.path === VLENS_PATHS.verifyPhone ? 'phoneNumber' : 'email';
    const key =
      field === 'phoneNumber' ? `phone:${body.phoneNumber as string}` : `email:${canonicalEmail(body.email as string)}`;
    await spend('sendShort', key, field);
    await spend('sendDaily', key, field);
    await spend('sendIp', clientLimitKey(call.ip), field);
    await spendGlobalSend(field);
  }

  /** Stage: a code check spends one of its request id's checks; the checks left go into the context. */
  async function spendCodeCheck(call: CallContext): Promise<void> {
    const { body } = call;
    const code = body.phoneNumberOtp ?? body.emailOtp;
    if (!code) return;
    // The request schemas made these strings.
    const requestId = (body.phoneNumberOtpRequestId ?? body.emailOtpRequestId) as string | undefined;
    const key = requestId ? codeCheckKey(requestId) : `phone:${String(body.phoneNumber)}`;
    const left = await spend('codeChecks', key, call.path === VLENS_PATHS.verifyEmail ? 'emailOtp' : 'phoneNumberOtp');
    if (!callKind(call).isRegister) call.codeChecksLeft = left;
  }

  /** Whether the global send budget's breaker is open now (metrics). */
  const breakerOpen = () => Date.now() < breakerOpenUntil;

  return { spendClientCall, spendExistence, checkDestination, spendSend, spendCodeCheck, breakerOpen };
}
