/** <vlens-register> in the real Vue 3 runtime, from a template: `@vlens-registered` is Vue's own binding. */
import { expect, waitUntil } from '@open-wc/testing';
import type { VlensRegister } from '../../../src/register/vlens-register.component.js';
import type { VlensRegisteredDetail } from '../../../src/events.js';
import { ENDPOINT, freshStandIn } from '../helpers.js';
import { registerThrough } from './registration.js';
import { loadVue } from './runtimes.js';

describe('frameworks: Vue 3', () => {
  beforeEach(freshStandIn);

  it('compiles a template with the element and receives vlens-registered through @vlens-registered', async () => {
    const { createApp, version } = await loadVue();
    expect(version).to.match(/^3\./);
    const registered: VlensRegisteredDetail[] = [];
    const app = createApp({
      template: `<vlens-register :endpoint="endpoint" email-step="auto"
        @vlens-registered="onRegistered" @vlens-step-change="steps.push($event.detail.to)"></vlens-register>
        <p id="steps">{{ steps.join(',') }}</p>`,
      data: () => ({ endpoint: ENDPOINT, steps: [] as string[] }),
      methods: {
        onRegistered(event: CustomEvent<VlensRegisteredDetail>) {
          registered.push(event.detail);
        },
      },
    });
    app.config.compilerOptions.isCustomElement = (tag) => tag === 'vlens-register';
    const host = document.createElement('div');
    document.body.append(host);
    try {
      app.mount(host);
      await registerThrough(host.querySelector<VlensRegister>('vlens-register'), registered);
      await waitUntil(() => host.querySelector('#steps')?.textContent === 'phone-code,finish,done', 'Vue re-rendered from the events');
    } finally {
      app.unmount();
      host.remove();
    }
  });
});
