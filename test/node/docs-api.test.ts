/**
 * docs/api.md is what scripts/api-docs.ts renders from custom-elements.json and the package's declared
 * types (run `npm run docs:api` after `npm run analyze`), and it names every attribute, event, slot,
 * part and custom property the manifest gives the element.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { API_DOC, PublicTypes, readManifest, renderApiDocs } from '../../scripts/api-docs.js';

const committed = readFileSync(new URL(`../../${API_DOC}`, import.meta.url), 'utf8');
const types = new PublicTypes();

test(`${API_DOC} is up to date with custom-elements.json (npm run docs:api)`, () => {
  assert.equal(committed, renderApiDocs(readManifest(), types));
});

test('it names everything the manifest gives the element, and the fields of each event detail', () => {
  const manifest = readManifest();
  const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName)!;
  for (const kind of ['attributes', 'events', 'slots', 'cssParts', 'cssProperties'] as const) {
    const names = (element[kind] ?? []).map((entry) => entry.name);
    assert.ok(names.length >= 3, kind);
    for (const name of names) assert.ok(committed.includes(`| \`${name}\` |`), `${kind}: ${name}`);
  }
  for (const field of ['accessToken', 'error_code', 'kind', 'from', 'to']) {
    assert.match(committed, new RegExp(`^\\| \`${field}\` \\| \``, 'm'), field);
  }
  assert.match(committed, /^\| `VlensErrorKind` \| `"api"`, `"network"`, `"timeout"`, `"protocol"`, `"config"` \|$/m);
});

test('a change in the manifest changes the reference', () => {
  const manifest = readManifest();
  const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName)!;
  element.cssParts = [...(element.cssParts ?? []), { name: 'footer', description: 'A part nobody documented.' }];
  const rendered = renderApiDocs(manifest, types);
  assert.notEqual(rendered, committed);
  assert.match(rendered, /^\| `footer` \| A part nobody documented\. \|$/m);
});
