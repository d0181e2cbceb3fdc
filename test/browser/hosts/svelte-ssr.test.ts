/**
 * Svelte 5: the component is server-rendered by svelte/server and hydrated by `hydrate` (compiled
 * with dev checks, which report hydration mismatches), after the widget has rendered. This is what
 * SvelteKit does for a page; SvelteKit itself (a Vite build and its server) is not run here.
 */
import { freshStandIn } from '../helpers.js';
import { HOST_TEST_TIMEOUT_MS, closeHosts, expectHostRegisters } from './host.js';

describe('hosts: Svelte 5 SSR + hydrate', function () {
  this.timeout(HOST_TEST_TIMEOUT_MS);
  beforeEach(freshStandIn);
  afterEach(closeHosts);

  it('hydrates without a mismatch and registers through onvlens-registered', () =>
    expectHostRegisters('/hosts/svelte.html', { serverRendered: true }));
});
