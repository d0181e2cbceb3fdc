/**
 * The proofs stages: what this proxy saw verified (a phone request id for a
 * number, an email, an OAuth verification), noted after the upstream's
 * success and required before a Register is forwarded. Kept in the limiter
 * store (memory or Redis) for `ttlSec`.
 */
import { VLENS_PATHS } from '../api/paths.js';
import { callKind, codeCheckKey } from './budgets.js';
import type { CallContext } from './call-context.js';
import type { LimitStore } from './limits.js';
import { ProxyRefusal, storeUnavailable } from './refusal.js';

export interface ProofsOptions {
  store: LimitStore;
  /** How long a verification proves something, seconds. */
  ttlSec: number;
}

/** The store keys of each kind of proof. */
const proofKey = {
  phone: (requestId: unknown) => `phone:${String(requestId).toLowerCase()}`,
  email: (email: unknown) => `email:${String(email).trim().toLowerCase()}`,
  oauth: (requestId: unknown) => `oauth:${String(requestId).toLowerCase()}`,
};

const noProof = (field: string) =>
  new ProxyRefusal(403, 'Register needs the verifications this proxy saw succeed', field).by('proof');

export function createProofs({ store, ttlSec }: ProofsOptions) {
  async function recall(key: string): Promise<string | null> {
    const outcome = await store.recall(key);
    if (!outcome.ok) throw storeUnavailable();
    return outcome.value;
  }

  /**
   * Stage: Register (and StepCreate) only with proof: a phone request id
   * this proxy saw validated for this very number, and, when the email step
   * is required, the email or OAuth verification it saw succeed.
   */
  async function requireProofs(call: CallContext): Promise<void> {
    if (!callKind(call).isRegister) return;
    const { body } = call;
    if (!body.phoneNumberOtpRequestId) throw noProof('phoneNumberOtpRequestId');
    const seen = await recall(proofKey.phone(body.phoneNumberOtpRequestId));
    const phone = seen ? (JSON.parse(seen) as { phone: string; emailRequired: boolean }) : undefined;
    if (!phone || phone.phone !== body.phoneNumber) throw noProof('phoneNumberOtpRequestId');
    if (body.oAuthTokenVerificationRequestId) {
      if (!(await recall(proofKey.oauth(body.oAuthTokenVerificationRequestId))))
        throw noProof('oAuthTokenVerificationRequestId');
    } else if (phone.emailRequired) {
      if (!body.email || !(await recall(proofKey.email(body.email)))) throw noProof('email');
    }
  }

  /** Stage, after a successful answer: note the verification it proves, or spend the proofs a Register used. */
  async function noteProofs(call: CallContext): Promise<void> {
    if (call.failed) return;
    const { path, body } = call;
    const data = call.envelope.data as Record<string, unknown>;
    const remember = async (key: string, value: string) => {
      if (!(await store.remember(key, value, ttlSec))) throw storeUnavailable();
    };
    if (path === VLENS_PATHS.verifyPhone && body.phoneNumberOtp) {
      const value = JSON.stringify({
        phone: body.phoneNumber,
        emailRequired: data.isEmailConfirmationRequired === true,
      });
      await remember(proofKey.phone(body.phoneNumberOtpRequestId), value);
    } else if (path === VLENS_PATHS.verifyEmail && body.emailOtp) {
      await remember(proofKey.email(body.email), '1');
    } else if (path === VLENS_PATHS.verifyOAuthForRegister || path === VLENS_PATHS.verifyOAuth) {
      const id = data.oAuthTokenVerificationRequestId;
      if (typeof id === 'string' && id && data.isVerified !== false) await remember(proofKey.oauth(id), '1');
    } else if (callKind(call).isRegister) {
      await store.forget(proofKey.phone(body.phoneNumberOtpRequestId));
      // The request id is spent: its code-check count need not wait out its day.
      await store.release('codeChecks', codeCheckKey(String(body.phoneNumberOtpRequestId)));
      if (body.email) await store.forget(proofKey.email(body.email));
      if (body.oAuthTokenVerificationRequestId)
        await store.forget(proofKey.oauth(body.oAuthTokenVerificationRequestId));
    }
  }

  return { requireProofs, noteProofs };
}
