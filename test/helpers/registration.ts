/** A registration through a proxy at `base` in front of the stand-in, step by step (node tests). */
import assert from 'node:assert/strict';
import { VLENS_PATHS } from '../../src/api/paths.js';
import { post } from './proxy-fixture.js';

/** Asks for an SMS code; resolves to its request id. */
export async function sendCode(base: string, phoneNumber: string): Promise<string> {
  const sent = await post(base, VLENS_PATHS.verifyPhone, { phoneNumber });
  assert.equal(sent.status, 200, sent.text);
  return sent.json.data.phoneNumberOtpRequestId as string;
}

/** Checks the code the stand-in sent (the proxy keeps the proof). */
export async function checkCode(base: string, phoneNumber: string, requestId: string, code: string) {
  return post(base, VLENS_PATHS.verifyPhone, {
    phoneNumber,
    phoneNumberOtpRequestId: requestId,
    phoneNumberOtp: code,
  });
}

/** Register with the proof of a checked code. */
export async function registerWith(base: string, phoneNumber: string, requestId: string, code: string) {
  return post(base, VLENS_PATHS.register, {
    phoneNumber,
    phoneNumberOtpRequestId: requestId,
    phoneNumberOtp: code,
    password: 'Correct-horse-9',
  });
}

/** Send, check and register one number (no email step); resolves to Register's answer. */
export async function registration(base: string, lastCode: (to: string) => string | undefined, phoneNumber: string) {
  const requestId = await sendCode(base, phoneNumber);
  const code = lastCode(phoneNumber)!;
  const checked = await checkCode(base, phoneNumber, requestId, code);
  assert.equal(checked.status, 200, checked.text);
  const registered = await registerWith(base, phoneNumber, requestId, code);
  assert.equal(registered.status, 200, registered.text);
  return registered;
}
