import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callingCodeOf } from '../../src/phone/countries.js';
import { foldForSearch, listCountries, searchCountries } from '../../src/phone/country-search.js';

const codes = (list: Array<{ code: string }>) => list.map((c) => c.code);

test('listCountries: every country with its calling code and a localised name, sorted by name', () => {
  const en = listCountries('en');
  const ar = listCountries('ar');
  assert.equal(en.length, 245);
  assert.equal(ar.length, 245);
  assert.deepEqual(
    en.find((c) => c.code === 'EG'),
    { code: 'EG', callingCode: '20', name: 'Egypt' },
  );
  assert.deepEqual(
    ar.find((c) => c.code === 'EG'),
    { code: 'EG', callingCode: '20', name: 'مصر' },
  );
  assert.equal(en.find((c) => c.code === 'GG')?.callingCode, '44');
  const collator = new Intl.Collator('en');
  for (let i = 1; i < en.length; i++) assert.ok(collator.compare(en[i - 1].name, en[i].name) <= 0, en[i].name);
  en[0].name = 'changed by a caller';
  assert.notEqual(listCountries('en')[0].name, 'changed by a caller');
});

test('callingCodeOf', () => {
  assert.equal(callingCodeOf('EG'), '20');
  assert.equal(callingCodeOf('SA'), '966');
  assert.equal(callingCodeOf('XX'), undefined);
});

test('searchCountries by name: case, diacritics and Arabic letter variants do not matter', () => {
  assert.equal(codes(searchCountries('egy', 'en'))[0], 'EG');
  assert.equal(codes(searchCountries('EGYPT', 'en'))[0], 'EG');
  assert.deepEqual(codes(searchCountries('cote', 'en')), ['CI']);
  assert.deepEqual(codes(searchCountries('côte', 'en')), ['CI']);
  assert.equal(codes(searchCountries('مصر', 'ar'))[0], 'EG');
  assert.equal(codes(searchCountries('الامارات', 'ar'))[0], 'AE'); // typed without hamza
  assert.equal(codes(searchCountries('الإمارات', 'ar'))[0], 'AE');
  assert.ok(codes(searchCountries('المملكه', 'ar')).includes('SA')); // ه for ة
  assert.equal(codes(searchCountries('سعودية', 'ar'))[0], 'SA');
  assert.equal(codes(searchCountries('saudi', 'ar'))[0], 'SA'); // English names match in Arabic too
  assert.deepEqual(searchCountries('zzzz', 'en'), []);
});

test('searchCountries by ISO code ranks the exact code first', () => {
  assert.equal(codes(searchCountries('eg', 'en'))[0], 'EG');
  assert.equal(codes(searchCountries('GB', 'ar'))[0], 'GB');
});

test('searchCountries by calling code: +20, Arabic-Indic digits, partial codes', () => {
  assert.deepEqual(codes(searchCountries('+20', 'en')), ['EG']);
  assert.deepEqual(codes(searchCountries('٢٠', 'ar')), ['EG']);
  assert.deepEqual(codes(searchCountries('۹۶۶', 'ar')), ['SA']);
  assert.deepEqual(codes(searchCountries('+44', 'en')).sort(), ['GB', 'GG', 'IM', 'JE']);
  const ones = searchCountries('1', 'en');
  assert.equal(ones.length, 25);
  assert.ok(ones.every((c) => c.callingCode === '1'));
  const partial = searchCountries('96', 'en'); // typing a code digit by digit: every code starting so
  assert.ok(partial.length > 5 && partial.every((c) => c.callingCode.startsWith('96')));
});

test('empty query lists all; foldForSearch', () => {
  assert.equal(searchCountries('  ', 'en').length, 245);
  assert.equal(foldForSearch('  Côte d’Ivoire '), 'cote d ivoire');
  assert.equal(foldForSearch('الإمـارات'), 'الامارات');
  assert.equal(foldForSearch('مَكَّة'), 'مكه');
});
