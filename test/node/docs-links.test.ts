/**
 * The README, CONTRIBUTING.md and the guides in docs/ cannot drift from the repository: every relative
 * link (and image) resolves to a file or folder, a `#fragment` names a heading of its target, and every
 * code block whose info string names a file (```tsx file=demo/frameworks/react/Registration.tsx) is that
 * file byte for byte. The README stays under 300 lines and starts with its two commands.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { anchors, parseMarkdown, relativeLinks } from '../helpers/markdown.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The Markdown files a reader of the package or the repository starts from. */
function documents(): string[] {
  const guides = readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  return ['README.md', 'CONTRIBUTING.md', ...guides];
}

/** What is wrong with one document's links and file-tagged blocks, as messages. */
export function problems(path: string, text: string, root = ROOT): string[] {
  const found: string[] = [];
  for (const target of relativeLinks(text)) {
    const [file, fragment] = target.split('#') as [string, string | undefined];
    const resolved = file ? join(root, dirname(path), decodeURI(file)) : join(root, path);
    if (!existsSync(resolved)) {
      found.push(`${path}: the link ${target} leads nowhere`);
      continue;
    }
    const targetText = () => (file ? readFileSync(resolved, 'utf8') : text);
    if (fragment !== undefined && resolved.endsWith('.md') && !anchors(targetText()).has(fragment)) {
      found.push(`${path}: the link ${target} names no heading of ${relative(root, resolved)}`);
    }
  }
  for (const block of parseMarkdown(text).blocks) {
    const file = /(?:^|\s)file=(\S+)/.exec(block.info)?.[1];
    if (!file) continue;
    const source = join(root, file);
    if (!existsSync(source)) found.push(`${path}:${block.line}: the block names ${file}, which does not exist`);
    else if (readFileSync(source, 'utf8').replace(/\n$/, '') !== block.body) {
      found.push(`${path}:${block.line}: the block is not ${file} as it is`);
    }
  }
  return found;
}

for (const path of documents()) {
  test(`${path}: every relative link resolves and every file-tagged block is its file`, () => {
    assert.deepEqual(problems(path, readFileSync(join(ROOT, path), 'utf8')), []);
  });
}

test('some code blocks are tagged with the file they show', () => {
  const tagged = documents().flatMap((path) =>
    parseMarkdown(readFileSync(join(ROOT, path), 'utf8')).blocks.filter((block) => /(?:^|\s)file=/.test(block.info)),
  );
  assert.ok(tagged.length >= 3, `${tagged.length} tagged blocks`);
});

test('a broken link, a missing heading and a block that drifted from its file are each noticed', () => {
  const page = [
    '# Title',
    '[fine](docs/hosts.md#react) [gone](docs/nowhere.md) [no heading](docs/hosts.md#nothing-here)',
    '`[in code](nowhere.md)` [web](https://example.com) [here](#title)',
    '```html file=demo/frameworks/cms-snippet.html',
    '<!doctype html>',
    '```',
  ].join('\n');
  assert.deepEqual(problems('README.md', page), [
    'README.md: the link docs/nowhere.md leads nowhere',
    'README.md: the link docs/hosts.md#nothing-here names no heading of docs/hosts.md',
    'README.md:4: the block is not demo/frameworks/cms-snippet.html as it is',
  ]);
});

test('the README is for the people who embed it: its two commands first, at most 300 lines', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const lines = readme.split('\n');
  assert.ok(lines.length <= 301, `${lines.length} lines`);
  const first = parseMarkdown(readme).blocks[0];
  assert.equal(first.line, 3, 'the first block follows the title');
  assert.match(first.body, /^npm ci && npm start\b.*\nnpm ci && npm test\b/);
});
