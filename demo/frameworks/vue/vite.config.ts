// Vue 3 + Vite: let the template compiler leave <vlens-register> to the browser.
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'vlens-register' } } })],
});
// Editor completion in templates: add "vlens-register/vue" to compilerOptions.types in tsconfig.json.
