/**
 * custom-elements.json tells the truth: it is what the analyzer makes of the
 * current source, and it lists every attribute, event, CSS part, custom
 * property and slot the element really has (read from the component's
 * source, not only its JSDoc). The framework declaration files are the
 * ones generated from it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  elementOf,
  frameworkTypes,
  readManifest,
  FRAMEWORK_TYPES_DIR,
  type Manifest,
} from '../../scripts/framework-types.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const COMPONENT = join(ROOT, 'src/register/vlens-register.component.ts');

function sourcesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'));
}

const all = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]);
const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** What the element's own source says it has. */
function fromSource() {
  const component = readFileSync(COMPONENT, 'utf8');
  const classDoc = /\/\*\*((?:(?!\*\/)[\s\S])*?)\*\/\s*export class VlensRegister\b/.exec(component)?.[1] ?? '';
  const register = sourcesUnder('src/register').join('\n');
  const propertyAttributes = [
    ...component.matchAll(/@property\(([^)]*)\)\s*(?:override\s+)?(?:declare\s+)?(\w+)/g),
  ].flatMap(([, options = '', field = '']) => {
    if (/attribute:\s*false/.test(options)) return [];
    return [/attribute:\s*'([^']+)'/.exec(options)?.[1] ?? field.toLowerCase()];
  });
  // Native attributes the element watches itself: `static get observedAttributes() { return [...super..., 'lang'] }`.
  const observedBody = /observedAttributes\(\)[^{]*\{([^}]*)\}/.exec(component)?.[1] ?? '';
  propertyAttributes.push(...all(observedBody, /'([\w-]+)'/g));
  return {
    documented: {
      attributes: sorted(all(classDoc, /@attr\s+([\w-]+)/g)),
      events: sorted(all(classDoc, /@fires\s+(?:\{[^}]*\}\s+)?([\w-]+)/g)),
      parts: sorted(all(classDoc, /@csspart\s+([\w-]+)/g)),
      cssProperties: sorted(all(classDoc, /@cssprop\s+(--[\w-]+)/g)),
      slots: sorted(all(classDoc, /@slot\s+([\w-]+)/g)),
    },
    inCode: {
      attributes: sorted(propertyAttributes),
      events: sorted([
        // `fire(this, …)` in the element, `fire(element, …)` where its call is wired (register/call-wiring.ts).
        ...all(register, /\bfire\(\s*\w+,\s*'([\w-]+)'/g),
        ...all(register, /new CustomEvent\(\s*'([\w-]+)'/g),
      ]),
      parts: sorted(all(register, /\bpart="([^"$]+)"/g).flatMap((value) => value.trim().split(/\s+/))),
      /** Words of string literals, for parts whose names an expression builds. */
      literals: new Set(all(register, /['"`]([\w-]+(?:\s+[\w-]+)*)['"`]/g).flatMap((value) => value.split(/\s+/))),
      cssProperties: sorted(all(register, /var\(\s*(--vlens-[\w-]+)/g)),
      slots: sorted(all(register, /<slot\s+name="([\w-]+)"/g)),
    },
  };
}

function fromManifest(manifest: Manifest) {
  const element = elementOf(manifest) as ReturnType<typeof elementOf> & {
    cssParts?: { name: string }[];
    cssProperties?: { name: string }[];
    slots?: { name: string }[];
  };
  return {
    tagName: element.tagName,
    attributes: sorted((element.attributes ?? []).map((a) => a.name)),
    events: sorted((element.events ?? []).map((e) => e.name)),
    parts: sorted((element.cssParts ?? []).map((p) => p.name)),
    cssProperties: sorted((element.cssProperties ?? []).map((p) => p.name)),
    slots: sorted((element.slots ?? []).map((s) => s.name)),
  };
}

/** What users see: private members come and go without changing the manifest's meaning. */
function publicSurface(manifest: Manifest) {
  const element = elementOf(manifest) as ReturnType<typeof elementOf> & {
    members?: { name: string; privacy?: string }[];
  };
  const { members = [], ...rest } = element;
  return {
    ...rest,
    members: members.filter((member) => !member.privacy || member.privacy === 'public'),
    exports: manifest.modules.map((module) => [module.path, (module as { exports?: unknown }).exports]),
  };
}

test('custom-elements.json is what the analyzer makes of the current source (run `npm run analyze` when this fails)', () => {
  // The analyzer joins --outdir to the working directory; .tmp/ is git-ignored.
  const outdir = `.tmp/cem-${process.pid}`;
  const out = join(ROOT, outdir);
  try {
    execFileSync(
      join(ROOT, 'node_modules/.bin/cem'),
      ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', outdir, '--quiet'],
      {
        cwd: ROOT,
        stdio: 'pipe',
      },
    );
    const fresh = JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8')) as Manifest;
    assert.deepEqual(publicSurface(readManifest()), publicSurface(fresh));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('the manifest lists the element, its three events and what its JSDoc documents', () => {
  const listed = fromManifest(readManifest());
  const { documented } = fromSource();
  assert.equal(listed.tagName, 'vlens-register');
  assert.deepEqual(listed.events, ['vlens-error', 'vlens-registered', 'vlens-step-change']);
  assert.deepEqual(listed.events, documented.events);
  assert.deepEqual(listed.parts, documented.parts);
  assert.deepEqual(listed.cssProperties, documented.cssProperties);
  assert.deepEqual(listed.slots, documented.slots);
  for (const attribute of documented.attributes)
    assert.ok(listed.attributes.includes(attribute), `@attr ${attribute} is in the manifest`);
});

test('every attribute, event, part, custom property and slot in the code is in the manifest, and nothing more', () => {
  const listed = fromManifest(readManifest());
  const { inCode, documented } = fromSource();
  assert.ok(inCode.attributes.length > 5 && inCode.parts.length > 5, 'the source scan finds the element');
  // Attributes: every observed @property attribute, plus documented ones the element reflects itself (e.g. `step`).
  assert.deepEqual(listed.attributes, sorted([...inCode.attributes, ...documented.attributes]));
  assert.deepEqual(listed.events, inCode.events);
  const undocumentedParts = inCode.parts.filter((name) => !listed.parts.includes(name));
  assert.deepEqual(undocumentedParts, [], 'each part="..." in src/register has a @csspart tag');
  const goneParts = listed.parts.filter((name) => !inCode.parts.includes(name) && !inCode.literals.has(name));
  assert.deepEqual(goneParts, [], 'each @csspart names a part the code still renders');
  assert.deepEqual(listed.cssProperties, inCode.cssProperties, 'each var(--vlens-*) has a @cssprop tag and vice versa');
  assert.deepEqual(listed.slots, inCode.slots);
});

test('src/types/{react,vue,svelte}.d.ts are generated from the manifest (run `npm run analyze` when this fails)', () => {
  for (const [file, text] of Object.entries(frameworkTypes(readManifest()))) {
    assert.equal(readFileSync(join(FRAMEWORK_TYPES_DIR, file), 'utf8'), text, file);
  }
});
