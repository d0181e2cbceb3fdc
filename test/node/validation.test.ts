/** The widget's input rules, in one pure module. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CODE_LENGTH,
  PASSWORD_MIN_LENGTH,
  checkCode,
  checkEmail,
  checkPassword,
  codeAsTyped,
  emailStepMode,
  passwordMode,
} from '../../src/register/validation.js';
import { en } from '../../src/i18n/en.js';
import { ar } from '../../src/i18n/ar.js';
import { format } from '../../src/i18n/index.js';

test('a code is six digits in any script, separators dropped', () => {
  assert.equal(CODE_LENGTH, 6);
  assert.deepEqual(checkCode('123 456'), { ok: true, value: '123456' });
  assert.deepEqual(checkCode('١٢٣٤٥٦'), { ok: true, value: '123456' });
  assert.deepEqual(checkCode(''), { ok: false, problem: 'codeEmpty' });
  assert.deepEqual(checkCode('12a456'), { ok: false, problem: 'codeInvalidCharacters' });
  assert.deepEqual(checkCode('12345'), { ok: false, problem: 'codeIncomplete' });
  assert.deepEqual(checkCode('1234567'), { ok: false, problem: 'codeIncomplete' });
  assert.deepEqual(checkCode('123456789'), { ok: false, problem: 'codeTooLong' });
});

test('the code field keeps digits as typed and takes the one six-digit run of a pasted message', () => {
  assert.deepEqual(codeAsTyped('12 3', false), { value: null, complete: false }, 'left as typed');
  assert.deepEqual(
    codeAsTyped('۱۲۳۴۵۶', false),
    { value: null, complete: true },
    'Eastern Arabic-Indic digits echo as typed',
  );
  assert.deepEqual(codeAsTyped('١٢٣ ٤٥٦', false), { value: null, complete: true }, 'Arabic-Indic digits echo as typed');
  assert.deepEqual(codeAsTyped('Your code is 123456', true), { value: '123456', complete: true });
  assert.deepEqual(codeAsTyped('رمزك هو ١٢٣٤٥٦', true), { value: '١٢٣٤٥٦', complete: true }, 'the run as written');
  assert.deepEqual(
    codeAsTyped('\u200f١٢٣ \u200b٤٥٦\u200e', true),
    { value: '١٢٣٤٥٦', complete: true },
    'a paste loses its marks and spaces, not its script',
  );
  assert.deepEqual(
    codeAsTyped('Your code is 123456', false),
    { value: null, complete: false },
    'typed letters stay for the check to refuse',
  );
  assert.deepEqual(
    codeAsTyped('codes 123456 and 654321', true),
    { value: null, complete: false },
    'two runs: nothing to choose',
  );
});

test('an email has one @ and a dot in its domain; pasted invisibles and full-width forms are cleaned', () => {
  assert.deepEqual(checkEmail('  a@b.co '), { ok: true, value: 'a@b.co' });
  assert.deepEqual(checkEmail('a\u200B@b.co'), { ok: true, value: 'a@b.co' });
  assert.deepEqual(checkEmail('ａ@b.co'), { ok: true, value: 'a@b.co' });
  for (const bad of ['', 'a@b', 'a b@c.d', '@b.co', 'a@b@c.co'])
    assert.deepEqual(checkEmail(bad), { ok: false, problem: 'invalidEmail' }, bad);
});

test(`a password is ${PASSWORD_MIN_LENGTH} characters or more when given; required and optional differ only when empty`, () => {
  const long = 'x'.repeat(PASSWORD_MIN_LENGTH);
  const short = 'x'.repeat(PASSWORD_MIN_LENGTH - 1);
  assert.deepEqual(checkPassword('anything', 'off'), { ok: true, value: null });
  assert.deepEqual(checkPassword('', 'optional'), { ok: true, value: null });
  assert.deepEqual(checkPassword('', 'required'), { ok: false, problem: 'passwordRequired' });
  for (const mode of ['optional', 'required'] as const) {
    assert.deepEqual(checkPassword(short, mode), { ok: false, problem: 'passwordTooShort' }, mode);
    assert.deepEqual(checkPassword(long, mode), { ok: true, value: long }, mode);
  }
});

test('the password messages take the length from the rule, in both languages', () => {
  for (const t of [en, ar]) {
    for (const text of [t.passwordHint, t.passwordTooShort]) {
      assert.ok(text.includes('{min}'), text);
      assert.ok(format(text, { min: PASSWORD_MIN_LENGTH }).includes(String(PASSWORD_MIN_LENGTH)));
    }
  }
});

test('unknown attribute values fall back to the defaults', () => {
  assert.equal(emailStepMode('required'), 'required');
  assert.equal(emailStepMode('REQUIRED'), 'auto');
  assert.equal(passwordMode('optional'), 'optional');
  assert.equal(passwordMode(''), 'off');
});
