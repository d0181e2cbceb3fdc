/** Hydrates the server-rendered Vue app with Vue's development browser build (it reports hydration mismatches). */
import { createSSRApp } from 'vue/dist/vue.esm-browser.js';
import { App, isCustomElement } from './app.js';

globalThis.hostProbe!.serverElement = document.querySelector('vlens-register');
const app = createSSRApp(App);
app.config.compilerOptions.isCustomElement = isCustomElement;
app.mount('#app');
