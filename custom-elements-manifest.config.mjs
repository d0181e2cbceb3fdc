/**
 * `npm run analyze` → custom-elements.json (the component manifest), read
 * from the element's JSDoc (`@attr`, `@fires`, `@csspart`, `@cssprop`,
 * `@slot`) and its Lit properties.
 */
export default {
  globs: ['src/register/vlens-register.component.ts', 'src/vlens-register.ts', 'src/index.ts'],
  litelement: true,
  packagejson: false,
  plugins: [onlyDocumentedEvents()],
};

/**
 * The analyzer also lists `dispatchEvent(new CustomEvent(type))` inside the
 * element's private helper as an event named "type"; the element's events are
 * the ones its JSDoc documents with `@fires` (the manifest test checks that
 * every event the source dispatches is documented).
 */
function onlyDocumentedEvents() {
  return {
    name: 'vlens-only-documented-events',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.events) declaration.events = declaration.events.filter((event) => event.description);
        }
      }
    },
  };
}
