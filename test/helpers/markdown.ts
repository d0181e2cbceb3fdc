/** Just enough Markdown for the documentation tests: fenced blocks, relative links, heading anchors. */

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

export function anchors(text: string): Set<string> {
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
