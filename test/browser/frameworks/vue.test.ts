/** <vlens-register> in the real Vue 3 runtime: `@vlens-registered` is Vue's own binding. */
import { expect } from '@open-wc/testing';
import { waitUntil } from '../wait.js';
import type { Component } from 'vue';
import type { VlensRegister } from '../../../src/register/vlens-register.component.js';
import type { VlensRegisteredDetail } from '../../../src/events.js';
import { ENDPOINT, freshStandIn } from '../helpers.js';
import { registerThrough } from './registration.js';
import { loadVue } from './runtimes.js';

/** Served as JavaScript compiled by vue/compiler-sfc (test/browser/frameworks/vue-sfc-plugin.mjs). */
const REGISTRATION_VUE = '/demo/frameworks/vue/Registration.vue';

describe('frameworks: Vue 3', () => {
  beforeEach(freshStandIn);

  it('compiles a template with the element at run time and re-renders from its events', async () => {
    const registered: VlensRegisteredDetail[] = [];
    const Registration: Component = {
      template: `<vlens-register :endpoint="endpoint" email-step="auto"
        @vlens-registered="onRegistered" @vlens-step-change="steps.push($event.detail.to)"></vlens-register>
        <p id="steps">{{ steps.join(',') }}</p>`,
      data: () => ({ endpoint: ENDPOINT, steps: [] as string[] }),
      methods: {
        onRegistered(event: CustomEvent<VlensRegisteredDetail>) {
          registered.push(event.detail);
        },
      },
    };
    await mountAndRegister(
      Registration,
      {},
      registered,
      (host) => host.querySelector('#steps')?.textContent === 'phone-code,finish,done',
    );
  });

  it('runs the example demo/frameworks/vue/Registration.vue, compiled by vue/compiler-sfc, and it emits registered', async () => {
    const Registration = ((await import(/* @vite-ignore */ REGISTRATION_VUE)) as { default: Component }).default;
    expect(Registration, 'the compiled single-file component').to.be.an('object');
    const registered: VlensRegisteredDetail[] = [];
    // `onRegistered` is how a parent listens to the component's `registered` emit.
    const props = { onRegistered: (detail: VlensRegisteredDetail) => registered.push(detail) };
    await mountAndRegister(
      Registration,
      props,
      registered,
      (host) => host.querySelector('small[slot="consent"] a') !== null,
    );
  });

  /** Mounts `component` with Vue's runtime, registers through it, and waits until `rendered(host)`. */
  async function mountAndRegister(
    component: Component,
    props: Record<string, unknown>,
    registered: readonly VlensRegisteredDetail[],
    rendered: (host: HTMLElement) => boolean,
  ) {
    const { createApp, version } = await loadVue();
    expect(version).to.match(/^3\./);
    const app = createApp(component, props);
    app.config.compilerOptions.isCustomElement = (tag) => tag === 'vlens-register';
    const host = document.createElement('div');
    document.body.append(host);
    try {
      app.mount(host);
      await registerThrough(host.querySelector<VlensRegister>('vlens-register'), registered);
      await waitUntil(() => rendered(host), 'Vue rendered the component');
    } finally {
      app.unmount();
      host.remove();
    }
  }
});
