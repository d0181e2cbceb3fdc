/** The per-element dictionaries: complete in both languages, locale choice, placeholders, host error texts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { en } from '../../src/i18n/en.js';
import { ar } from '../../src/i18n/ar.js';
import { format, localeOf, directionOf, stringsFor, LEGACY_STRING_KEYS } from '../../src/i18n/index.js';
import { LATER_STRINGS } from '../../src/i18n/later.js';
import { hostErrorText, triesLeftText } from '../../src/i18n/messages.js';
import { VlensError } from '../../src/api/client.js';
import { errorSituation, errorText, triesLeftOf } from '../../src/register/error-text.js';

test('Arabic has every English key, none empty, and the same placeholders', () => {
  assert.deepEqual(Object.keys(ar).sort(), Object.keys(en).sort());
  for (const [key, text] of Object.entries(en)) {
    const arabic = ar[key as keyof typeof ar];
    assert.ok(text.trim() && arabic.trim(), key);
    assert.deepEqual(arabic.match(/\{\w+\}/g) ?? [], text.match(/\{\w+\}/g) ?? [], `placeholders of ${key}`);
  }
});

test('ar and its regional tags choose Arabic and right-to-left; anything else English', () => {
  assert.equal(localeOf('ar'), 'ar');
  assert.equal(localeOf('ar-EG'), 'ar');
  assert.equal(localeOf('AR'), 'ar');
  assert.equal(localeOf('arn'), 'en');
  assert.equal(localeOf('en-GB'), 'en');
  assert.equal(localeOf(''), 'en');
  assert.equal(directionOf('ar'), 'rtl');
  assert.equal(directionOf('en'), 'ltr');
});

test('host overrides replace only their own locale', () => {
  const overrides = { ar: { phoneHeading: 'سجّل' } };
  assert.equal(stringsFor('ar', overrides).phoneHeading, 'سجّل');
  assert.equal(stringsFor('ar', overrides).phoneLabel, ar.phoneLabel);
  assert.equal(stringsFor('en', overrides).phoneHeading, en.phoneHeading);
});

test('format fills known placeholders and leaves unknown ones', () => {
  assert.equal(format('in {seconds} s {x}', { seconds: 5 }), 'in 5 s {x}');
});

test('host error texts by code and language, empty entries fall through', () => {
  const table = [
    { errorCode: 2001, errorMessageEn: 'Wrong', errorMessageAr: 'خطأ' },
    { errorCode: 2002, errorMessageEn: '' },
  ];
  assert.equal(hostErrorText(table, 2001, 'en'), 'Wrong');
  assert.equal(hostErrorText(table, 2001, 'ar'), 'خطأ');
  assert.equal(hostErrorText(table, 2002, 'en'), undefined);
  assert.equal(hostErrorText(table, 9999, 'en'), undefined);
  assert.equal(hostErrorText(table, null, 'en'), undefined);
});

test('the pre-0.2 keys still override their camelCase keys for one release; the new key wins when both are given', () => {
  // The old keys name checks and errors only, so their map comes with the submit path, like the later strings.
  const strings = stringsFor(
    'en',
    { en: { 'phone_too-short': 'Short!', error_429: 'Slow down', errorTooManyRequests: 'New wins' } },
    LATER_STRINGS,
    LEGACY_STRING_KEYS,
  );
  assert.equal(strings.phoneTooShort, 'Short!');
  assert.equal(strings.errorTooManyRequests, 'New wins');
  assert.equal('phone_too-short' in strings, false);
  for (const [legacy, key] of Object.entries(LEGACY_STRING_KEYS)) assert.ok(key in en, `${legacy} → ${key}`);
});

test('every dictionary key is camelCase', () => {
  for (const key of Object.keys(en)) assert.match(key, /^[a-z][a-zA-Z0-9]*$/, key);
});

test('tries left use the locale plural forms', () => {
  assert.equal(triesLeftText(en, 'en', 1), 'You have 1 try left.');
  assert.equal(triesLeftText(en, 'en', 4), 'You have 4 tries left.');
  assert.equal(triesLeftText(ar, 'ar', 1), 'لديك محاولة واحدة متبقية.');
  assert.equal(triesLeftText(ar, 'ar', 2), 'لديك محاولتان متبقيتان.');
  assert.equal(triesLeftText(ar, 'ar', 4), 'لديك 4 محاولات متبقية.');
  assert.equal(triesLeftText(ar, 'ar', 11), 'لديك 11 محاولة متبقية.');
});

const apiError = (status: number, envelope: Record<string, unknown>) =>
  new VlensError('api', 'x', {
    status,
    envelope: { data: null, error_code: 1, error_message: 'Invalid OTP', error_descriptions: null, ...envelope },
  });

test('a failure maps to a situation by what the call was for, never to the server message', () => {
  const wrong = apiError(400, { error_descriptions: { triesLeft: 3 } });
  assert.equal(errorSituation(wrong, 'verify-phone'), 'codeWrong');
  assert.equal(errorText(wrong, en, 'en', [], null, 'verify-phone'), 'That code is not right. You have 3 tries left.');
  assert.equal(errorText(wrong, ar, 'ar', [], null, 'verify-email'), 'الرمز غير صحيح. لديك 3 محاولات متبقية.');
  const proxyCounted = apiError(200, { error_descriptions: null, code_checks_left: 2 });
  assert.equal(
    errorText(proxyCounted, en, 'en', [], null, 'verify-phone'),
    'That code is not right. You have 2 tries left.',
  );
  assert.equal(
    triesLeftOf(apiError(400, { error_descriptions: { triesLeft: 4 }, code_checks_left: 1 })),
    1,
    'the smaller count wins',
  );
  assert.equal(errorText(apiError(400, {}), en, 'en', [], null, 'verify-phone'), en.codeWrong);
  assert.equal(errorSituation(apiError(410, {}), 'verify-phone'), 'codeExpired');
  assert.equal(errorSituation(apiError(200, { error_descriptions: { expired: true } }), 'verify-email'), 'codeExpired');
  assert.equal(
    errorSituation(apiError(404, {}), 'verify-phone'),
    'codeExpired',
    'a request id replaced by a newer one',
  );
  assert.equal(errorSituation(apiError(429, {}), 'verify-phone'), 'codeTooManyTries');
  assert.equal(
    errorSituation(apiError(200, { error_descriptions: { triesLeft: 0 } }), 'verify-phone'),
    'codeTooManyTries',
  );
  const proxyRefusal = (code: number, field?: string) =>
    apiError(code, { error_code: code, error_descriptions: { source: 'proxy', ...(field ? { field } : {}) } });
  assert.equal(errorSituation(proxyRefusal(429, 'phoneNumberOtp'), 'verify-phone'), 'codeTooManyTries');
  assert.equal(errorSituation(proxyRefusal(429, 'phoneNumber'), 'send-phone'), 'proxy');
  assert.equal(errorText(proxyRefusal(429, 'phoneNumber'), en, 'en', [], null, 'send-phone'), en.errorTooManyRequests);
  assert.equal(errorSituation(proxyRefusal(400, 'phoneNumber'), 'send-phone'), 'phoneCountry');
  assert.equal(errorSituation(proxyRefusal(400, 'email'), 'send-email'), 'emailRefused');
  assert.equal(errorSituation(apiError(400, {}), 'send-phone'), 'phoneRefused');
  assert.equal(errorSituation(apiError(422, {}), 'resend-email'), 'emailRefused');
  assert.equal(errorSituation(apiError(409, {}), 'register'), 'alreadyRegistered');
  assert.equal(errorSituation(apiError(422, {}), 'register'), 'registrationRefused');
  assert.equal(errorSituation(apiError(500, {}), 'register'), 'server');
  assert.equal(errorText(apiError(400, {}), en, 'en', [], null, null), en.errorApi);
  assert.equal(errorText(new VlensError('network', 'x'), ar, 'ar', [], null, 'register'), ar.errorNetwork);
});

test("the host's errorTexts win by code", () => {
  const table = [{ errorCode: 1, errorMessageEn: 'Host words', errorMessageAr: 'كلمات المضيف' }];
  assert.equal(errorText(apiError(400, {}), ar, 'ar', table, null, 'verify-phone'), 'كلمات المضيف');
});
