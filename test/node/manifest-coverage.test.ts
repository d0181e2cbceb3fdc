/** The manifest-against-DOM check (test/helpers/manifest-coverage.ts) reports what a manifest lacks. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { missingFromManifest, type ManifestLike } from '../helpers/manifest-coverage.js';

const manifest = JSON.parse(
  readFileSync(new URL('../../custom-elements.json', import.meta.url), 'utf8'),
) as ManifestLike;
const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'vlens-register')!;
const everything = {
  parts: element.cssParts!.map((entry) => entry.name),
  slots: element.slots!.map((entry) => entry.name),
};

test('the real manifest covers its own parts and slots', () => {
  assert.deepEqual(missingFromManifest(manifest, 'vlens-register', everything), { parts: [], slots: [] });
});

test('a part or slot removed from a copy of the manifest is reported missing', () => {
  const copy = structuredClone(manifest);
  const declaration = copy.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'vlens-register')!;
  declaration.cssParts = declaration.cssParts!.filter((entry) => entry.name !== 'submit');
  declaration.slots = declaration.slots!.filter((entry) => entry.name !== 'field-hint');
  assert.deepEqual(missingFromManifest(copy, 'vlens-register', everything), {
    parts: ['submit'],
    slots: ['field-hint'],
  });
});

test('an unknown tag is an error, not an empty report', () => {
  assert.throws(() => missingFromManifest(manifest, 'vlens-missing', everything), /declares no <vlens-missing>/);
});
