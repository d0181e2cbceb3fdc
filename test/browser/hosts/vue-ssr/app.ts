/**
 * The Vue SSR host: a component whose template has <vlens-register> with Vue's own bindings
 * (`:endpoint`, `@vlens-registered`). Rendered by @vue/server-renderer in the dev server
 * (host-pages.mjs) and hydrated by ./client.ts; both compile the template at run time.
 */
import type { VlensRegisteredDetail } from '../../../../src/events.js';
import { ENDPOINT } from '../probe-types.js';

/** <vlens-register> is a custom element, not a Vue component (what a Vite config's `isCustomElement` says). */
export const isCustomElement = (tag: string) => tag === 'vlens-register';

export const App = {
  template: `<main>
    <h1>Register</h1>
    <vlens-register :endpoint="endpoint" email-step="auto"
      @vlens-registered="onRegistered" @vlens-step-change="step = $event.detail.to"></vlens-register>
    <p id="host-step">{{ step }}</p>
  </main>`,
  data: () => ({ endpoint: ENDPOINT, step: 'phone' }),
  methods: {
    onRegistered(event: CustomEvent<VlensRegisteredDetail>) {
      globalThis.hostProbe!.registered.push(event.detail);
    },
  },
  /** Runs only in the browser, after hydration. */
  mounted() {
    globalThis.hostProbe!.ready = true;
  },
};
