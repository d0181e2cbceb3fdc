/** Alpine.js binds `:endpoint` and `x-on:vlens-registered` to an element that is already defined and rendered. */
import { freshStandIn } from '../helpers.js';
import { HOST_TEST_TIMEOUT_MS, closeHosts, expectHostRegisters } from './host.js';

describe('hosts: Alpine.js', function () {
  this.timeout(HOST_TEST_TIMEOUT_MS);
  beforeEach(freshStandIn);
  afterEach(closeHosts);

  it('registers through x-on:vlens-registered', () =>
    expectHostRegisters('/test/browser/hosts/pages/alpine.html', { serverRendered: false }));
});
