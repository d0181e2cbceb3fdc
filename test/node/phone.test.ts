import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePhone, PHONE_REJECTION_CODES, type PhoneOutcome } from '../../src/phone/phone.js';
import { toCodeDigits } from '../../src/phone/digits.js';
import {
  ensureCountry,
  isCountryLoaded,
  isWorldPhoneMetadataLoaded,
  loadPhoneMetadata,
} from '../../src/phone/metadata-store.js';

const NBSP = '\u00A0',
  THIN = '\u2009',
  NARROW_NBSP = '\u202F',
  EN = '\u2013',
  EM = '\u2014',
  MINUS = '\u2212';
const LRM = '\u200E',
  RLM = '\u200F',
  ALM = '\u061C',
  ZWSP = '\u200B',
  ZWJ = '\u200D',
  ZWNJ = '\u200C',
  BOM = '\uFEFF';
const MOBILE = '+201001234567';

/** input → the E.164 it must become, or the outcome code; parsed with country EG and Egypt's metadata only. */
const EGYPT_CASES: Array<[string, input: string, expected: string]> = [
  ['national with leading 0', '01001234567', MOBILE],
  ['spaces', '0100 123 4567', MOBILE],
  ['+20', '+20 100 123 4567', MOBILE],
  ['0020 international prefix', '0020 100 123 4567', MOBILE],
  ['20 without + or 00', '20 100 123 4567', MOBILE],
  ['+20 (0) national prefix kept', '+20 (0)100 123 4567', MOBILE],
  ['Arabic-Indic digits', '٠١٠٠١٢٣٤٥٦٧', MOBILE],
  ['Arabic-Indic with +', '+٢٠١٠٠١٢٣٤٥٦٧', MOBILE],
  ['Eastern Arabic-Indic digits', '۰۱۰۰۱۲۳۴۵۶۷', MOBILE],
  ['mixed digit scripts', '٠1۰0١٢3۴٥6٧', MOBILE],
  ['full-width digits and ＋', '＋２０１００１２３４５６７', MOBILE],
  ['full-width brackets and dash', '（０１００）１２３－４５６７', MOBILE],
  ['NBSP, thin and narrow spaces', `0100${NBSP}123${THIN}45${NARROW_NBSP}67`, MOBILE],
  ['tabs and newlines around', '\t 0100 123 4567 \n', MOBILE],
  ['hyphen, en dash, em dash, minus', `0100-123${EN}45${EM}6${MINUS}7`, MOBILE],
  ['brackets', '(0100) 123 4567', MOBILE],
  ['square brackets and slashes', '[0100]/123/4567', MOBILE],
  ['dots', '0100.123.4567', MOBILE],
  ['LRM and RLM', `${LRM}0100${RLM}1234567${LRM}`, MOBILE],
  ['ALM (Arabic letter mark)', `${ALM}+20${ALM}1001234567`, MOBILE],
  ['zero-width space, joiner, non-joiner', `01${ZWSP}00${ZWJ}123${ZWNJ}4567`, MOBILE],
  ['BOM pasted from SMS', `${BOM}01001234567`, MOBILE],
  ['RTL paste: isolates and embedding', '\u2067+20 100 123 4567\u2069\u202B\u202C', MOBILE],
  ['other Egyptian mobile operators', '011 1234 5678', '+201112345678'],
  ['', '012 0123 4567', '+201201234567'],
  ['', '015 1234 5678', '+201512345678'],
  // Valid numbers that cannot receive a text: refused before any call (the proxy refuses them too).
  ['Cairo landline', '02 2345 6789', 'not-mobile'],
  ['Alexandria landline', '03 456 7890', 'not-mobile'],
  ['Mansoura landline typed under "Mobile number"', '050 123 4567', 'not-mobile'],
  ['toll-free', '0800 123 4567', 'not-mobile'],
  ['empty', '', 'empty'],
  ['only spaces and marks', ` ${NBSP}${LRM}${ZWSP}${BOM} `, 'empty'],
  ['only separators', ' - ( ) . ', 'empty'],
  ['lone +', '+', 'too-short'],
  ['too short', '0100 123', 'too-short'],
  ['too short international', '+20 100', 'too-short'],
  ['too long', '0100 123 4567 8', 'too-long'],
  ['too long international', '+20 100 123 4567 89', 'too-long'],
  ['far too long', '1'.repeat(40), 'too-long'],
  ['letters', '0100 ABC 4567', 'invalid-characters'],
  ['full-width letters', '０１００ＡＢＣ４５６７', 'invalid-characters'],
  ['Arabic letters', '٠١٠٠ مصر ٤٥٦٧', 'invalid-characters'],
  ['two +', '++201001234567', 'invalid-characters'],
  ['+ in the middle', '0100+1234567', 'invalid-characters'],
  ['extension', '0100 123 4567 ext 1', 'invalid-characters'],
  ['emoji', '0100📱1234567', 'invalid-characters'],
  ['valid length, no such mobile prefix (+20 130)', '+20 130 123 4567', 'invalid'],
  ['valid length, no such mobile prefix (014)', '014 1234 5678', 'invalid'],
  ['valid length, no such prefix (016)', '016 1234 5678', 'invalid'],
  ['a British number typed nationally in Egypt', '07911 123456', 'invalid'],
  ['another country before its metadata loads', '+44 7911 123456', 'metadata-not-loaded'],
  ['another country via 00 before its metadata loads', '0044 7911 123456', 'metadata-not-loaded'],
];

const summary = (outcome: PhoneOutcome) => (outcome.ok ? outcome.e164 : outcome.code);

test('Egyptian input, forgiving spellings and refusals (Egypt metadata only)', () => {
  assert.equal(isWorldPhoneMetadataLoaded(), false);
  for (const [name, input, expected] of EGYPT_CASES) {
    assert.equal(summary(parsePhone(input)), expected, `${name || input}: ${JSON.stringify(input)}`);
  }
  const ok = parsePhone('0100 123 4567');
  assert.deepEqual(ok, { ok: true, e164: MOBILE, country: 'EG' });
});

test('every outcome code returned above is a documented one', () => {
  for (const [, input] of EGYPT_CASES) {
    const outcome = parsePhone(input);
    if (!outcome.ok) assert.ok(PHONE_REJECTION_CODES.includes(outcome.code), outcome.code);
  }
});

test('another country: metadata-not-loaded until ensureCountry resolves, then parsed', async () => {
  assert.equal(isCountryLoaded('EG'), true);
  assert.equal(isCountryLoaded('GB'), false);
  assert.deepEqual(parsePhone('07911 123456', 'GB'), { ok: false, code: 'metadata-not-loaded' });
  assert.deepEqual(parsePhone('+44 7911 123456', 'EG'), { ok: false, code: 'metadata-not-loaded' });
  assert.deepEqual(parsePhone('0100 123 4567', 'XX'), { ok: false, code: 'metadata-not-loaded' });
  // Egypt in international form parses whatever country is picked.
  assert.deepEqual(parsePhone('+20 100 123 4567', 'GB'), { ok: true, e164: MOBILE, country: 'EG' });
  // Too short to be any number: no reason to load metadata for it.
  assert.deepEqual(parsePhone('+44 79', 'EG'), { ok: false, code: 'too-short' });

  await ensureCountry('EG'); // already loaded: resolves without loading the world
  assert.equal(isWorldPhoneMetadataLoaded(), false);

  await ensureCountry('GB');
  assert.equal(isWorldPhoneMetadataLoaded(), true);
  assert.equal(isCountryLoaded('GB'), true);
  assert.equal(summary(parsePhone('07911 123456', 'GB')), '+447911123456');
  assert.equal(summary(parsePhone('+44 7911 123456', 'EG')), '+447911123456');
  assert.equal(summary(parsePhone('0044 (0)7911 123456', 'EG')), '+447911123456');
  assert.equal(summary(parsePhone('(201) 555-0123', 'US')), '+12015550123');
  assert.equal(summary(parsePhone('٠٥٠ ١٢٣ ٤٥٦٧', 'SA')), '+966501234567');
  assert.equal(summary(parsePhone('050 123 4567', 'AE')), '+971501234567');
});

test('after the world is loaded nothing is "not loaded"; Egypt keeps its strict rules', async () => {
  await loadPhoneMetadata(); // idempotent
  assert.deepEqual(parsePhone('0100 123 4567', 'XX'), { ok: false, code: 'unknown-country' });
  assert.deepEqual(parsePhone('+999 123 456 789'), { ok: false, code: 'invalid' });
  assert.deepEqual(parsePhone('+20 130 123 4567'), { ok: false, code: 'invalid' });
  assert.deepEqual(parsePhone('+683 4002'), { ok: false, code: 'too-short' }); // valid in Niue, but under E.164's 8 digits the proxy takes
  for (const [name, input, expected] of EGYPT_CASES) {
    const now = summary(parsePhone(input));
    if (expected === 'metadata-not-loaded') assert.match(now, /^\+44/, name);
    else assert.equal(now, expected, `${name || input} after loading the world`);
  }
});

test('codes: toCodeDigits normalises digits scripts, separators and invisibles', () => {
  const cases: Array<[input: string, expected: string, maxLength?: number]> = [
    ['123456', '123456'],
    ['١٢٣٤٥٦', '123456'],
    ['۱۲۳۴۵۶', '123456'],
    ['１２３４５６', '123456'],
    [' 123 456 ', '123456'],
    [`123${NBSP}456`, '123456'],
    ['123-456', '123456'],
    [`${RLM}١٢٣${LRM}٤٥٦${BOM}`, '123456'],
    [`12${ZWSP}34${ZWJ}56`, '123456'],
    ['0000', '0000'],
    ['', 'empty'],
    [`${LRM} ${ZWSP}`, 'empty'],
    ['12a456', 'invalid-characters'],
    ['+123456', 'invalid-characters'],
    ['Your code is 123456', 'invalid-characters'],
    ['123456789', 'too-long'],
    ['1234567', 'too-long', 6],
    ['123456', '123456', 6],
  ];
  for (const [input, expected, maxLength] of cases) {
    const outcome = toCodeDigits(input, maxLength);
    assert.equal(outcome.ok ? outcome.value : outcome.code, expected, JSON.stringify(input));
  }
});
