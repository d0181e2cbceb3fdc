/** The per-element dictionaries: complete in both languages, locale choice, placeholders, host error texts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { en } from '../../src/i18n/en.js';
import { ar } from '../../src/i18n/ar.js';
import { format, hostErrorText, localeOf, directionOf, stringsFor } from '../../src/i18n/index.js';

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
  const table = [{ errorCode: 2001, errorMessageEn: 'Wrong', errorMessageAr: 'خطأ' }, { errorCode: 2002, errorMessageEn: '' }];
  assert.equal(hostErrorText(table, 2001, 'en'), 'Wrong');
  assert.equal(hostErrorText(table, 2001, 'ar'), 'خطأ');
  assert.equal(hostErrorText(table, 2002, 'en'), undefined);
  assert.equal(hostErrorText(table, 9999, 'en'), undefined);
  assert.equal(hostErrorText(table, null, 'en'), undefined);
});
