/** Which countries the widget offers: the proxy's list, narrowed by the host's, the host's alone as a fallback. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canValidateCountry, offeredCountries, parseCountryList } from '../../src/phone/offered-countries.js';
import { countryCallingCodes } from '../../src/phone/countries.js';

test('the proxy list decides; the host list only narrows it', () => {
  assert.deepEqual(offeredCountries({ server: ['EG'], host: null, defaultCountry: 'EG' }), ['EG']);
  assert.deepEqual(offeredCountries({ server: ['EG', 'SA'], host: null, defaultCountry: 'EG' }), ['EG', 'SA']);
  assert.deepEqual(offeredCountries({ server: ['EG', 'SA'], host: ['SA', 'FR'], defaultCountry: 'EG' }), ['SA']);
  assert.deepEqual(
    offeredCountries({ server: ['EG'], host: null, defaultCountry: 'SA' }),
    ['EG'],
    'the default country is not added',
  );
});

test('while the proxy list loads: the default country alone (or the host list’s first when the default is not in it)', () => {
  assert.deepEqual(offeredCountries({ server: undefined, host: null, defaultCountry: 'sa' }), ['SA']);
  assert.deepEqual(offeredCountries({ server: undefined, host: ['FR', 'SA'], defaultCountry: 'EG' }), ['FR']);
});

test('when the proxy list cannot be read: the host list, else every country', () => {
  assert.deepEqual(offeredCountries({ server: null, host: ['EG', 'SA'], defaultCountry: 'EG' }), ['EG', 'SA']);
  assert.equal(offeredCountries({ server: null, host: null, defaultCountry: 'EG' }).length, countryCallingCodes().size);
});

test('never empty, never a code the phone library does not know', () => {
  assert.deepEqual(offeredCountries({ server: ['XX'], host: null, defaultCountry: 'EG' }), ['EG']);
  assert.deepEqual(offeredCountries({ server: [], host: null, defaultCountry: 'ZZ' }), ['EG']);
  assert.equal(canValidateCountry('XX'), false);
  assert.equal(canValidateCountry('SA'), true, 'the package can load any country');
});

test('allowed-countries takes spaces or commas, any case', () => {
  assert.deepEqual(parseCountryList(' eg, sa  fr'), ['EG', 'SA', 'FR']);
  assert.equal(parseCountryList(''), null);
  assert.equal(parseCountryList(null), null);
});
