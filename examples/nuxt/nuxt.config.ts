export default defineNuxtConfig({
  compatibilityDate: '2025-07-15',
  ssr: true,
  telemetry: false,
  // <vlens-register> is a custom element: Vue renders it as it stands (server and browser).
  vue: { compilerOptions: { isCustomElement: (tag) => tag === 'vlens-register' } },
});
