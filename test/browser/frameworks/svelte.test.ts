/** <vlens-register> in the real Svelte 5 runtime, compiled here: `onvlens-registered` is Svelte's own binding. */
import { expect } from '@open-wc/testing';
import { waitUntil } from '../wait.js';
import type { VlensRegister } from '../../../src/register/vlens-register.component.js';
import type { VlensRegisteredDetail } from '../../../src/events.js';
import { ENDPOINT, freshStandIn } from '../helpers.js';
import { registerThrough } from './registration.js';
import { compileSvelte, loadSvelte } from './runtimes.js';

const REGISTRATION_SVELTE = `<script>
  let { endpoint, onregistered } = $props();
  let steps = $state([]);
</script>

<vlens-register {endpoint} email-step="auto"
  onvlens-registered={(event) => onregistered(event.detail)}
  onvlens-step-change={(event) => steps.push(event.detail.to)}></vlens-register>
<p id="steps">{steps.join(',')}</p>
`;

describe('frameworks: Svelte 5', () => {
  beforeEach(freshStandIn);

  it('compiles a component with the element and receives vlens-registered through onvlens-registered', async () => {
    const Registration = await compileSvelte(REGISTRATION_SVELTE, 'Registration');
    await mountAndRegister(Registration, 'phone-code,finish,done');
  });

  it('runs the example demo/frameworks/svelte/Registration.svelte as written', async () => {
    const response = await fetch('/demo/frameworks/svelte/Registration.svelte');
    expect(response.ok).to.equal(true);
    const Registration = await compileSvelte(await response.text(), 'Registration', {
      'vlens-register/vlens-register.js': '/src/vlens-register.ts',
    });
    await mountAndRegister(Registration, 'Step: done');
  });

  async function mountAndRegister(Registration: Awaited<ReturnType<typeof compileSvelte>>, finalText: string) {
    const { mount, unmount } = await loadSvelte();
    const registered: VlensRegisteredDetail[] = [];
    const host = document.createElement('div');
    document.body.append(host);
    const component = mount(Registration, {
      target: host,
      props: { endpoint: ENDPOINT, onregistered: (detail: VlensRegisteredDetail) => registered.push(detail) },
    });
    try {
      await registerThrough(host.querySelector<VlensRegister>('vlens-register'), registered);
      await waitUntil(() => host.querySelector('p')?.textContent === finalText, 'Svelte re-rendered from the events');
    } finally {
      await unmount(component);
      host.remove();
    }
  }
});
