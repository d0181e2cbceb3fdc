/**
 * The React 19, Vue 3 and Svelte 5 declarations type-check real usage with
 * those packages' own types, and reject a wrong attribute value, an unknown
 * attribute and a wrong event detail.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIR = join(ROOT, `.tmp/framework-types-${process.pid}`);
mkdirSync(DIR, { recursive: true });
after(() => rmSync(DIR, { recursive: true, force: true }));

const fixtures: Record<string, string> = {
  'react-ok.tsx': `import type {} from '../../src/types/react.js';
export const ok = (
  <vlens-register endpoint="/api/vlens" email-step="optional" password="required" resend-after={30}
    onvlens-registered={(event) => { const token: string | null = event.detail.accessToken; return token; }}
    onvlens-error={(event) => event.detail.kind}
    onvlens-step-change={(event) => event.detail.to}>
    <label slot="consent">terms</label>
  </vlens-register>
);`,
  'react-bad-value.tsx': `import type {} from '../../src/types/react.js';
export const bad = <vlens-register endpoint="/api/vlens" email-step="sometimes" />;`,
  'react-bad-attribute.tsx': `import type {} from '../../src/types/react.js';
export const bad = <vlens-register endpoint="/api/vlens" bogus="1" />;`,
  'react-bad-detail.tsx': `import type {} from '../../src/types/react.js';
export const bad = <vlens-register endpoint="/api/vlens" onvlens-registered={(event) => event.detail.nope} />;`,
  'vue-ok.ts': `import type {} from '../../src/types/vue.js';
import type { GlobalComponents } from 'vue';
type Props = InstanceType<GlobalComponents['vlens-register']>['$props'];
export const ok: Props = {
  endpoint: '/api/vlens', emailStep: 'optional', resendAfter: 30,
  onVlensRegistered: (event) => event.detail.accessToken,
  onVlensStepChange: (event) => event.detail.from,
};`,
  'vue-bad-value.ts': `import type {} from '../../src/types/vue.js';
import type { GlobalComponents } from 'vue';
type Props = InstanceType<GlobalComponents['vlens-register']>['$props'];
export const bad: Props = { emailStep: 'sometimes' };`,
  'vue-bad-detail.ts': `import type {} from '../../src/types/vue.js';
import type { GlobalComponents } from 'vue';
type Props = InstanceType<GlobalComponents['vlens-register']>['$props'];
export const bad: Props = { onVlensRegistered: (event) => event.detail.nope };`,
  'svelte-ok.ts': `import type {} from '../../src/types/svelte.js';
import type { SvelteHTMLElements } from 'svelte/elements';
export const ok: SvelteHTMLElements['vlens-register'] = {
  endpoint: '/api/vlens', 'email-step': 'off', class: 'widget',
  'onvlens-registered': (event) => event.detail.accessToken,
  'onvlens-error': (event) => event.detail.status,
};`,
  'svelte-bad-value.ts': `import type {} from '../../src/types/svelte.js';
import type { SvelteHTMLElements } from 'svelte/elements';
export const bad: SvelteHTMLElements['vlens-register'] = { 'email-step': 'sometimes' };`,
  'svelte-bad-detail.ts': `import type {} from '../../src/types/svelte.js';
import type { SvelteHTMLElements } from 'svelte/elements';
export const bad: SvelteHTMLElements['vlens-register'] = { 'onvlens-registered': (event) => event.detail.nope };`,
  // vlens-register/react's component: every element property a typed prop, events typed by the event map.
  'react-component-ok.tsx': `import { useRef } from 'react';
import { VlensRegister, type VlensRegisterElement } from '../../src/react/index.js';
export function Ok() {
  const ref = useRef<VlensRegisterElement>(null);
  return (
    <VlensRegister ref={ref} endpoint="/api/vlens" emailStep="optional" password="required" resendAfter={30}
      collectGeolocation strings={{}} errorTexts={[]} idTokenProvider={null} theme="dark" className="widget"
      onRegistered={(event) => { const token: string = event.detail.accessToken; return token; }}
      onError={(event) => event.detail.kind}
      onStepChange={(event) => event.detail.to}>
      <label slot="consent">terms</label>
    </VlensRegister>
  );
}
export const bare = <vlens-register endpoint="/api/vlens" />;`,
  'react-component-bad-value.tsx': `import { VlensRegister } from '../../src/react/index.js';
export const bad = <VlensRegister endpoint="/api/vlens" emailStep="sometimes" />;`,
  'react-component-bad-attribute.tsx': `import { VlensRegister } from '../../src/react/index.js';
export const bad = <VlensRegister endpoint="/api/vlens" bogus="1" />;`,
  'react-component-bad-detail.tsx': `import { VlensRegister } from '../../src/react/index.js';
export const bad = <VlensRegister endpoint="/api/vlens" onRegistered={(event) => event.detail.nope} />;`,
};
for (const [file, text] of Object.entries(fixtures)) writeFileSync(join(DIR, file), text);

const options: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.ReactJSX,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: [],
  experimentalDecorators: true,
  useDefineForClassFields: false,
};

const program = ts.createProgram(
  Object.keys(fixtures).map((file) => join(DIR, file)),
  options,
);

function errorsIn(file: string): string[] {
  const source = program.getSourceFile(join(DIR, file));
  assert.ok(source, file);
  return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) =>
    ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  );
}

for (const framework of ['react', 'react-component', 'vue', 'svelte']) {
  test(`${framework}: attributes and event details type-check`, () => {
    assert.deepEqual(errorsIn(`${framework}-ok.${framework.startsWith('react') ? 'tsx' : 'ts'}`), []);
  });
  for (const bad of Object.keys(fixtures).filter((file) => file.startsWith(`${framework}-bad-`))) {
    test(`${framework}: ${bad.replace(/^.*-bad-|\..*$/g, '')} is rejected`, () => {
      const errors = errorsIn(bad);
      assert.ok(errors.length > 0, `${bad} should not type-check`);
      const expected = bad.includes('detail') ? /nope/ : bad.includes('attribute') ? /bogus/ : /sometimes/;
      assert.match(errors.join('\n'), expected);
    });
  }
}

for (const example of ['react/Registration.tsx', 'angular/registration.component.ts']) {
  test(`the example demo/frameworks/${example} type-checks against the package entry points`, () => {
    const file = join(ROOT, 'demo/frameworks', example);
    const exampleProgram = ts.createProgram([file, join(ROOT, 'src/types/react.d.ts')], {
      ...options,
      paths: {
        'vlens-register': [join(ROOT, 'src/index.ts')],
        'vlens-register/vlens-register.js': [join(ROOT, 'src/vlens-register.ts')],
        'vlens-register/react': [join(ROOT, 'src/react/index.ts')],
      },
    });
    const diagnostics = ts.getPreEmitDiagnostics(exampleProgram, exampleProgram.getSourceFile(file));
    assert.deepEqual(
      diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
      [],
    );
  });
}
