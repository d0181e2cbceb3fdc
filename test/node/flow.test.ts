/** The step machine, one test per path through the flow. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  canRegister,
  canSkipEmail,
  initialState,
  transition,
  type FlowConfig,
  type FlowEvent,
  type FlowState,
  type StepId,
} from '../../src/register/flow.js';

const PHONE = '+201001234567';
const REQ = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const REQ2 = '4fa85f64-5717-4562-b3fc-2c963f66afa7';

/** Applies events in order and returns every step visited (the path) and the last state. */
function walk(config: Partial<FlowConfig>, events: FlowEvent[]): { path: StepId[]; state: FlowState } {
  let state = initialState(config);
  const path: StepId[] = [state.step];
  for (const event of events) {
    state = transition(state, event);
    if (state.step !== path.at(-1)) path.push(state.step);
  }
  return { path, state };
}

const toPhoneVerified = (emailConfirmationRequired = false): FlowEvent[] => [
  { type: 'phone-code-sent', phone: PHONE, requestId: REQ },
  { type: 'phone-verified', code: '123456', emailConfirmationRequired },
];

describe('flow paths', () => {
  test('auto, server does not require email: phone → phone-code → finish → done', () => {
    const { path, state } = walk({ emailStep: 'auto' }, [...toPhoneVerified(false), { type: 'registered' }]);
    assert.deepEqual(path, ['phone', 'phone-code', 'finish', 'done']);
    assert.equal(state.phoneVerified, true);
    assert.equal(state.phoneCode, '123456');
    assert.equal(state.phoneRequestId, REQ);
  });

  test('auto, server requires email: phone → phone-code → email → email-code → finish → done', () => {
    const { path, state } = walk({ emailStep: 'auto' }, [
      ...toPhoneVerified(true),
      { type: 'email-code-sent', email: 'a@example.com', requestId: REQ2 },
      { type: 'email-verified' },
      { type: 'registered' },
    ]);
    assert.deepEqual(path, ['phone', 'phone-code', 'email', 'email-code', 'finish', 'done']);
    assert.equal(state.emailVerified, true);
    assert.equal(state.email, 'a@example.com');
    assert.equal(state.emailRequiredByServer, true);
  });

  test('required wins over a server that does not ask for email', () => {
    const { path } = walk({ emailStep: 'required' }, toPhoneVerified(false));
    assert.deepEqual(path, ['phone', 'phone-code', 'email']);
  });

  test('off wins over a server that asks for email', () => {
    const { path } = walk({ emailStep: 'off' }, [...toPhoneVerified(true), { type: 'registered' }]);
    assert.deepEqual(path, ['phone', 'phone-code', 'finish', 'done']);
  });

  test('optional: the email can be skipped', () => {
    const { path, state } = walk({ emailStep: 'optional' }, [
      ...toPhoneVerified(false),
      { type: 'email-skipped' },
      { type: 'registered' },
    ]);
    assert.deepEqual(path, ['phone', 'phone-code', 'email', 'finish', 'done']);
    assert.equal(state.email, null);
  });

  test('required: skipping the email is refused', () => {
    const { path, state } = walk({ emailStep: 'required' }, [...toPhoneVerified(false), { type: 'email-skipped' }]);
    assert.deepEqual(path, ['phone', 'phone-code', 'email']);
    assert.equal(canSkipEmail(state), false);
  });

  test('a registered number stays on the phone step and remembers which number', () => {
    const { path, state } = walk({}, [{ type: 'phone-exists', phone: PHONE }]);
    assert.deepEqual(path, ['phone']);
    assert.equal(state.phoneExists, PHONE);
    const next = transition(state, { type: 'phone-code-sent', phone: '+201001234568', requestId: REQ });
    assert.equal(next.phoneExists, null, 'another number clears the hint');
  });

  test('back from the phone code corrects the number; the old request id is forgotten', () => {
    const { path, state } = walk({}, [
      { type: 'phone-code-sent', phone: PHONE, requestId: REQ },
      { type: 'back' },
      { type: 'phone-code-sent', phone: '+201001234568', requestId: REQ2 },
    ]);
    assert.deepEqual(path, ['phone', 'phone-code', 'phone', 'phone-code']);
    assert.equal(state.phone, '+201001234568');
    assert.equal(state.phoneRequestId, REQ2);
  });

  test('resend on the phone-code step replaces the request id and stays', () => {
    const { path, state } = walk({}, [
      { type: 'phone-code-sent', phone: PHONE, requestId: REQ },
      { type: 'phone-code-sent', phone: PHONE, requestId: REQ2 },
    ]);
    assert.deepEqual(path, ['phone', 'phone-code']);
    assert.equal(state.phoneRequestId, REQ2);
  });

  test('a late send result for another number is ignored on the code step', () => {
    const { state } = walk({}, [
      { type: 'phone-code-sent', phone: PHONE, requestId: REQ },
      { type: 'phone-code-sent', phone: '+201009999999', requestId: REQ2 },
    ]);
    assert.equal(state.phone, PHONE);
    assert.equal(state.phoneRequestId, REQ);
  });

  test('back from the email code corrects the email; a new email must be verified again', () => {
    const { path, state } = walk({ emailStep: 'required' }, [
      ...toPhoneVerified(),
      { type: 'email-code-sent', email: 'a@example.com', requestId: REQ2 },
      { type: 'back' },
      { type: 'email-code-sent', email: 'b@example.com', requestId: REQ },
      { type: 'email-verified' },
      { type: 'registered' },
    ]);
    assert.deepEqual(path, ['phone', 'phone-code', 'email', 'email-code', 'email', 'email-code', 'finish', 'done']);
    assert.equal(state.email, 'b@example.com');
  });

  test('back from finish returns to the email screen when it was shown, and un-verifies it', () => {
    const { path, state } = walk({ emailStep: 'required' }, [
      ...toPhoneVerified(),
      { type: 'email-code-sent', email: 'a@example.com', requestId: REQ2 },
      { type: 'email-verified' },
      { type: 'back' },
    ]);
    assert.deepEqual(path, ['phone', 'phone-code', 'email', 'email-code', 'finish', 'email']);
    assert.equal(state.emailVerified, false);
    assert.equal(state.phoneVerified, true, 'the phone stays verified');
  });

  test('no way back from finish without an email step, nor from phone or done', () => {
    const finish = walk({ emailStep: 'off' }, toPhoneVerified()).state;
    assert.equal(transition(finish, { type: 'back' }), finish);
    const phone = initialState();
    assert.equal(transition(phone, { type: 'back' }), phone);
    const done = transition(finish, { type: 'registered' });
    assert.equal(done.step, 'done');
    assert.equal(transition(done, { type: 'back' }), done);
  });

  test('oauth replaces the email code: email → oauth → finish → done', () => {
    const { path, state } = walk({ emailStep: 'required' }, [
      ...toPhoneVerified(),
      { type: 'oauth-chosen' },
      { type: 'oauth-verified', requestId: REQ2, email: 'o@example.com' },
      { type: 'registered' },
    ]);
    assert.deepEqual(path, ['phone', 'phone-code', 'email', 'oauth', 'finish', 'done']);
    assert.equal(state.oauthRequestId, REQ2);
  });

  test('reset from anywhere returns to a clean phone step and keeps the config', () => {
    const { state } = walk({ emailStep: 'required', password: 'required' }, [
      ...toPhoneVerified(),
      { type: 'email-code-sent', email: 'a@example.com', requestId: REQ2 },
      { type: 'reset' },
    ]);
    assert.deepEqual(state, initialState({ emailStep: 'required', password: 'required' }));
  });
});

describe('guards', () => {
  test('events that do not apply to the step leave the state object untouched', () => {
    const phone = initialState();
    for (const event of [
      { type: 'phone-verified', code: '1' },
      { type: 'email-code-sent', email: 'a@example.com', requestId: REQ },
      { type: 'email-verified' },
      { type: 'email-skipped' },
      { type: 'oauth-chosen' },
      { type: 'oauth-verified', requestId: REQ },
      { type: 'registered' },
    ] satisfies FlowEvent[]) {
      assert.equal(transition(phone, event), phone, event.type);
    }
  });

  test('registration needs a verified phone and, when the email is required, a verified email or OAuth', () => {
    const atEmail = walk({ emailStep: 'required' }, toPhoneVerified()).state;
    assert.equal(canRegister(atEmail), false);
    // Forcing the step does not get around the guard.
    assert.equal(canRegister({ ...atEmail, step: 'finish' }), false);
    assert.equal(canRegister({ ...atEmail, step: 'finish', emailVerified: true }), true);
    assert.equal(canRegister({ ...atEmail, step: 'finish', phoneVerified: false, emailVerified: true }), false);
  });

  test('auto without an answer from the server does not show the email step', () => {
    const { path } = walk({ emailStep: 'auto' }, [
      { type: 'phone-code-sent', phone: PHONE, requestId: REQ },
      { type: 'phone-verified', code: '123456' },
    ]);
    assert.deepEqual(path, ['phone', 'phone-code', 'finish']);
  });
});
