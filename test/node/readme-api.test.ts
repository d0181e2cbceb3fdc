/**
 * The README's API tables list exactly what custom-elements.json gives <vlens-register>: the
 * attributes, the events, the slots, the CSS parts and the custom properties (each a table whose
 * first header cell names it: `| attribute |`, `| event |`, …). No undocumented name, none left over.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

type Named = { name: string }[];
interface Manifest {
  modules: {
    declarations?: {
      tagName?: string;
      attributes?: Named;
      events?: Named;
      slots?: Named;
      cssParts?: Named;
      cssProperties?: Named;
    }[];
  }[];
}

/** The element's names of one kind in the manifest, sorted. */
function manifestNames(kind: 'attributes' | 'events' | 'slots' | 'cssParts' | 'cssProperties'): string[] {
  const manifest = JSON.parse(read('custom-elements.json')) as Manifest;
  const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'vlens-register');
  return (element?.[kind] ?? []).map((entry) => entry.name).sort();
}

/** The rows of the README table whose header row starts with `| ${header} |`. */
function tableRows(readme: string, header: string): string[] {
  const lines = readme.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${header} |`));
  if (start < 0) throw new Error(`the README has no table headed "${header}"`);
  const rows: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line);
  }
  return rows;
}

/** The names in the first column of the table headed `header`, sorted. */
function readmeTable(readme: string, header: string): string[] {
  return tableRows(readme, header)
    .map((row) => /^\|\s*`([^`]+)`/.exec(row)?.[1] ?? `(not a code span: ${row})`)
    .sort();
}

/** Attribute names in the attribute table's first column: kebab-case code spans, rows marked `(property)` left out. */
function readmeAttributes(readme: string): string[] {
  return tableRows(readme, 'attribute')
    .map((row) => row.split('|')[1])
    .filter((cell) => !cell.includes('(property)'))
    .flatMap((cell) => [...cell.matchAll(/`([^`]+)`/g)].map(([, name]) => name))
    .filter((name) => /^[a-z][a-z0-9-]*$/.test(name))
    .sort();
}

const TABLES = [
  { header: 'event', kind: 'events', example: 'vlens-step-change' },
  { header: 'slot', kind: 'slots', example: 'field-hint' },
  { header: 'CSS part', kind: 'cssParts', example: 'verified-email' },
  { header: 'custom property', kind: 'cssProperties', example: '--vlens-spacing' },
] as const;

test("the README's attribute table lists exactly the manifest's attributes", () => {
  const documented = manifestNames('attributes');
  assert.ok(documented.length > 10);
  assert.deepEqual(readmeAttributes(read('README.md')), documented);
});

for (const { header, kind } of TABLES) {
  test(`the README's "${header}" table lists exactly the manifest's ${kind}`, () => {
    const documented = manifestNames(kind);
    assert.ok(documented.length >= 3, `the manifest has ${kind}`);
    assert.deepEqual(readmeTable(read('README.md'), header), documented);
  });
}

test('a row removed from a table is noticed', () => {
  const readme = read('README.md');
  const without = (name: string) => readme.replace(new RegExp(`^\\| \`${name}\` \\|.*\\n`, 'm'), '');
  assert.ok(readmeAttributes(readme).includes('timeout'));
  assert.ok(!readmeAttributes(without('timeout')).includes('timeout'));
  for (const { header, kind, example } of TABLES) {
    assert.ok(readmeTable(readme, header).includes(example), `${example} is in the ${header} table`);
    assert.notDeepEqual(readmeTable(without(example), header), manifestNames(kind), `${header} without ${example}`);
  }
});

test('a row the manifest does not have is noticed', () => {
  const readme = read('README.md').replace(/^(\| slot \|.*\n\| ---.*\n)/m, '$1| `footer` | not a slot |\n');
  assert.ok(readmeTable(readme, 'slot').includes('footer'));
  assert.notDeepEqual(readmeTable(readme, 'slot'), manifestNames('slots'));
});
