/**
 * The real React 19, Vue 3 and Svelte 5 runtimes, loaded in the test page
 * without extra dev-server plugins:
 * - React 19 ships CommonJS only, so its production files are evaluated
 *   with a four-module `require` (react, scheduler, react-dom, react-dom/client);
 * - Vue's self-contained browser ES build carries the template compiler;
 * - Svelte's compiler (a UMD file) compiles a component here, and the
 *   compiled module imports the same runtime modules the test imports.
 */
import type * as ReactNamespace from 'react';
import type * as ReactDomClient from 'react-dom/client';
import type * as VueNamespace from 'vue';
import type * as SvelteNamespace from 'svelte';

export type React = typeof ReactNamespace;
export type CreateRoot = typeof ReactDomClient.createRoot;

const REACT_FILES: Record<string, string> = {
  react: '/node_modules/react/cjs/react.production.js',
  scheduler: '/node_modules/scheduler/cjs/scheduler.production.js',
  'react-dom': '/node_modules/react-dom/cjs/react-dom.production.js',
  'react-dom/client': '/node_modules/react-dom/cjs/react-dom-client.production.js',
};

async function text(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

export async function loadReact(): Promise<{ React: React; createRoot: CreateRoot }> {
  const sources = Object.fromEntries(
    await Promise.all(Object.entries(REACT_FILES).map(async ([name, url]) => [name, await text(url)] as const)),
  );
  const loaded = new Map<string, { exports: unknown }>();
  const require = (name: string): unknown => {
    const cached = loaded.get(name);
    if (cached) return cached.exports;
    const source = sources[name];
    if (source === undefined) throw new Error(`React asked for an unexpected module: ${name}`);
    const module = { exports: {} as unknown };
    loaded.set(name, module);
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- evaluating React's own CommonJS file
    new Function('module', 'exports', 'require', `${source}\n//# sourceURL=${REACT_FILES[name]}`)(
      module,
      module.exports,
      require,
    );
    return module.exports;
  };
  return {
    React: require('react') as React,
    createRoot: (require('react-dom/client') as typeof ReactDomClient).createRoot,
  };
}

export async function loadVue(): Promise<typeof VueNamespace> {
  return await import('vue/dist/vue.esm-browser.prod.js');
}

type ExportTarget = string | { [condition: string]: ExportTarget };
let svelteExports: Record<string, ExportTarget> | undefined;

/** The URL a `svelte/...` specifier has in the browser, from svelte's package.json `exports`. */
async function svelteUrl(specifier: string): Promise<string> {
  svelteExports ??= (
    (await (await fetch('/node_modules/svelte/package.json')).json()) as { exports: Record<string, ExportTarget> }
  ).exports;
  let target: ExportTarget | undefined =
    svelteExports[specifier === 'svelte' ? '.' : `./${specifier.slice('svelte/'.length)}`];
  while (target && typeof target !== 'string') target = target.browser ?? target.import ?? target.default;
  if (!target) throw new Error(`svelte has no browser export for ${specifier}`);
  return new URL(`/node_modules/svelte/${target.replace(/^\.\//, '')}`, location.origin).href;
}

function loadClassicScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

export async function loadSvelte(): Promise<typeof SvelteNamespace> {
  return (await import(/* @vite-ignore */ await svelteUrl('svelte'))) as typeof SvelteNamespace;
}

/**
 * Compiles a Svelte 5 component from source with svelte/compiler and returns
 * its default export; `imports` maps other bare specifiers to URLs.
 */
export async function compileSvelte(
  source: string,
  name: string,
  imports: Record<string, string> = {},
): Promise<SvelteNamespace.Component<Record<string, unknown>>> {
  const global = globalThis as { svelte?: typeof import('svelte/compiler') };
  if (!global.svelte) await loadClassicScript('/node_modules/svelte/compiler/index.js');
  const { js } = global.svelte!.compile(source, { generate: 'client', name, filename: `${name}.svelte` });
  const specifiers = [
    ...new Set([...js.code.matchAll(/(?:from|import)\s*['"](svelte(?:\/[^'"]*)?)['"]/g)].map((m) => m[1])),
  ];
  let code = js.code;
  for (const specifier of specifiers) code = code.replaceAll(`'${specifier}'`, `'${await svelteUrl(specifier)}'`);
  for (const [specifier, url] of Object.entries(imports))
    code = code.replaceAll(`'${specifier}'`, `'${new URL(url, location.origin).href}'`);
  const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
  try {
    return ((await import(/* @vite-ignore */ url)) as { default: SvelteNamespace.Component<Record<string, unknown>> })
      .default;
  } finally {
    URL.revokeObjectURL(url);
  }
}
