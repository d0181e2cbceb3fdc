/**
 * Writes docs/api.md, the element's API reference, from custom-elements.json: attributes and
 * properties, methods, events with their detail types (each detail interface's fields read from the
 * package's own declarations with the TypeScript checker), slots, CSS parts and custom properties.
 * `npm run docs:api` (also the last step of `npm run analyze`); test/node/docs-api.test.ts fails when the
 * committed file differs from what this renders.
 *
 * Why not a library: @api-viewer/docs renders a manifest as a live element in a browser (a second,
 * older Lit on the page, nothing readable on npm or GitHub), and @custom-elements-manifest/to-markdown
 * (0.1.0, unified 9) prints type names only: neither shows what a `vlens-error` detail holds.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const API_DOC = 'docs/api.md';

interface Described {
  name: string;
  description?: string;
  type?: { text: string };
  default?: string;
}
interface Member extends Described {
  kind: 'field' | 'method';
  privacy?: string;
  static?: boolean;
  readonly?: boolean;
  attribute?: string;
  return?: { type?: { text: string } };
  parameters?: Described[];
}
interface Element {
  name: string;
  tagName: string;
  summary?: string;
  description?: string;
  attributes?: (Described & { fieldName?: string })[];
  members?: Member[];
  events?: Described[];
  slots?: Described[];
  cssParts?: Described[];
  cssProperties?: Described[];
}
interface Manifest {
  modules: { path: string; declarations?: (Partial<Element> & { customElement?: boolean })[] }[];
}

/** One line of a Markdown table cell: pipes escaped, line breaks folded. */
const cell = (text: string | undefined) => (text ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
const code = (text: string | undefined) => (text ? `\`${text.replace(/\|/g, '\\|')}\`` : '');

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** The detail interfaces and literal unions the public types name, read with the TypeScript checker. */
export class PublicTypes {
  private readonly checker: ts.TypeChecker;
  private readonly exports = new Map<string, ts.Symbol>();

  constructor(entry = `${ROOT}src/index.ts`) {
    const program = ts.createProgram([entry], {
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      noEmit: true,
    });
    this.checker = program.getTypeChecker();
    const source = program.getSourceFile(entry);
    const module = source && this.checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`cannot read ${entry}`);
    for (const symbol of this.checker.getExportsOfModule(module)) this.exports.set(symbol.name, symbol);
  }

  private declared(name: string): ts.Declaration | undefined {
    const symbol = this.exports.get(name);
    if (!symbol) return undefined;
    const target = symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
    return target.declarations?.[0];
  }

  /** An exported interface's fields: name, type as written, JSDoc. */
  fields(name: string): { name: string; type: string; description: string }[] | undefined {
    const declaration = this.declared(name);
    if (!declaration || !ts.isInterfaceDeclaration(declaration)) return undefined;
    return declaration.members.filter(ts.isPropertySignature).map((member) => ({
      name: member.name.getText() + (member.questionToken ? '?' : ''),
      type: member.type?.getText() ?? 'unknown',
      description: ts.displayPartsToString(
        this.checker.getSymbolAtLocation(member.name)?.getDocumentationComment(this.checker),
      ),
    }));
  }

  /** An exported type alias that is a union of string literals, as its members. */
  literals(name: string): string[] | undefined {
    const declaration = this.declared(name);
    if (!declaration || !ts.isTypeAliasDeclaration(declaration)) return undefined;
    const type = this.checker.getTypeAtLocation(declaration.name);
    const members = type.isUnion() ? type.types : [type];
    if (!members.every((member) => member.isStringLiteral())) return undefined;
    return members.map((member) => JSON.stringify(member.value));
  }
}

function elementOf(manifest: Manifest): Element {
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.customElement && declaration.tagName) return declaration as Element;
    }
  }
  throw new Error('custom-elements.json lists no custom element');
}

/** Type names (capitalised identifiers) a type text mentions. */
const namesIn = (text: string) => [...text.matchAll(/\b[A-Z][A-Za-z0-9]*\b/g)].map(([name]) => name);

/** docs/api.md for the manifest's element. */
export function renderApiDocs(manifest: Manifest, types = new PublicTypes()): string {
  const element = elementOf(manifest);
  const publicMembers = (element.members ?? []).filter(
    (member) =>
      member.privacy !== 'private' && member.privacy !== 'protected' && !member.static && !member.name.startsWith('_'),
  );
  const fields = publicMembers.filter((member) => member.kind === 'field');
  const methods = publicMembers.filter((member) => member.kind === 'method');
  const mentioned = new Set<string>();
  const note = (text: string | undefined) => {
    for (const name of namesIn(text ?? '')) mentioned.add(name);
    return text;
  };

  const attributeRows = (element.attributes ?? []).map((attribute) => {
    const field = fields.find((member) => member.name === (attribute.fieldName ?? attribute.name));
    return [
      code(attribute.name),
      code(field?.name),
      code(note(field?.type?.text ?? attribute.type?.text)),
      code(field?.default ?? attribute.default),
      cell(field?.description ?? attribute.description),
    ];
  });
  const propertyRows = fields
    .filter((field) => !(element.attributes ?? []).some((a) => (a.fieldName ?? a.name) === field.name))
    .map((field) => [
      code(field.name),
      code(note(field.type?.text)),
      code(field.default),
      cell(`${field.readonly ? 'Read-only. ' : ''}${field.description ?? ''}`),
    ]);
  const methodRows = methods.map((method) => [
    code(`${method.name}(${(method.parameters ?? []).map((p) => p.name).join(', ')})`),
    code(method.return?.type?.text ?? 'void'),
    cell(method.description),
  ]);

  const events = element.events ?? [];
  const eventRows = events.map((event) => [code(event.name), code(note(event.type?.text)), cell(event.description)]);
  const details = events.flatMap((event) => {
    const detail = /^CustomEvent<(\w+)>$/.exec(event.type?.text ?? '')?.[1];
    const detailFields = detail ? types.fields(detail) : undefined;
    if (!detail || !detailFields) return [];
    return [
      `### \`${detail}\` (\`${event.name}\`)`,
      '',
      table(
        ['field', 'type', 'meaning'],
        detailFields.map((f) => [code(f.name), code(note(f.type)), cell(f.description)]),
      ),
      '',
    ];
  });
  const unions = [...mentioned]
    .sort()
    .map((name) => [name, types.literals(name)] as const)
    .filter((entry): entry is readonly [string, string[]] => entry[1] !== undefined)
    .map(([name, values]) => [code(name), values.map((v) => code(v)).join(', ')]);

  const simple = (rows: Described[] | undefined, header: string) =>
    table(
      [header, 'meaning'],
      (rows ?? []).map((row) => [code(row.name), cell(row.description)]),
    );

  return [
    `# \`<${element.tagName}>\` API reference`,
    '',
    `<!-- Generated by scripts/api-docs.ts from custom-elements.json (npm run docs:api). Do not edit. -->`,
    '',
    cell(element.summary),
    '',
    element.description?.trim() ?? '',
    '',
    'Class `' + element.name + "` from `vlens-register`; `import 'vlens-register/vlens-register.js'` defines the tag.",
    'What each setting does, with examples: [configuration](configuration.md); styling: [theming](theming.md).',
    '',
    '## Attributes',
    '',
    'Each attribute is also the property beside it.',
    '',
    table(['attribute', 'property', 'type', 'default', 'description'], attributeRows),
    '',
    '## Properties without an attribute',
    '',
    table(['property', 'type', 'default', 'description'], propertyRows),
    '',
    '## Methods',
    '',
    table(['method', 'returns', 'description'], methodRows),
    '',
    '## Events',
    '',
    'All bubble and are composed; they are typed in `HTMLElementEventMap`, `DocumentEventMap` and `WindowEventMap`.',
    '',
    table(['event', 'type', 'description'], eventRows),
    '',
    ...details,
    '## Types',
    '',
    table(['type', 'values'], unions),
    '',
    '## Slots',
    '',
    simple(element.slots, 'slot'),
    '',
    '## CSS parts',
    '',
    simple(element.cssParts, 'part'),
    '',
    '## CSS custom properties',
    '',
    simple(element.cssProperties, 'property'),
    '',
  ].join('\n');
}

export function readManifest(): Manifest {
  return JSON.parse(readFileSync(`${ROOT}custom-elements.json`, 'utf8')) as Manifest;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(`${ROOT}${API_DOC}`, renderApiDocs(readManifest()));
  console.log(`wrote ${API_DOC}`);
}
