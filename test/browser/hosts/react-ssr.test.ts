/**
 * React 19: the page is server-rendered by react-dom/server's renderToString and hydrated by
 * hydrateRoot, after the widget's module has defined the element and it has rendered; in React's
 * development build (which reports every hydration difference) and its production build.
 */
import { freshStandIn } from '../helpers.js';
import { HOST_TEST_TIMEOUT_MS, closeHosts, expectHostRegisters } from './host.js';

describe('hosts: React 19 SSR + hydrateRoot', function () {
  this.timeout(HOST_TEST_TIMEOUT_MS);
  beforeEach(freshStandIn);
  afterEach(closeHosts);

  for (const build of ['development', 'production'] as const) {
    it(`hydrates without a mismatch and registers through a ref listener (${build} build)`, () =>
      expectHostRegisters(`/hosts/react.html?build=${build}`, { serverRendered: true }));
  }
});
