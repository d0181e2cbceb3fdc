/**
 * Every request the proxy sends upstream, captured on a walk through the
 * stand-in, validates against the vendor's OpenAPI file
 * (../shared/vlens-api/vlens-openapi.yaml) with openapi-backend. A clone
 * without shared/ beside it uses the copy in test/fixtures/, which a test
 * keeps identical to the shared file whenever that is present.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OpenAPIBackend } from 'openapi-backend';
import addFormats from 'ajv-formats';
import { VLENS_PATHS } from '../../src/api/paths.js';
import { EMAIL, PHONE, post, startStack } from '../helpers/proxy-fixture.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHARED_OPENAPI_FILE = resolve(REPO_ROOT, '../shared/vlens-api/vlens-openapi.yaml');
const FIXTURE_OPENAPI_FILE = resolve(REPO_ROOT, 'test/fixtures/vlens-openapi.yaml');
const OPENAPI_FILE = existsSync(SHARED_OPENAPI_FILE) ? SHARED_OPENAPI_FILE : FIXTURE_OPENAPI_FILE;

interface Captured {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * The OpenAPI file is 3.1 (type arrays). openapi-backend's definition check
 * knows only the 3.0 meta-schema, so `quick` skips it; its Ajv validates
 * 3.1 type arrays fine, and ajv-formats adds `uuid` and `email`.
 */
async function loadApi() {
  const api = new OpenAPIBackend({
    definition: OPENAPI_FILE,
    quick: true,
    strict: true,
    validate: true,
    customizeAjv: (ajv) => {
      addFormats.default(ajv, ['uuid', 'email']);
      return ajv;
    },
  });
  await api.init();
  return api;
}

function assertValid(api: OpenAPIBackend, request: Captured) {
  const result = api.validateRequest({
    method: request.method.toLowerCase(),
    path: request.path,
    headers: request.headers,
    body: request.body,
  });
  assert.ok(result.valid, `${request.path} ${JSON.stringify(request.body)}: ${JSON.stringify(result.errors)}`);
}

test('the OpenAPI copy in test/fixtures is the shared file', (t) => {
  if (!existsSync(SHARED_OPENAPI_FILE))
    return t.skip('no ../shared beside this clone: the committed copy is used as is');
  assert.equal(
    readFileSync(FIXTURE_OPENAPI_FILE, 'utf8'),
    readFileSync(SHARED_OPENAPI_FILE, 'utf8'),
    'copy ../shared/vlens-api/vlens-openapi.yaml to test/fixtures/',
  );
});

describe('contract with the Vlens OpenAPI file', () => {
  let api: OpenAPIBackend;
  const captured: Captured[] = [];
  let stack: Awaited<ReturnType<typeof startStack>>;

  before(async () => {
    assert.ok(existsSync(OPENAPI_FILE), `OpenAPI file at ${OPENAPI_FILE}`);
    api = await loadApi();
    stack = await startStack({
      fetch: async (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        const headers: Record<string, string> = {};
        new Headers(init?.headers).forEach((value, name) => (headers[name] = value));
        captured.push({
          method: init?.method ?? 'GET',
          path: url.pathname,
          headers,
          body: JSON.parse(init?.body as string),
        });
        return fetch(input, init);
      },
    });
  });
  after(() => stack.close());

  test('the validator is live: it refuses requests the file forbids', () => {
    const good: Captured = {
      method: 'POST',
      path: `/api/DigitalIdentity/${VLENS_PATHS.verifyPhone}`,
      headers: { apikey: 'k', 'content-type': 'application/json' },
      body: { phoneNumber: PHONE },
    };
    assertValid(api, good);
    const refused = [
      { ...good, headers: { 'content-type': 'application/json' } },
      { ...good, body: { phoneNumber: 201001234567 } },
      { ...good, body: { phoneNumber: PHONE, smsProviders: 'Vodafone' } },
      { ...good, body: { phoneNumber: PHONE, phoneNumberOtpRequestId: 'not-a-uuid', phoneNumberOtp: '123456' } },
      { ...good, path: `/api/DigitalIdentity/${VLENS_PATHS.verifyEmail}`, body: { email: 'not-an-email' } },
    ];
    for (const request of refused) {
      const result = api.validateRequest({
        method: 'post',
        path: request.path,
        headers: request.headers,
        body: request.body,
      });
      assert.equal(result.valid, false, JSON.stringify(request));
    }
  });

  test('a whole registration walk sends only requests the file allows', async () => {
    const { control, issuers } = stack.standIn;
    const ok = async (path: string, body: unknown) => {
      const res = await post(stack.url, path, body);
      assert.equal(res.status, 200, `${path}: ${res.text}`);
      return res.json.data;
    };

    assert.equal((await ok(VLENS_PATHS.checkExistence, { phoneNumber: PHONE, email: EMAIL })).exists, false);
    const phoneSend = await ok(VLENS_PATHS.verifyPhone, { phoneNumber: PHONE, smsProviders: 2 });
    const phoneCode = control.lastCode(PHONE);
    await ok(VLENS_PATHS.verifyPhone, {
      phoneNumber: PHONE,
      phoneNumberOtpRequestId: phoneSend.phoneNumberOtpRequestId,
      phoneNumberOtp: phoneCode,
    });
    const emailSend = await ok(VLENS_PATHS.verifyEmail, { email: EMAIL });
    await ok(VLENS_PATHS.verifyEmail, {
      email: EMAIL,
      emailOtpRequestId: emailSend.emailOtpRequestId,
      emailOtp: control.lastCode(EMAIL),
      phoneNumber: PHONE,
      phoneNumberOtpRequestId: phoneSend.phoneNumberOtpRequestId,
    });
    const google = await ok(VLENS_PATHS.verifyOAuthForRegister, {
      provider: 'Google',
      IdToken: await issuers.google.signIdToken({ email: EMAIL }),
      phoneNumber: PHONE,
      phoneNumberOtpRequestId: phoneSend.phoneNumberOtpRequestId,
    });
    assert.ok(google.oAuthTokenVerificationRequestId);
    const registered = await ok(VLENS_PATHS.register, {
      phoneNumber: PHONE,
      phoneNumberOtpRequestId: phoneSend.phoneNumberOtpRequestId,
      phoneNumberOtp: phoneCode,
      email: EMAIL,
      password: 'Correct-horse-9',
      geoLocation: '30.0444,31.2357',
      imei: '356938035643809',
      oAuthTokenVerificationRequestId: google.oAuthTokenVerificationRequestId,
    });
    assert.ok(registered.accessToken);

    const second = '+201112345678';
    const microsoftEmail = 'omar@example.com';
    const send2 = await ok(VLENS_PATHS.verifyPhone, { phoneNumber: second });
    const code2 = control.lastCode(second);
    // The proxy forwards Register only for a phone validation it saw succeed.
    await ok(VLENS_PATHS.verifyPhone, {
      phoneNumber: second,
      phoneNumberOtpRequestId: send2.phoneNumberOtpRequestId,
      phoneNumberOtp: code2,
    });
    const microsoft = await ok(VLENS_PATHS.verifyOAuth, {
      provider: 'Microsoft',
      IdToken: await issuers.microsoft.signIdToken({ email: microsoftEmail }),
      phoneNumber: second,
      phoneNumberOtpRequestId: send2.phoneNumberOtpRequestId,
    });
    await ok(VLENS_PATHS.registerStepCreate, {
      phoneNumber: second,
      phoneNumberOtpRequestId: send2.phoneNumberOtpRequestId,
      phoneNumberOtp: code2,
      oAuthTokenVerificationRequestId: microsoft.oAuthTokenVerificationRequestId,
    });

    const paths = new Set(captured.map((c) => c.path.replace('/api/DigitalIdentity/', '')));
    assert.deepEqual([...paths].sort(), Object.values(VLENS_PATHS).sort(), 'every endpoint was exercised');
    assert.equal(captured.length, 11);
    for (const request of captured) assertValid(api, request);
  });
});
