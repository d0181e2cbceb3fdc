import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createVlensStandIn, STAND_IN_ERRORS } from '../../src/mock/index.js';
import { runStandIn, type RunningStandIn } from '../helpers/stand-in.js';

const PHONE = '+201001234567';
const OTHER_PHONE = '+201112223334';
const EMAIL = 'Mona@Example.com';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A code that is surely not `code`. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('stand-in registration rules', () => {
  let t: RunningStandIn;
  let clock = Date.now();
  const sent: { to: string; code: string; channel: string }[] = [];

  before(async () => {
    t = await runStandIn({ now: () => clock, onCode: (s) => sent.push(s) });
  });
  after(() => t.close());
  beforeEach(() => {
    t.standIn.control.reset();
    clock = Date.now();
    sent.length = 0;
  });

  const sendPhone = async (phoneNumber = PHONE) => {
    const res = await t.post('Register/StepVerifyPhone', { phoneNumber });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.data.phoneNumberOtpRequestId as string;
  };
  const checkPhone = (phoneNumberOtpRequestId: string, phoneNumberOtp: string, phoneNumber = PHONE) =>
    t.post('Register/StepVerifyPhone', { phoneNumber, phoneNumberOtpRequestId, phoneNumberOtp });
  const verifyPhone = async (phoneNumber = PHONE) => {
    const id = await sendPhone(phoneNumber);
    const res = await checkPhone(id, t.standIn.control.lastCode(phoneNumber)!, phoneNumber);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res;
  };
  const assertRefused = (res: { status: number; body: any }, error: keyof typeof STAND_IN_ERRORS) => {
    assert.equal(res.body.error_code, STAND_IN_ERRORS[error].code, JSON.stringify(res.body));
    assert.equal(res.body.error_message, STAND_IN_ERRORS[error].message);
    assert.equal(res.body.data, null);
    assert.equal(res.status, STAND_IN_ERRORS[error].status);
  };

  it('walks the whole flow without the email step', async () => {
    assert.equal((await t.post('CheckExistenceOfEmailOrPhone', { phoneNumber: PHONE })).body.data.exists, false);

    const send = await t.post('Register/StepVerifyPhone', { phoneNumber: PHONE, smsProviders: 2 });
    assert.equal(send.status, 200);
    assert.equal(send.body.error_code, null);
    const { phoneNumberOtp, phoneNumberOtpRequestId, isEmailConfirmationRequired } = send.body.data;
    assert.match(phoneNumberOtp, /^\d{6}$/, 'the send response leaks the code like the real API');
    assert.match(phoneNumberOtpRequestId, UUID);
    assert.equal(isEmailConfirmationRequired, false);
    assert.equal(t.standIn.control.lastCode(PHONE), phoneNumberOtp);
    assert.deepEqual(sent, [{ to: PHONE, code: phoneNumberOtp, channel: 'sms' }]);

    const check = await checkPhone(phoneNumberOtpRequestId, phoneNumberOtp);
    assert.equal(check.status, 200);
    assert.equal(check.body.data.isPhoneNumberConfirmed, true);
    assert.equal(check.body.data.isEmailConfirmationRequired, false);

    const reg = await t.post('Register', { phoneNumber: PHONE, password: 'correct horse', geoLocation: '30.0,31.2' });
    assert.equal(reg.status, 200, JSON.stringify(reg.body));
    const data = reg.body.data;
    assert.ok(typeof data.accessToken === 'string' && data.accessToken.length >= 32);
    assert.ok(data.encryptedAccessToken);
    assert.equal(data.expireInSeconds, 86400);
    assert.equal(data.isDigitalIdentityVerified, false);
    assert.equal(data.user.phoneNumber, PHONE);
    assert.equal(typeof data.user.id, 'number');
    assert.equal(data.userName, PHONE);
    assert.ok('userFullName' in data);
    assert.equal(data.phoneNumberOtp, phoneNumberOtp, 'Register leaks the code field too, so stripping gets tested');

    assert.equal((await t.post('CheckExistenceOfEmailOrPhone', { phoneNumber: PHONE })).body.data.exists, true);
    assert.deepEqual(t.standIn.control.calls(), {
      CheckExistenceOfEmailOrPhone: 2,
      'Register/StepVerifyPhone': 2,
      Register: 1,
    });
  });

  it('walks the whole flow with the email step when email is required', async () => {
    t.standIn.control.configure({ emailRequired: true });
    const send = await t.post('Register/StepVerifyPhone', { phoneNumber: PHONE });
    assert.equal(send.body.data.isEmailConfirmationRequired, true);
    const check = await checkPhone(send.body.data.phoneNumberOtpRequestId, t.standIn.control.lastCode(PHONE)!);
    assert.equal(check.body.data.isPhoneNumberConfirmed, true);
    assert.equal(check.body.data.isEmailConfirmationRequired, true);

    assertRefused(await t.post('Register', { phoneNumber: PHONE }), 'emailNotVerified');
    assertRefused(await t.post('Register', { phoneNumber: PHONE, email: EMAIL }), 'emailNotVerified');

    const emailSend = await t.post('Register/StepVerifyEmail', { email: EMAIL });
    assert.equal(emailSend.status, 200);
    const { emailOtp, emailOtpRequestId } = emailSend.body.data;
    assert.match(emailOtp, /^\d{6}$/);
    assert.match(emailOtpRequestId, UUID);
    assert.equal(t.standIn.control.lastCode(EMAIL), emailOtp);
    assert.equal(t.standIn.control.lastCode(EMAIL.toLowerCase()), emailOtp);
    assert.deepEqual(sent.at(-1), { to: EMAIL, code: emailOtp, channel: 'email' });

    assertRefused(
      await t.post('Register/StepVerifyEmail', { email: EMAIL, emailOtpRequestId, emailOtp: wrong(emailOtp) }),
      'invalidCode',
    );
    const emailCheck = await t.post('Register/StepVerifyEmail', { email: EMAIL, emailOtpRequestId, emailOtp });
    assert.equal(emailCheck.status, 200);
    assert.equal(emailCheck.body.data.isEmailConfirmed, true);

    const reg = await t.post('Register', { phoneNumber: PHONE, email: EMAIL.toLowerCase() });
    assert.equal(reg.status, 200, JSON.stringify(reg.body));
    assert.equal(reg.body.data.user.emailAddress, EMAIL.toLowerCase());
    assert.equal(reg.body.data.isEmailConfirmed, true);
    assert.equal((await t.post('CheckExistenceOfEmailOrPhone', { email: EMAIL })).body.data.exists, true);
  });

  it('accepts a wrong code then the right one', async () => {
    const id = await sendPhone();
    const code = t.standIn.control.lastCode(PHONE)!;
    const bad = await checkPhone(id, wrong(code));
    assertRefused(bad, 'invalidCode');
    assert.equal(bad.body.error_descriptions.field, 'phoneNumberOtp');
    assert.equal(bad.body.error_descriptions.triesLeft, 4);
    const good = await checkPhone(id, code);
    assert.equal(good.status, 200);
    assert.equal(good.body.data.isPhoneNumberConfirmed, true);
    assertRefused(await checkPhone(id, code), 'unknownRequestId');
  });

  it('burns a code after maxTries wrong tries, until a resend', async () => {
    const id = await sendPhone();
    const code = t.standIn.control.lastCode(PHONE)!;
    for (let left = 4; left >= 0; left--) {
      const res = await checkPhone(id, wrong(code));
      assertRefused(res, 'invalidCode');
      assert.equal(res.body.error_descriptions.triesLeft, left);
    }
    assertRefused(await checkPhone(id, code), 'tooManyTries');
    assertRefused(await t.post('Register', { phoneNumber: PHONE }), 'phoneNotVerified');
    const fresh = await sendPhone();
    assert.equal((await checkPhone(fresh, t.standIn.control.lastCode(PHONE)!)).status, 200);
  });

  it('honours a configured maxTries', async () => {
    t.standIn.control.configure({ maxTries: 2 });
    const id = await sendPhone();
    const code = t.standIn.control.lastCode(PHONE)!;
    assertRefused(await checkPhone(id, wrong(code)), 'invalidCode');
    assertRefused(await checkPhone(id, wrong(code)), 'invalidCode');
    assertRefused(await checkPhone(id, code), 'tooManyTries');
  });

  it('expires codes after five minutes by default, or codeTtlMs', async () => {
    assert.equal(t.standIn.control.settings().codeTtlMs, 5 * 60_000);
    let id = await sendPhone();
    clock += 5 * 60_000 - 1;
    assert.equal((await checkPhone(id, t.standIn.control.lastCode(PHONE)!)).status, 200);

    id = await sendPhone(OTHER_PHONE);
    clock += 5 * 60_000;
    assertRefused(await checkPhone(id, t.standIn.control.lastCode(OTHER_PHONE)!, OTHER_PHONE), 'codeExpired');

    t.standIn.control.configure({ codeTtlMs: 1000 });
    id = await sendPhone(OTHER_PHONE);
    clock += 1000;
    assertRefused(await checkPhone(id, t.standIn.control.lastCode(OTHER_PHONE)!, OTHER_PHONE), 'codeExpired');
  });

  it('a resend issues a new request id and code and invalidates the old', async () => {
    const first = await sendPhone();
    const firstCode = t.standIn.control.lastCode(PHONE)!;
    const second = await sendPhone();
    const secondCode = t.standIn.control.lastCode(PHONE)!;
    assert.notEqual(first, second);
    assert.equal(sent.length, 2);
    assertRefused(await checkPhone(first, firstCode), 'unknownRequestId');
    assert.equal((await checkPhone(second, secondCode)).status, 200);
  });

  it('does not accept a request id for another number', async () => {
    const id = await sendPhone();
    await sendPhone(OTHER_PHONE);
    assertRefused(await checkPhone(id, t.standIn.control.lastCode(PHONE)!, OTHER_PHONE), 'unknownRequestId');
  });

  it('Register refuses an unverified phone, and accepts one verified by its own code fields', async () => {
    assertRefused(await t.post('Register', { phoneNumber: PHONE }), 'phoneNotVerified');
    const id = await sendPhone();
    assertRefused(await t.post('Register', { phoneNumber: PHONE }), 'phoneNotVerified');
    const code = t.standIn.control.lastCode(PHONE)!;
    assertRefused(
      await t.post('Register', { phoneNumber: PHONE, phoneNumberOtpRequestId: id, phoneNumberOtp: wrong(code) }),
      'invalidCode',
    );
    const reg = await t.post('Register/StepCreate', {
      phoneNumber: PHONE,
      phoneNumberOtpRequestId: id,
      phoneNumberOtp: code,
    });
    assert.equal(reg.status, 200, JSON.stringify(reg.body));
    assert.equal(reg.body.data.phoneNumberOtp, code);
  });

  it('Register refuses a second registration of the same phone or email', async () => {
    await verifyPhone();
    assert.equal((await t.post('Register', { phoneNumber: PHONE, email: EMAIL })).status, 200);
    await verifyPhone();
    const again = await t.post('Register', { phoneNumber: PHONE });
    assertRefused(again, 'alreadyRegistered');
    assert.equal(again.body.error_descriptions.field, 'phoneNumber');

    await verifyPhone(OTHER_PHONE);
    const sameEmail = await t.post('Register', { phoneNumber: OTHER_PHONE, email: EMAIL.toUpperCase() });
    assertRefused(sameEmail, 'alreadyRegistered');
    assert.equal(sameEmail.body.error_descriptions.field, 'email');

    t.standIn.control.addUser({ phoneNumber: '+201999888777' });
    await verifyPhone('+201999888777');
    assertRefused(await t.post('Register', { phoneNumber: '+201999888777' }), 'alreadyRegistered');
  });

  it('CheckExistenceOfEmailOrPhone answers from its own users', async () => {
    const exists = async (body: object) => (await t.post('CheckExistenceOfEmailOrPhone', body)).body.data.exists;
    assert.equal(await exists({ phoneNumber: PHONE }), false);
    assert.equal(await exists({ email: EMAIL }), false);
    t.standIn.control.addUser({ phoneNumber: PHONE, email: EMAIL });
    assert.equal(await exists({ phoneNumber: PHONE }), true);
    assert.equal(await exists({ email: EMAIL.toLowerCase() }), true);
    assert.equal(await exists({ phoneNumber: OTHER_PHONE, email: null }), false);
    assert.equal(await exists({ phoneNumber: OTHER_PHONE, email: EMAIL }), true);
    assertRefused(await t.post('CheckExistenceOfEmailOrPhone', {}), 'invalidInput');
  });

  it('validates bodies with the shared schemas and names the field', async () => {
    const badPhone = await t.post('Register/StepVerifyPhone', { phoneNumber: '0100 123 4567' });
    assertRefused(badPhone, 'invalidInput');
    assert.equal(badPhone.body.error_descriptions.field, 'phoneNumber');
    const halfValidate = await t.post('Register/StepVerifyPhone', { phoneNumber: PHONE, phoneNumberOtp: '123456' });
    assert.equal(halfValidate.body.error_descriptions.field, 'phoneNumberOtp');
    const badEmail = await t.post('Register/StepVerifyEmail', { email: 'not-an-email' });
    assert.equal(badEmail.body.error_descriptions.field, 'email');
    const badProvider = await t.post('VerifyOAuthToken', { provider: 'Facebook', IdToken: 'x' });
    assert.equal(badProvider.body.error_descriptions.field, 'provider');
    const notJson = await fetch(`${t.url}/api/DigitalIdentity/Register`, {
      method: 'POST',
      headers: { ApiKey: 'test-api-key', 'content-type': 'application/json' },
      body: '{"phoneNumber":',
    });
    assert.equal(notJson.status, 400);
    assert.equal(((await notJson.json()) as { error_code: number }).error_code, STAND_IN_ERRORS.invalidInput.code);
    assert.equal(sent.length, 0, 'no code is sent for invalid input');
  });

  it('answers errors with 200 or a 4xx per errorStatus', async () => {
    const refused = () => t.post('Register', { phoneNumber: PHONE });
    assert.equal((await refused()).status, 422);
    t.standIn.control.configure({ errorStatus: 200 });
    const res = await refused();
    assert.equal(res.status, 200);
    assert.equal(res.body.error_code, STAND_IN_ERRORS.phoneNotVerified.code);
    assert.equal(res.body.data, null);
    assert.equal((await t.post('Nope', {})).status, 200);
    t.standIn.control.reset();
    assert.equal(t.standIn.control.settings().errorStatus, '4xx');
    assert.equal((await refused()).status, 422);
  });

  it('requires the ApiKey header', async () => {
    const missing = await t.post('Register/StepVerifyPhone', { phoneNumber: PHONE }, {});
    assertRefused(missing, 'unauthorized');
    assertRefused(
      await t.post('Register/StepVerifyPhone', { phoneNumber: PHONE }, { ApiKey: 'wrong' }),
      'unauthorized',
    );
    assert.equal(sent.length, 0);
  });

  it('answers unknown paths and other methods with a 404 envelope', async () => {
    assertRefused(await t.post('Register/StepNope', {}), 'notFound');
    assertRefused(await t.post('../Account/Login', {}), 'notFound');
    const get = await fetch(`${t.url}/api/DigitalIdentity/Register`, { headers: { ApiKey: 'test-api-key' } });
    assert.equal(get.status, 404);
    assert.equal(((await get.json()) as { error_code: number }).error_code, STAND_IN_ERRORS.notFound.code);
    const root = await fetch(`${t.url}/`, { method: 'POST', headers: { ApiKey: 'test-api-key' } });
    assert.equal(root.status, 404);
  });
});

describe('stand-in without a configured key', () => {
  it('accepts any non-empty ApiKey and refuses an empty one', async () => {
    const standIn = createVlensStandIn();
    const call = (key?: string) =>
      standIn.handle(
        new Request('http://stand-in.test/api/DigitalIdentity/CheckExistenceOfEmailOrPhone', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(key === undefined ? {} : { ApiKey: key }) },
          body: JSON.stringify({ phoneNumber: PHONE }),
        }),
      );
    assert.equal((await call('anything')).status, 200);
    assert.equal((await call(' ')).status, 401);
    assert.equal((await call()).status, 401);
  });
});

describe('stand-in in production', () => {
  it('refuses to start when NODE_ENV is production', () => {
    const saved = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      assert.throws(() => createVlensStandIn(), /refuses to start with NODE_ENV=production/);
    } finally {
      if (saved === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = saved;
    }
    assert.doesNotThrow(() => createVlensStandIn());
  });
});
