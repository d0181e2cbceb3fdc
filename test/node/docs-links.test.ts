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

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The Markdown files a reader of the package or the repository starts from. */
function documents(): string[] {
  const guides = readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  return ['README.md', 'CONTRIBUTING.md', ...guides];
}

interface Block {
  info: string;
  body: string;
  line: number;
}

/** Fenced code blocks, and the text outside them (code blocks blanked, line count kept). */
export function parseMarkdown(text: string): { blocks: Block[]; prose: string } {
  const blocks: Block[] = [];
  const prose: string[] = [];
  let open: { fence: string; info: string; line: number; body: string[] } | undefined;
  text.split('\n').forEach((line, index) => {
    const fence = /^(\s*)(`{3,}|~{3,})(.*)$/.exec(line);
    if (open) {
      if (fence && fence[2].startsWith(open.fence) && fence[3].trim() === '') {
        blocks.push({ info: open.info, body: open.body.join('\n'), line: open.line });
        open = undefined;
      } else open.body.push(line);
      prose.push('');
    } else if (fence) {
      open = { fence: fence[2], info: fence[3].trim(), line: index + 1, body: [] };
      prose.push('');
    } else prose.push(line);
  });
  if (open) throw new Error(`a code block opened at line ${open.line} is never closed`);
  return { blocks, prose: prose.join('\n') };
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
export function slug(heading: string): string {
  return heading
    .replace(/`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-');
}

function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, heading] of parseMarkdown(text).prose.matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count ? `${base}-${count}` : base);
  }
  return result;
}

/** Relative link targets in prose: `[text](target)`, `![alt](target)`, inline code left out. */
export function relativeLinks(text: string): string[] {
  const prose = parseMarkdown(text).prose.replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map(([, target]) => target)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
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
