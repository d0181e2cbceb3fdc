import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parsePhoneNumberFromString, type MetadataJson } from 'libphonenumber-js/core';
import { defaultGeneratedFiles, installedMetadata, sliceMetadata } from '../../scripts/phone-metadata.js';
import { EG_METADATA } from '../../src/phone/metadata/eg.js';
import { countryCallingCodes } from '../../src/phone/countries.js';

test('committed generated phone metadata equals what the installed libphonenumber-js gives (rerun scripts/phone-metadata.ts)', () => {
  for (const file of defaultGeneratedFiles()) {
    assert.equal(
      readFileSync(file.path, 'utf8'),
      file.content,
      `${file.path} is stale: run npx tsx scripts/phone-metadata.ts`,
    );
  }
});

test('the Egypt slice is exactly Egypt from the max metadata', () => {
  const { max } = installedMetadata();
  assert.deepEqual(Object.keys(EG_METADATA.countries), ['EG']);
  assert.deepEqual(EG_METADATA.country_calling_codes, { '20': ['EG'] });
  assert.deepEqual(EG_METADATA.countries.EG, max.countries.EG);
  assert.equal(EG_METADATA.version, max.version);
});

test('a slice carries every country sharing a calling code, and unknown countries are refused', () => {
  const { max } = installedMetadata();
  const gb = sliceMetadata(max, ['GB']);
  assert.deepEqual(gb.country_calling_codes, { '44': ['GB', 'GG', 'IM', 'JE'] });
  assert.deepEqual(Object.keys(gb.countries).sort(), ['GB', 'GG', 'IM', 'JE']);
  assert.throws(() => sliceMetadata(max, ['XX']), /Unknown countries: XX/);
});

test('the calling-code table lists every country of the library with its code', () => {
  const { min } = installedMetadata();
  const expected = new Map<string, string>();
  for (const [code, members] of Object.entries(min.country_calling_codes))
    for (const m of members) expected.set(m, code);
  assert.deepEqual(new Map(countryCallingCodes()), expected);
  assert.equal(countryCallingCodes().size, Object.keys(min.countries).length);
});

test('Egyptian numbers parse the same with the slice as with the whole max metadata', () => {
  const { max } = installedMetadata();
  const inputs = [
    '01001234567',
    '01112345678',
    '01201234567',
    '01512345678',
    '0223456789',
    '034567890',
    '0800 123 4567',
    '0130 123 4567',
    '0160 123 4567',
    '010012345',
    '+201001234567',
    '+20 2 2345 6789',
    '0020 100 123 4567',
    '201001234567',
  ];
  const view = (metadata: MetadataJson, input: string) => {
    const parsed = parsePhoneNumberFromString(input, 'EG', metadata);
    return (
      parsed && { number: parsed.number, country: parsed.country, valid: parsed.isValid(), type: parsed.getType() }
    );
  };
  for (const input of inputs) assert.deepEqual(view(EG_METADATA, input), view(max, input), input);
});
