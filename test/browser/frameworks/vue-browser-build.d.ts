/** Vue's self-contained browser ES build (runtime + template compiler) has the types of `vue`. */
declare module 'vue/dist/vue.esm-browser.prod.js' {
  export * from 'vue';
}
