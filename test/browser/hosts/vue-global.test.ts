/**
 * Vue 3's global build mounting an in-DOM template that contains <vlens-register>, with the widget's
 * script loaded first (ES module, or the classic script built from the current source): Vue reads
 * #app's markup after the element has rendered, and replaces it with its own element.
 */
import { freshStandIn } from '../helpers.js';
import { HOST_TEST_TIMEOUT_MS, closeHosts, expectHostRegisters } from './host.js';

describe('hosts: Vue global build, in-DOM template', function () {
  this.timeout(HOST_TEST_TIMEOUT_MS);
  beforeEach(freshStandIn);
  afterEach(closeHosts);

  it('registers through @vlens-registered with the ES module loaded first', () =>
    expectHostRegisters('/test/browser/hosts/pages/vue-global-es.html', { serverRendered: false }));

  it('registers through @vlens-registered with the classic script loaded first', () =>
    expectHostRegisters('/test/browser/hosts/pages/vue-global-classic.html', { serverRendered: false }));
});
