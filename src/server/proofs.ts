/**
 * The proofs stages: what this proxy saw verified, noted after the
 * upstream's success and claimed before a Register is forwarded. Kept in the
 * limiter store (memory or Redis) for `ttlSec`:
 *
 * - `phone:<request id>` → the number it was validated for, and whether the
 *   upstream then asked for the email step;
 * - `email:<phone request id>:<email>` → an email verified in that phone flow;
 * - `oauth:<oauth request id>` → the phone flow an OAuth verification was made in.
 *
 * One flow, one proof: the widget sends its flow's `phoneNumber` and
 * `phoneNumberOtpRequestId` with `StepVerifyEmail`, `StepVerifyOAuthToken`
 * and `VerifyOAuthToken` (takeFlow strips them before forwarding), so an
 * email someone verified proves nothing for another person's Register.
 *
 * One proof, one Register: a Register claims its proofs (an atomic get and
 * delete: one claim wins, across instances sharing Redis) before it is
 * forwarded. They return when the call fails, unless the upstream says the
 * verification itself is gone (upstream-verdicts.ts); a success spends them.
 *
 * A proof the store cannot take in time after the upstream accepted a code
 * is kept in this instance's memory and written to the store in the
 * background until it is written or expires: the person gets the upstream's
 * success, a Register during the stall gets a 503 ("try again shortly"),
 * and a Register after it finds the proof (on any instance).
 */
import { VLENS_PATHS } from '../api/paths.js';
import { callKind } from './budgets.js';
import { storeDeadline, type CallContext } from './call-context.js';
import type { LimitStore } from './limits.js';
import { ProxyRefusal, storeUnavailable } from './refusal.js';
import { saysVerificationGone } from './upstream-verdicts.js';

export interface ProofsOptions {
  store: LimitStore;
  /** How long a verification proves something, seconds. */
  ttlSec: number;
  /** How long the background write of a proof waits for the store per try, ms. */
  storeTimeoutMs: number;
}

/** The store keys of each kind of proof. */
const proofKey = {
  phone: (requestId: unknown) => `phone:${String(requestId).toLowerCase()}`,
  email: (phoneRequestId: string, email: unknown) =>
    `email:${phoneRequestId.toLowerCase()}:${String(email).trim().toLowerCase()}`,
  oauth: (requestId: unknown) => `oauth:${String(requestId).toLowerCase()}`,
};

/** What a proof keeps: `exp` (ms) lets a returned proof keep its remaining lifetime. */
interface Proof {
  exp: number;
  /** phone: the number. */
  phone?: string;
  /** phone: whether the email step is required. */
  emailRequired?: boolean;
  /** oauth: the phone flow's request id (lower case). */
  flow?: string;
}

const noProof = (field: string) =>
  new ProxyRefusal(403, 'Register needs the verifications this proxy saw succeed', field).by('proof');

const FLOW_PATHS: ReadonlySet<string> = new Set([
  VLENS_PATHS.verifyEmail,
  VLENS_PATHS.verifyOAuthForRegister,
  VLENS_PATHS.verifyOAuth,
]);

/** How often the background writer retries proofs the store could not take, ms. */
const PENDING_RETRY_MS = 1000;

export function createProofs({ store, ttlSec, storeTimeoutMs }: ProofsOptions) {
  /** Proofs the store could not take in time, by key: written in the background (see above). */
  const pending = new Map<string, { value: string; exp: number }>();
  /** Keys a Register claimed out of `pending` while the writer was storing them (to be taken back out). */
  const claimedWhileWriting = new Set<string>();
  let writer: ReturnType<typeof setInterval> | undefined;
  let writing = false;
  /** The key the writer is storing now. */
  let writingKey: string | undefined;

  /** One round of the background writer (rounds never overlap); stops once nothing is pending. */
  async function writePending(): Promise<void> {
    if (writing) return;
    writing = true;
    try {
      for (const [key, entry] of pending) {
        const now = Date.now();
        if (entry.exp <= now) {
          pending.delete(key);
          continue;
        }
        writingKey = key;
        const written = await store.remember(key, entry.value, (entry.exp - now) / 1000, now + storeTimeoutMs);
        writingKey = undefined;
        if (!written) return;
        if (pending.get(key) === entry) pending.delete(key);
        if (claimedWhileWriting.delete(key)) await store.forget(key);
      }
    } finally {
      writing = false;
      writingKey = undefined;
      claimedWhileWriting.clear();
      if (pending.size === 0) {
        clearInterval(writer);
        writer = undefined;
      }
    }
  }

  /** Stores a proof until `exp` (ms); when the store cannot take it in time, it waits in `pending`. */
  async function keep(call: CallContext, key: string, value: string, exp: number): Promise<void> {
    if (await store.remember(key, value, (exp - Date.now()) / 1000, storeDeadline(call))) return;
    pending.set(key, { value, exp });
    writer ??= setInterval(() => void writePending(), PENDING_RETRY_MS).unref();
  }

  /** Takes a proof out of the store (or out of the pending ones); the claim is noted on the call. */
  async function claim(call: CallContext, key: string): Promise<Proof | undefined> {
    const outcome = await store.claim(key, storeDeadline(call));
    if (!outcome.ok) throw storeUnavailable();
    let value = outcome.value;
    const waiting = pending.get(key);
    if (value === null && waiting) {
      pending.delete(key);
      // Being written right now: the writer takes it back out of the store once written.
      if (key === writingKey) claimedWhileWriting.add(key);
      value = waiting.value;
    }
    if (value === null) return undefined;
    (call.claimed ??= []).push([key, value]);
    return JSON.parse(value) as Proof;
  }

  /**
   * Stage: the phone flow an email or OAuth verification belongs to, taken out of the body (Vlens never
   * sees it). A code check or OAuth verification without it comes from a widget older than this proxy.
   */
  function takeFlow(call: CallContext): void {
    if (!FLOW_PATHS.has(call.path)) return;
    const { body } = call;
    const phone = body.phoneNumber;
    const requestId = body.phoneNumberOtpRequestId;
    delete body.phoneNumber;
    delete body.phoneNumberOtpRequestId;
    if (typeof phone === 'string' && typeof requestId === 'string') {
      call.flow = { phone, requestId: requestId.toLowerCase() };
    } else if (call.path !== VLENS_PATHS.verifyEmail || body.emailOtp) {
      throw new ProxyRefusal(
        400,
        'This call needs the phone flow it belongs to (phoneNumber and phoneNumberOtpRequestId): update vlens-register',
        'phoneNumberOtpRequestId',
      );
    }
  }

  /**
   * Stage: Register (and StepCreate) only with proof, claimed: a phone request id this proxy saw validated
   * for this very number, and the email or OAuth verification made in that flow, when the upstream asked
   * for the email step or the Register names an email.
   */
  async function claimProofs(call: CallContext): Promise<void> {
    if (!callKind(call).isRegister) return;
    const { body } = call;
    const requestId = body.phoneNumberOtpRequestId as string | undefined;
    if (!requestId) throw noProof('phoneNumberOtpRequestId');
    try {
      const phone = await claim(call, proofKey.phone(requestId));
      if (!phone || phone.phone !== body.phoneNumber) throw noProof('phoneNumberOtpRequestId');
      if (body.oAuthTokenVerificationRequestId) {
        const oauth = await claim(call, proofKey.oauth(body.oAuthTokenVerificationRequestId));
        if (!oauth || oauth.flow !== requestId.toLowerCase()) throw noProof('oAuthTokenVerificationRequestId');
      } else if (phone.emailRequired || body.email) {
        if (!body.email || !(await claim(call, proofKey.email(requestId, body.email)))) throw noProof('email');
      }
    } catch (error) {
      await returnProofs(call);
      throw error;
    }
  }

  /** Puts the proofs a call claimed back, with the lifetime they had left. */
  async function returnProofs(call: CallContext): Promise<void> {
    const claimed = call.claimed ?? [];
    call.claimed = undefined;
    const now = Date.now();
    for (const [key, value] of claimed) {
      const { exp } = JSON.parse(value) as Proof;
      if (exp > now) await keep(call, key, value, exp);
    }
  }

  /** Stage, after the upstream answered: note the verification it proves, or settle the proofs a Register claimed. */
  async function noteProofs(call: CallContext): Promise<void> {
    const { path, body } = call;
    if (call.claimed) {
      if (call.failed && !saysVerificationGone(call.status, call.envelope)) await returnProofs(call);
      return;
    }
    if (call.failed) return;
    const data = call.envelope.data as Record<string, unknown>;
    const exp = Date.now() + ttlSec * 1000;
    if (path === VLENS_PATHS.verifyPhone && body.phoneNumberOtp) {
      const proof: Proof = {
        exp,
        phone: body.phoneNumber as string,
        emailRequired: data.isEmailConfirmationRequired === true,
      };
      await keep(call, proofKey.phone(body.phoneNumberOtpRequestId), JSON.stringify(proof), exp);
    } else if (path === VLENS_PATHS.verifyEmail && body.emailOtp && call.flow) {
      await keep(call, proofKey.email(call.flow.requestId, body.email), JSON.stringify({ exp }), exp);
    } else if ((path === VLENS_PATHS.verifyOAuthForRegister || path === VLENS_PATHS.verifyOAuth) && call.flow) {
      const id = data.oAuthTokenVerificationRequestId;
      if (typeof id === 'string' && id && data.isVerified !== false) {
        await keep(call, proofKey.oauth(id), JSON.stringify({ exp, flow: call.flow.requestId }), exp);
      }
    }
  }

  /** Stops the background writer. */
  function close(): void {
    clearInterval(writer);
    writer = undefined;
  }

  return { takeFlow, claimProofs, returnProofs, noteProofs, close };
}
