/** <vlens-register> in the real React 19 runtime: `onvlens-registered` is React's own binding. */
import { expect } from '@open-wc/testing';
import { waitUntil } from '../wait.js';
import type { VlensRegister } from '../../../src/register/vlens-register.component.js';
import type { VlensRegisteredDetail, VlensStepChangeDetail } from '../../../src/events.js';
import { ENDPOINT, freshStandIn } from '../helpers.js';
import { registerThrough } from './registration.js';
import { loadReact } from './runtimes.js';

describe('frameworks: React 19', () => {
  beforeEach(freshStandIn);

  it('renders the element with its attributes and receives vlens-registered through onvlens-registered', async () => {
    const { React, createRoot } = await loadReact();
    expect(React.version).to.match(/^19\./);
    const registered: VlensRegisteredDetail[] = [];
    const steps: VlensStepChangeDetail[] = [];
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    try {
      root.render(
        React.createElement('vlens-register', {
          endpoint: ENDPOINT,
          'email-step': 'auto',
          'onvlens-registered': (event: CustomEvent<VlensRegisteredDetail>) => registered.push(event.detail),
          'onvlens-step-change': (event: CustomEvent<VlensStepChangeDetail>) => steps.push(event.detail),
        }),
      );
      await waitUntil(() => host.querySelector('vlens-register'), 'React rendered the element');
      await registerThrough(host.querySelector<VlensRegister>('vlens-register'), registered);
      expect(steps.map((s) => s.to)).to.deep.equal(['phone-code', 'finish', 'done']);
    } finally {
      root.unmount();
      host.remove();
    }
  });
});
