/**
 * Vue 3: the page is server-rendered by @vue/server-renderer and hydrated by createSSRApp in Vue's
 * development browser build (which reports hydration mismatches), after the widget has rendered.
 */
import { freshStandIn } from '../helpers.js';
import { HOST_TEST_TIMEOUT_MS, closeHosts, expectHostRegisters } from './host.js';

describe('hosts: Vue 3 SSR + hydration', function () {
  this.timeout(HOST_TEST_TIMEOUT_MS);
  beforeEach(freshStandIn);
  afterEach(closeHosts);

  it('hydrates without a mismatch and registers through @vlens-registered', () =>
    expectHostRegisters('/hosts/vue-ssr.html', { serverRendered: true }));
});
