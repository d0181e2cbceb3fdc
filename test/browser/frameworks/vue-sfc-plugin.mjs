// Serves *.vue files to the test page as JavaScript compiled by vue/compiler-sfc, so a test can import
// a real single-file component. Its `vue` import is Vue's browser build (the runtime the tests load)
// and `vlens-register/vlens-register.js` is the current source, not a possibly stale dist/.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse, compileScript } from 'vue/compiler-sfc';
import { transform } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Bare specifiers in a compiled component and the URLs the test page loads them from. */
const IMPORTS = {
  vue: '/node_modules/vue/dist/vue.esm-browser.prod.js',
  'vlens-register/vlens-register.js': '/src/vlens-register.ts',
};

/** <vlens-register> is left to the browser, as the example's vite.config.ts tells Vite. */
const compilerOptions = { isCustomElement: (tag) => tag === 'vlens-register' };

/** Compiles one SFC (script setup + template, inlined) to a browser ES module; throws on a compile error. */
export async function compileVueSfc(source, filename) {
  const { descriptor, errors } = parse(source, { filename, templateParseOptions: compilerOptions });
  if (errors.length) throw errors[0];
  const script = compileScript(descriptor, {
    id: filename,
    inlineTemplate: true,
    templateOptions: { compilerOptions },
  });
  const { code } = await transform(script.content, {
    loader: script.lang === 'ts' ? 'ts' : 'js',
    sourcefile: filename,
    target: 'es2022',
  });
  // esbuild prints every specifier in double quotes.
  return Object.entries(IMPORTS).reduce((js, [specifier, url]) => js.replaceAll(`"${specifier}"`, `"${url}"`), code);
}

/** web-test-runner plugin: GET /…/*.vue answers with the compiled component. */
export const vueSfcPlugin = {
  name: 'vue-sfc',
  async serve(context) {
    if (!context.path.endsWith('.vue')) return undefined;
    const filename = fileURLToPath(new URL(`.${context.path}`, `file://${ROOT}`));
    if (!filename.startsWith(ROOT)) return undefined;
    return { body: await compileVueSfc(await readFile(filename, 'utf8'), filename), type: 'js' };
  },
};
