import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { SignJWT, generateKeyPair } from 'jose';
import { DEV_ISSUER_URLS, STAND_IN_ERRORS } from '../../src/mock/index.js';
import { runStandIn, type RunningStandIn } from '../helpers/stand-in.js';

const PHONE = '+201001234567';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('stand-in OAuth', () => {
  let t: RunningStandIn;
  before(async () => {
    t = await runStandIn({ emailRequired: true });
  });
  after(() => t.close());
  beforeEach(() => t.standIn.control.reset());

  const verifyPhone = async () => {
    const send = await t.post('Register/StepVerifyPhone', { phoneNumber: PHONE });
    const { phoneNumberOtpRequestId, phoneNumberOtp } = send.body.data;
    assert.equal(
      (await t.post('Register/StepVerifyPhone', { phoneNumber: PHONE, phoneNumberOtpRequestId, phoneNumberOtp }))
        .status,
      200,
    );
  };
  const assertInvalidToken = (res: { status: number; body: any }, reason?: string) => {
    assert.equal(res.status, STAND_IN_ERRORS.invalidOAuthToken.status, JSON.stringify(res.body));
    assert.equal(res.body.error_code, STAND_IN_ERRORS.invalidOAuthToken.code);
    assert.equal(res.body.data, null);
    assert.equal(res.body.error_descriptions.field, 'IdToken');
    if (reason) assert.equal(res.body.error_descriptions.reason, reason);
  };

  it('has one dev issuer per provider with the documented defaults', () => {
    const { google, microsoft } = t.standIn.issuers;
    assert.equal(google.name, 'Google');
    assert.equal(google.issuer, 'https://google.dev.vlens-register.invalid');
    assert.equal(google.audience, 'vlens-register-dev-google');
    assert.equal(microsoft.name, 'Microsoft');
    assert.equal(microsoft.issuer, 'https://login.microsoftonline.dev.vlens-register.invalid/v2.0');
    assert.equal(microsoft.audience, 'vlens-register-dev-microsoft');
  });

  it('registers with a signed Google token in place of the email step', async () => {
    await verifyPhone();
    const IdToken = await t.standIn.issuers.google.signIdToken({ email: 'mona@gmail.com', name: 'Mona' });
    const verified = await t.post('Register/StepVerifyOAuthToken', { provider: 'Google', IdToken });
    assert.equal(verified.status, 200, JSON.stringify(verified.body));
    const { oAuthTokenVerificationRequestId, isVerified, validationResult, email } = verified.body.data;
    assert.match(oAuthTokenVerificationRequestId, UUID);
    assert.equal(isVerified, true);
    assert.equal(typeof validationResult, 'string');
    assert.equal(email, 'mona@gmail.com');

    const reg = await t.post('Register/StepCreate', { phoneNumber: PHONE, oAuthTokenVerificationRequestId });
    assert.equal(reg.status, 200, JSON.stringify(reg.body));
    assert.equal(reg.body.data.user.emailAddress, 'mona@gmail.com');
    assert.equal(reg.body.data.isEmailConfirmed, true);
    assert.equal((await t.post('CheckExistenceOfEmailOrPhone', { email: 'mona@gmail.com' })).body.data.exists, true);
  });

  it('verifies a Microsoft token on VerifyOAuthToken', async () => {
    const IdToken = await t.standIn.issuers.microsoft.signIdToken({ email: 'omar@outlook.com' });
    const res = await t.post('VerifyOAuthToken', { provider: 'Microsoft', IdToken });
    assert.equal(res.status, 200);
    assert.equal(res.body.data.email, 'omar@outlook.com');
  });

  it('refuses Register with an unknown OAuth request id or an email that differs from the token', async () => {
    await verifyPhone();
    const unknown = await t.post('Register', {
      phoneNumber: PHONE,
      oAuthTokenVerificationRequestId: crypto.randomUUID(),
    });
    assert.equal(unknown.body.error_code, STAND_IN_ERRORS.unknownRequestId.code);
    const IdToken = await t.standIn.issuers.google.signIdToken({ email: 'mona@gmail.com' });
    const id = (await t.post('Register/StepVerifyOAuthToken', { provider: 'Google', IdToken })).body.data
      .oAuthTokenVerificationRequestId;
    const other = await t.post('Register', {
      phoneNumber: PHONE,
      email: 'someone@else.com',
      oAuthTokenVerificationRequestId: id,
    });
    assert.equal(other.body.error_code, STAND_IN_ERRORS.emailNotVerified.code);
  });

  it('rejects an expired token', async () => {
    const IdToken = await t.standIn.issuers.google.signIdToken({ email: 'a@b.com', expiresInSeconds: -60 });
    assertInvalidToken(
      await t.post('Register/StepVerifyOAuthToken', { provider: 'Google', IdToken }),
      'ERR_JWT_EXPIRED',
    );
  });

  it('rejects a token signed by a key the issuer does not hold', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const IdToken = await new SignJWT({ email: 'a@b.com' })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(DEV_ISSUER_URLS.Google)
      .setAudience('vlens-register-dev-google')
      .setSubject('x')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    assertInvalidToken(
      await t.post('Register/StepVerifyOAuthToken', { provider: 'Google', IdToken }),
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    );
  });

  it('rejects a wrong issuer, a wrong audience and the other provider', async () => {
    const google = t.standIn.issuers.google;
    const wrongIss = await google.signIdToken({ email: 'a@b.com', issuer: 'https://accounts.google.com' });
    assertInvalidToken(
      await t.post('VerifyOAuthToken', { provider: 'Google', IdToken: wrongIss }),
      'ERR_JWT_CLAIM_VALIDATION_FAILED',
    );
    const wrongAud = await google.signIdToken({ email: 'a@b.com', audience: 'someone-elses-client' });
    assertInvalidToken(
      await t.post('VerifyOAuthToken', { provider: 'Google', IdToken: wrongAud }),
      'ERR_JWT_CLAIM_VALIDATION_FAILED',
    );
    const googleToken = await google.signIdToken({ email: 'a@b.com' });
    assertInvalidToken(await t.post('VerifyOAuthToken', { provider: 'Microsoft', IdToken: googleToken }));
  });

  it('rejects a malformed token and one without an email', async () => {
    assertInvalidToken(await t.post('VerifyOAuthToken', { provider: 'Google', IdToken: 'not.a.jwt' }));
    assertInvalidToken(await t.post('VerifyOAuthToken', { provider: 'Google', IdToken: 'garbage' }));
    const noEmail = await t.standIn.issuers.google.signIdToken({ email: '' });
    assertInvalidToken(await t.post('VerifyOAuthToken', { provider: 'Google', IdToken: noEmail }));
  });
});

describe('stand-in OAuth audiences', () => {
  it('accepts the audiences given as options and refuses the defaults', async () => {
    const t = await runStandIn({ oauthAudience: { google: 'tenant-google-client', microsoft: 'tenant-ms-client' } });
    try {
      assert.equal(t.standIn.issuers.google.audience, 'tenant-google-client');
      assert.equal(t.standIn.issuers.microsoft.audience, 'tenant-ms-client');
      const ok = await t.standIn.issuers.microsoft.signIdToken({ email: 'a@b.com' });
      assert.equal((await t.post('VerifyOAuthToken', { provider: 'Microsoft', IdToken: ok })).status, 200);
      const old = await t.standIn.issuers.microsoft.signIdToken({
        email: 'a@b.com',
        audience: 'vlens-register-dev-microsoft',
      });
      assert.equal(
        (await t.post('VerifyOAuthToken', { provider: 'Microsoft', IdToken: old })).body.error_code,
        STAND_IN_ERRORS.invalidOAuthToken.code,
      );
    } finally {
      await t.close();
    }
  });
});
