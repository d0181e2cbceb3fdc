/**
 * The README's attribute table (section "Attributes, properties, events") lists exactly the
 * attributes custom-elements.json gives <vlens-register>: no undocumented attribute, none left over.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

interface Manifest {
  modules: { declarations?: { tagName?: string; attributes?: { name: string }[] }[] }[];
}

/** Attribute names in the first column of the table: kebab-case code spans, rows marked `(property)` left out. */
function readmeAttributes(readme: string): string[] {
  const section = readme.split(/^### Attributes, properties, events$/m)[1]?.split(/^#{2,3} /m)[0];
  if (!section) throw new Error('the README has no "Attributes, properties, events" section');
  const rows = section.split('\n').filter((line) => line.startsWith('| `'));
  return rows
    .map((row) => row.split('|')[1])
    .filter((cell) => !cell.includes('(property)'))
    .flatMap((cell) => [...cell.matchAll(/`([^`]+)`/g)].map(([, name]) => name))
    .filter((name) => /^[a-z][a-z0-9-]*$/.test(name))
    .sort();
}

test("the README's attribute table lists exactly the manifest's attributes", () => {
  const manifest = JSON.parse(read('custom-elements.json')) as Manifest;
  const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'vlens-register');
  const documented = (element?.attributes ?? []).map((attribute) => attribute.name).sort();
  assert.ok(documented.length > 10);
  assert.deepEqual(readmeAttributes(read('README.md')), documented);
});

test('a row removed from the table is noticed', () => {
  const readme = read('README.md').replace(/^\| `timeout` \|.*\n/m, '');
  assert.ok(!readmeAttributes(readme).includes('timeout'));
  assert.ok(readmeAttributes(read('README.md')).includes('timeout'));
});
