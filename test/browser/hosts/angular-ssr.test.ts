/**
 * Angular: the page is server-rendered by @angular/platform-server's renderApplication with
 * provideClientHydration (the server's config adds provideServerRendering, which writes the
 * hydration data), and hydrated in the browser by bootstrapApplication with the same providers;
 * both JIT-compiled by @angular/compiler (no Angular CLI build), after the widget has rendered.
 */
import { freshStandIn } from '../helpers.js';
import { HOST_TEST_TIMEOUT_MS, closeHosts, expectHostRegisters } from './host.js';

describe('hosts: Angular SSR + client hydration', function () {
  this.timeout(HOST_TEST_TIMEOUT_MS);
  beforeEach(freshStandIn);
  afterEach(closeHosts);

  it('hydrates without a mismatch and registers through (vlens-registered)', () =>
    expectHostRegisters('/hosts/angular.html', { serverRendered: true }));
});
