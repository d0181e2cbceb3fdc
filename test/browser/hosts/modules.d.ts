/** Vue's development browser ES build (runtime + template compiler) has the types of `vue`. */
declare module 'vue/dist/vue.esm-browser.js' {
  export * from 'vue';
}

/** A Svelte component, compiled by host-pages.mjs. */
declare module '*.svelte' {
  import type { Component } from 'svelte';
  const component: Component<Record<string, unknown>>;
  export default component;
}
