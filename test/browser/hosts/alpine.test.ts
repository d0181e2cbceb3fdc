/** Alpine.js binds `:endpoint` and `x-on:vlens-registered` to an element that is already defined and rendered. */
import { freshStandIn } from '../helpers.js';
import { closeHosts, expectHostRegisters } from './host.js';

describe('hosts: Alpine.js', () => {
  beforeEach(freshStandIn);
  afterEach(closeHosts);

  it('registers through x-on:vlens-registered', () => expectHostRegisters('/test/browser/hosts/pages/alpine.html', { serverRendered: false }));
});
