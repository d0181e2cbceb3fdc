/**
 * The guides' hand-written API tables list exactly what custom-elements.json gives <vlens-register>:
 * the attributes, the events and the slots (docs/configuration.md), the CSS parts and the custom
 * properties (docs/theming.md), each a table whose first header cell names it: `| attribute |`,
 * `| event |`, …. No undocumented name, none left over. (docs/api.md is generated: docs-api.test.ts.)
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

/** The rows of the guide's table whose header row starts with `| ${header} |`. */
function tableRows(guide: string, header: string): string[] {
  const lines = guide.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${header} |`));
  if (start < 0) throw new Error(`the guide has no table headed "${header}"`);
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

const CONFIGURATION = 'docs/configuration.md';
const TABLES = [
  { header: 'event', kind: 'events', example: 'vlens-step-change', guide: CONFIGURATION },
  { header: 'slot', kind: 'slots', example: 'field-hint', guide: CONFIGURATION },
  { header: 'CSS part', kind: 'cssParts', example: 'verified-email', guide: 'docs/theming.md' },
  { header: 'custom property', kind: 'cssProperties', example: '--vlens-spacing', guide: 'docs/theming.md' },
] as const;

test(`the attribute table of ${CONFIGURATION} lists exactly the manifest's attributes`, () => {
  const documented = manifestNames('attributes');
  assert.ok(documented.length > 10);
  assert.deepEqual(readmeAttributes(read(CONFIGURATION)), documented);
});

for (const { header, kind, guide } of TABLES) {
  test(`the "${header}" table of ${guide} lists exactly the manifest's ${kind}`, () => {
    const documented = manifestNames(kind);
    assert.ok(documented.length >= 3, `the manifest has ${kind}`);
    assert.deepEqual(readmeTable(read(guide), header), documented);
  });
}

test('a row removed from a table is noticed', () => {
  const without = (text: string, name: string) => text.replace(new RegExp(`^\\| \`${name}\` \\|.*\\n`, 'm'), '');
  const configuration = read(CONFIGURATION);
  assert.ok(readmeAttributes(configuration).includes('timeout'));
  assert.ok(!readmeAttributes(without(configuration, 'timeout')).includes('timeout'));
  for (const { header, kind, example, guide } of TABLES) {
    const text = read(guide);
    assert.ok(readmeTable(text, header).includes(example), `${example} is in the ${header} table`);
    assert.notDeepEqual(
      readmeTable(without(text, example), header),
      manifestNames(kind),
      `${header} without ${example}`,
    );
  }
});

test('a row the manifest does not have is noticed', () => {
  const text = read(CONFIGURATION).replace(/^(\| slot \|.*\n\| ---.*\n)/m, '$1| `footer` | not a slot |\n');
  assert.ok(readmeTable(text, 'slot').includes('footer'));
  assert.notDeepEqual(readmeTable(text, 'slot'), manifestNames('slots'));
});
