// The host pages of test/browser/hosts/, served by the test runner's dev server beside the real proxy:
//   /dist/vlens-register.iife.js         the classic script (a loader of /dist/vlens-register.js), built by rollup with
//                                        the project's own configuration (scriptTagBundles), unminified
//   /hosts/react.html?build=…            React 19 renderToString + hydrateRoot (development or production)
//   /hosts/react-client.js?build=…       the React page's script: react-dom/client + the app, bundled by esbuild
//   /hosts/react-component.html?react=…&mode=…&build=…
//                                        vlens-register/react's <VlensRegister> in React 18 or 19: `ssr`
//                                        (renderToString + hydrateRoot), `nav` (a server-rendered first page,
//                                        then a client render), `csr` (createRoot only)
//   /hosts/react-component-client.js?…   its script, bundled by esbuild with that React
//   /hosts/vue-ssr.html                  Vue 3 renderToString (@vue/server-renderer) + createSSRApp
//   /hosts/svelte.html                   Svelte 5 render (svelte/server) + hydrate
//   /hosts/svelte-client.js              the Svelte page's script: the component compiled for the browser (dev)
//   /hosts/angular.html                  Angular renderApplication (@angular/platform-server, JIT) + hydration
// Every page loads ./probe.js first, then the widget, then the framework: the order a page has when
// the widget's script tag sits in <head> and the framework's bundle at the end of <body>.
// The static hosts (Vue's global build, Alpine, the jQuery CMS page) are plain files in ./pages/.
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import { compile } from 'svelte/compiler';
import { scriptTagBundles } from '../../../rollup.config.mjs';

const HERE = new URL('./', import.meta.url);
const require = createRequire(import.meta.url);

/** Builds once per run, on first request: a failed build is retried on the next one. */
function once(make) {
  let pending;
  return () => (pending ??= make().catch((error) => ((pending = undefined), Promise.reject(error))));
}

/**
 * The classic script (the loader) as `npm run build` makes it, minus terser; the module it imports,
 * /dist/vlens-register.js, is the current source (web-test-runner.config.mjs redirects it).
 */
const classicScript = once(async () => {
  const options = scriptTagBundles().find((o) => o.output?.format === 'iife');
  const bundle = await rollup({ ...options, onwarn: () => {} });
  try {
    const { output } = await bundle.generate({ ...options.output, plugins: [] });
    return output[0].code;
  } finally {
    await bundle.close();
  }
});

/** A host page: the probe, the widget's script tag, the server-rendered markup, the framework's script. */
function page({ title, widget = '<script type="module" src="/dist/vlens-register.js"></script>', body, client }) {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    <script src="/test/browser/hosts/probe.js"></script>
    ${widget}
  </head>
  <body>
    ${body}
    <script type="module" src="${client}"></script>
  </body>
</html>
`;
}

const BUILDS = ['development', 'production'];

function reactBuild(context) {
  const build = context.URL.searchParams.get('build') ?? 'development';
  if (!BUILDS.includes(build)) throw new Error(`build must be one of ${BUILDS.join(', ')}`);
  return build;
}

/** React 18's own package (test/fixtures/react18): its react-dom cannot sit beside React 19 in node_modules. */
const REACT_18_DIR = fileURLToPath(new URL('../../fixtures/react18/', import.meta.url));

/** esbuild plugin: `react` and `react-dom` (and their subpaths) resolved from React 18's package. */
const react18 = {
  name: 'react-18',
  setup(builder) {
    builder.onResolve({ filter: /^(react|react-dom|scheduler)(\/.*)?$/ }, async (args) => {
      if (args.pluginData === 'react-18') return undefined;
      const result = await builder.resolve(args.path, {
        kind: args.kind,
        resolveDir: REACT_18_DIR,
        pluginData: 'react-18',
      });
      return result.errors.length ? { errors: result.errors } : { path: result.path };
    });
  },
};

/** Bundles `entry` (next to this file) with React's `process.env.NODE_ENV` switch set to `mode`. */
async function bundleReact(entry, mode, platform, { react = '19' } = {}) {
  const result = await build({
    plugins: react === '18' ? [react18] : [],
    entryPoints: [fileURLToPath(new URL(entry, HERE))],
    bundle: true,
    format: 'esm',
    platform,
    target: platform === 'node' ? 'node20' : 'es2022',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
    minify: mode === 'production',
    // react-dom/server requires Node's built-ins (stream, util…): give the ES module a `require`.
    banner:
      platform === 'node'
        ? {
            js: `import { createRequire } from 'node:module'; const require = createRequire(${JSON.stringify(import.meta.url)});`,
          }
        : {},
  });
  return result.outputFiles[0].text;
}

/**
 * react-dom/server and the app, in React's production build: the development build asks the
 * console for `createTask`, which the test runner's console stand-in answers with a function that
 * throws. Both builds render the same markup.
 */
const reactServer = once(async () => {
  const code = await bundleReact('./react/server.ts', 'production', 'node');
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
});

async function reactPage(build) {
  const { renderApp } = await reactServer();
  return page({
    title: `React 19 SSR + hydrateRoot (${build})`,
    body: `<div id="root">${renderApp()}</div>`,
    client: `/hosts/react-client.js?build=${build}`,
  });
}

/** react-dom/client and the app for the browser, in each of React's builds. */
const reactClient = Object.fromEntries(
  BUILDS.map((mode) => [mode, once(() => bundleReact('./react/client.ts', mode, 'browser'))]),
);

async function vuePage() {
  const [{ createSSRApp }, { renderToString }, { App, isCustomElement }] = await Promise.all([
    import('vue'),
    import('vue/server-renderer'),
    import('./vue-ssr/app.ts'),
  ]);
  const app = createSSRApp(App);
  app.config.compilerOptions.isCustomElement = isCustomElement;
  return page({
    title: 'Vue 3 SSR + createSSRApp',
    body: `<div id="app">${await renderToString(app)}</div>`,
    client: '/test/browser/hosts/vue-ssr/client.ts',
  });
}

const SVELTE_COMPONENT = new URL('./svelte/Registration.svelte', HERE);

/** The component compiled for the server and evaluated here; its `svelte/…` imports resolved from this package. */
const svelteServerComponent = once(async () => {
  const { js } = compile(await readFile(SVELTE_COMPONENT, 'utf8'), {
    generate: 'server',
    filename: fileURLToPath(SVELTE_COMPONENT),
  });
  const code = js.code.replace(/(from\s*)(['"])(svelte(?:\/[^'"]*)?)\2/g, (_, from, quote, specifier) => {
    return `${from}${quote}${pathToFileURL(require.resolve(specifier)).href}${quote}`;
  });
  return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)).default;
});

/** esbuild plugin: `*.svelte` imports compiled for the browser, with Svelte's development checks. */
const svelteFiles = {
  name: 'svelte',
  setup(builder) {
    builder.onLoad({ filter: /\.svelte$/ }, async ({ path }) => {
      const { js } = compile(await readFile(path, 'utf8'), { generate: 'client', dev: true, filename: path });
      return { contents: js.code, loader: 'js' };
    });
  },
};

/** The Svelte page's script: svelte's browser runtime (development) and the component, bundled by esbuild. */
const svelteClient = once(async () => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./svelte/client.ts', HERE))],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    conditions: ['browser', 'development'],
    plugins: [svelteFiles],
  });
  return result.outputFiles[0].text;
});

async function sveltePage() {
  const [{ render }, Registration, { ENDPOINT }] = await Promise.all([
    import('svelte/server'),
    svelteServerComponent(),
    import('./probe-types.ts'),
  ]);
  const { head, body } = render(Registration, { props: { endpoint: ENDPOINT } });
  return page({
    title: 'Svelte 5 SSR + hydrate',
    widget: `<script type="module" src="/dist/vlens-register.js"></script>${head}`,
    body: `<div id="app">${body}</div>`,
    client: '/hosts/svelte-client.js',
  });
}

async function angularPage() {
  await import('@angular/compiler');
  const [
    { renderApplication, provideServerRendering },
    { bootstrapApplication },
    { mergeApplicationConfig },
    { AppComponent, appConfig },
  ] = await Promise.all([
    import('@angular/platform-server'),
    import('@angular/platform-browser'),
    import('@angular/core'),
    import('./angular/app.ts'),
  ]);
  // The server's config adds what writes the hydration data (the `ng-state` transfer-state script).
  const serverConfig = mergeApplicationConfig(appConfig, { providers: [provideServerRendering()] });
  return renderApplication((context) => bootstrapApplication(AppComponent, serverConfig, context), {
    document: page({
      title: 'Angular SSR + provideClientHydration',
      body: '<app-root></app-root>',
      client: '/test/browser/hosts/angular/client.ts',
    }),
    url: '/hosts/angular.html',
  });
}

const REACT_VERSIONS = ['18', '19'];
const COMPONENT_MODES = { ssr: 'register', nav: 'home', csr: null };

/** The React component page's query: React version, mode and build, each checked. */
function componentQuery(context) {
  const react = context.URL.searchParams.get('react') ?? '19';
  const mode = context.URL.searchParams.get('mode') ?? 'ssr';
  if (!REACT_VERSIONS.includes(react)) throw new Error(`react must be one of ${REACT_VERSIONS.join(', ')}`);
  if (!(mode in COMPONENT_MODES)) throw new Error(`mode must be one of ${Object.keys(COMPONENT_MODES).join(', ')}`);
  return { react, mode, build: reactBuild(context) };
}

/** react-dom/server and the component app, per React version (production build, as reactServer). */
const componentServer = Object.fromEntries(
  REACT_VERSIONS.map((react) => [
    react,
    once(async () => {
      const code = await bundleReact('./react-component/server.ts', 'production', 'node', { react });
      return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
    }),
  ]),
);

/** The component page's script, per React version and build. */
const componentClients = new Map();
function componentClient({ react, build }) {
  const key = `${react}/${build}`;
  if (!componentClients.has(key))
    componentClients.set(
      key,
      once(() => bundleReact('./react-component/client.ts', build, 'browser', { react })),
    );
  return componentClients.get(key)();
}

async function componentPage(context) {
  const query = componentQuery(context);
  const start = COMPONENT_MODES[query.mode];
  const markup = start ? (await componentServer[query.react]()).renderApp(start) : '';
  return page({
    title: `vlens-register/react in React ${query.react} (${query.mode}, ${query.build})`,
    // The component's module defines the element: no separate widget script.
    widget: '',
    body: `<div id="root">${markup}</div>`,
    client: `/hosts/react-component-client.js?${context.URL.searchParams}`,
  });
}

const PAGES = {
  '/hosts/react.html': (context) => reactPage(reactBuild(context)),
  '/hosts/react-component.html': componentPage,
  '/hosts/vue-ssr.html': vuePage,
  '/hosts/svelte.html': sveltePage,
  '/hosts/angular.html': angularPage,
};

/** web-test-runner plugin serving the pages and scripts above. */
export const hostPagesPlugin = {
  name: 'host-pages',
  async serve(context) {
    const { path } = context;
    if (path === '/dist/vlens-register.iife.js') return { body: await classicScript(), type: 'js' };
    if (path === '/hosts/react-client.js') return { body: await reactClient[reactBuild(context)](), type: 'js' };
    if (path === '/hosts/react-component-client.js')
      return { body: await componentClient(componentQuery(context)), type: 'js' };
    if (PAGES[path]) return { body: await PAGES[path](context), type: 'html' };
    if (path === '/hosts/svelte-client.js') return { body: await svelteClient(), type: 'js' };
    return undefined;
  },
};
