import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parsePhone, PHONE_REJECTION_CODES, type PhoneOutcome } from '../../src/phone/phone.js';
import { toCodeDigits } from '../../src/phone/digits.js';
import { loadPhoneMetadata } from '../../src/phone/metadata-store.js';
import { listCountries } from '../../src/phone/country-search.js';

const E164 = /^\+[1-9]\d{7,14}$/;
const CODE_REJECTIONS = ['empty', 'invalid-characters', 'too-long'];

const DIGIT_SCRIPTS = [0x30, 0x660, 0x6f0, 0xff10];
const SEPARATORS = [
  ' ',
  '\u00A0',
  '\u2009',
  '\u202F',
  '\u3000',
  '\t',
  '-',
  '\u2010',
  '\u2013',
  '\u2014',
  '\u2212',
  '\uFF0D',
  '.',
  '/',
  '(',
  ')',
  '[',
  ']',
  '\uFF08',
  '\uFF09',
];
const INVISIBLES = [
  '\u200E',
  '\u200F',
  '\u061C',
  '\u200B',
  '\u200C',
  '\u200D',
  '\uFEFF',
  '\u2060',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u202A',
  '\u202B',
  '\u202C',
];
const NOISE = [
  ...SEPARATORS,
  ...INVISIBLES,
  'a',
  'Z',
  'م',
  '+',
  '＋',
  '#',
  '*',
  ',',
  'e',
  '\uD800',
  '\uDFFF',
  '😀',
  '\u0301',
];

/** Any UTF-16 string, lone surrogates included. */
const anyUtf16 = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 64 })
  .map((units) => String.fromCharCode(...units));

/** Strings made of what phone input is made of, so the parser's deeper paths get hit. */
const digitInScript = fc
  .tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom(...DIGIT_SCRIPTS))
  .map(([d, zero]) => String.fromCharCode(zero + d));
const phoneish = fc
  .array(fc.oneof({ weight: 6, arbitrary: digitInScript }, { weight: 3, arbitrary: fc.constantFrom(...NOISE) }), {
    maxLength: 40,
  })
  .map((parts) => parts.join(''));

/** Very long input, up to a bound: repeated phone-ish chunks. */
const huge = fc
  .tuple(phoneish, fc.integer({ min: 1_000, max: 20_000 }))
  .map(([chunk, times]) => (chunk || '1').repeat(times).slice(0, 200_000));

const anyInput = fc.oneof(anyUtf16, phoneish, fc.string({ unit: 'binary', maxLength: 40 }));

function assertPhoneOutcome(outcome: PhoneOutcome): void {
  if (outcome.ok) {
    assert.match(outcome.e164, E164);
    assert.ok(outcome.country === undefined || /^[A-Z]{2}$/.test(outcome.country));
  } else {
    assert.ok(PHONE_REJECTION_CODES.includes(outcome.code), `undocumented code ${outcome.code}`);
  }
}

/** A valid Egyptian mobile's national significant digits: 1[0-25] + 8 digits. */
const egyptianNational = fc
  .tuple(fc.constantFrom('10', '11', '12', '15'), fc.stringMatching(/^\d{8}$/))
  .map(([p, rest]) => p + rest);
/** A Cairo landline's: 2 + 8 digits. */
const cairoNational = fc.stringMatching(/^\d{8}$/).map((rest) => `2${rest}`);

/** A messy spelling of `national`: prefix +20/0020/0/+20 (0), digits in mixed scripts, separators and invisibles between. */
const messySpelling = (national: string) =>
  fc
    .tuple(
      fc.constantFrom('+20', '＋20', '0020', '0', '+20(0)', '+20 0'),
      fc.array(fc.constantFrom(...DIGIT_SCRIPTS), { minLength: 16, maxLength: 16 }),
      fc.array(fc.oneof(fc.constant(''), fc.constantFrom(...SEPARATORS, ...INVISIBLES)), {
        minLength: 17,
        maxLength: 17,
      }),
      fc.constantFrom('', ' ', '\uFEFF', '\u200F', '\n'),
    )
    .map(([prefix, scripts, gaps, edge]) => {
      const chars = [...(prefix + national)];
      const spelled = chars.map((ch, i) =>
        /\d/.test(ch) ? String.fromCharCode(scripts[i % scripts.length] + Number(ch)) : ch,
      );
      return edge + spelled.map((ch, i) => ch + gaps[i % gaps.length]).join('') + edge;
    });

/** FUZZ_RUNS as in the other fuzz files (300 unless set); strings are cheap here, so five times that. */
const RUNS = { numRuns: Number(process.env.FUZZ_RUNS ?? 300) * 5 };

test('parsePhone never throws on any string and answers E.164 or a documented code (Egypt only loaded)', () => {
  fc.assert(
    fc.property(anyInput, (input) => assertPhoneOutcome(parsePhone(input))),
    RUNS,
  );
  fc.assert(
    fc.property(huge, (input) => assertPhoneOutcome(parsePhone(input))),
    { numRuns: 20 },
  );
});

test('messy spellings of valid Egyptian mobiles all normalise to the same E.164', () => {
  const spelled = egyptianNational.chain((national) => fc.tuple(fc.constant(national), messySpelling(national)));
  fc.assert(
    fc.property(spelled, ([national, input]) => {
      assert.deepEqual(parsePhone(input), { ok: true, e164: `+20${national}`, country: 'EG' });
    }),
    RUNS,
  );
});

test('messy spellings of Cairo landlines are all refused as not-mobile', () => {
  const spelled = cairoNational.chain((national) => messySpelling(national));
  fc.assert(
    fc.property(spelled, (input) => assert.deepEqual(parsePhone(input), { ok: false, code: 'not-mobile' })),
    RUNS,
  );
});

test('a parsed E.164 parses back to itself', () => {
  fc.assert(
    fc.property(phoneish, (input) => {
      const first = parsePhone(input);
      if (first.ok) assert.deepEqual(parsePhone(first.e164), first);
    }),
    RUNS,
  );
});

test('with the world loaded: any country, any input → E.164 or a documented code, never metadata-not-loaded', async () => {
  await loadPhoneMetadata();
  const country = fc.oneof(
    fc.constantFrom(...listCountries('en').map((c) => c.code)),
    fc.constantFrom('XX', '', 'eg', '001'),
  );
  fc.assert(
    fc.property(anyInput, country, (input, picked) => {
      const outcome = parsePhone(input, picked);
      assertPhoneOutcome(outcome);
      assert.ok(outcome.ok || outcome.code !== 'metadata-not-loaded');
    }),
    RUNS,
  );
});

test('toCodeDigits never throws; answers 1..maxLength ASCII digits or a documented code', () => {
  const check = (input: string, maxLength: number) => {
    const outcome = toCodeDigits(input, maxLength);
    if (outcome.ok) assert.match(outcome.value, new RegExp(`^\\d{1,${maxLength}}$`));
    else assert.ok(CODE_REJECTIONS.includes(outcome.code), outcome.code);
  };
  const maxLength = fc.integer({ min: 1, max: 12 });
  fc.assert(fc.property(anyInput, maxLength, check), RUNS);
  // Pastes of up to 200,000 characters: a few suffice (each takes milliseconds), as for parsePhone.
  fc.assert(fc.property(huge, maxLength, check), { numRuns: 20 });
});

test('messy spellings of a code give its ASCII digits', () => {
  const code = fc.stringMatching(/^\d{4,8}$/);
  const spelled = code.chain((digits) =>
    fc
      .tuple(
        fc.array(fc.constantFrom(...DIGIT_SCRIPTS), { minLength: digits.length, maxLength: digits.length }),
        fc.array(
          fc.oneof(
            fc.constant(''),
            fc.constantFrom(...SEPARATORS.filter((s) => !'/()[]（）'.includes(s)), ...INVISIBLES),
          ),
          {
            minLength: digits.length + 1,
            maxLength: digits.length + 1,
          },
        ),
      )
      .map(
        ([scripts, gaps]) =>
          [
            digits,
            gaps[0] + [...digits].map((d, i) => String.fromCharCode(scripts[i] + Number(d)) + gaps[i + 1]).join(''),
          ] as const,
      ),
  );
  fc.assert(
    fc.property(spelled, ([digits, input]) => {
      assert.deepEqual(toCodeDigits(input), { ok: true, value: digits });
    }),
    RUNS,
  );
});
