/**
 * The human-check stage: before a code is sent, the built-in CAPTCHA's
 * token (checked with its provider) and the tenant's `verifyHuman` hook,
 * each within its deadline. Fails closed: no answer in time is a 503.
 */
import { CAPTCHA_TOKEN_HEADER, VLENS_PATHS } from '../api/paths.js';
import { callKind } from './budgets.js';
import type { CallContext } from './call-context.js';
import { createCaptchaVerifier, type CaptchaOptions } from './captcha.js';
import { ProxyRefusal } from './refusal.js';

export interface HumanCheckOptions {
  captcha?: CaptchaOptions;
  verifyHuman?: (request: Request) => Promise<boolean>;
  /** Deadline for each of the two, ms. */
  timeoutMs: number;
  /** The proxy's allowed origins: their hosts are the CAPTCHA's default expected hostnames. */
  allowedOrigins: ReadonlySet<string>;
}

const unavailable = (field?: string) =>
  new ProxyRefusal(503, 'Human verification is unavailable; try again shortly', field);

/** The hosts of `origins` (lower case), skipping any that is not a URL. */
function hostsOf(origins: Iterable<string>): string[] {
  return [...origins].flatMap((origin) => (URL.canParse(origin) ? [new URL(origin).hostname.toLowerCase()] : []));
}

export function createHumanCheck({ captcha, verifyHuman, timeoutMs, allowedOrigins }: HumanCheckOptions) {
  const verifyCaptcha = captcha ? createCaptchaVerifier(captcha) : undefined;
  const configured = captcha?.expectedHostnames ?? hostsOf(allowedOrigins);
  const fixedHostnames = configured.length ? new Set(configured.map((h) => h.toLowerCase())) : undefined;
  /** Where a token of this call may have been solved: the configured hosts, else the host the request was sent to. */
  const expectedHostnames = (call: CallContext) =>
    fixedHostnames ?? new Set(URL.canParse(call.request.url) ? [new URL(call.request.url).hostname.toLowerCase()] : []);
  const guardsExistence = captcha !== undefined && captcha.existenceCheck !== false;

  /** The CAPTCHA token of the call, checked with the provider within the deadline. */
  async function checkCaptcha(call: CallContext): Promise<void> {
    if (!verifyCaptcha) return;
    const deadline = AbortSignal.timeout(timeoutMs);
    const token = call.request.headers.get(CAPTCHA_TOKEN_HEADER);
    const verdict = await verifyCaptcha(token, call.ip, deadline, expectedHostnames(call));
    if (verdict === 'unavailable') throw unavailable('captcha').by('captcha');
    if (verdict === 'refused') throw new ProxyRefusal(403, 'Human verification failed', 'captcha').by('captcha');
  }

  /** Whether a human sent this (the `verifyHuman` hook, within its deadline). */
  async function checkHook(call: CallContext): Promise<void> {
    if (!verifyHuman) return;
    const copy = call.request.toRequest(call.raw);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a ProxyRefusal, answered as a 503
      timer = setTimeout(() => reject(unavailable().by('human')), timeoutMs);
    });
    try {
      const human = await Promise.race([Promise.resolve().then(() => verifyHuman(copy)), deadline]).catch(() => {
        throw unavailable().by('human');
      });
      if (!human) throw new ProxyRefusal(403, 'Human verification failed').by('human');
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Stage: every code send passes the CAPTCHA, then the hook; with a CAPTCHA, CheckExistenceOfEmailOrPhone
   * (it tells who is registered) passes the CAPTCHA too, unless `captcha.existenceCheck` is false.
   */
  async function checkHuman(call: CallContext): Promise<void> {
    if (callKind(call).isSend) {
      await checkCaptcha(call);
      await checkHook(call);
    } else if (guardsExistence && call.path === VLENS_PATHS.checkExistence) {
      await checkCaptcha(call);
    }
  }

  return { checkHuman };
}
