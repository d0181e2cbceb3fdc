/**
 * `vlens-register/react`'s `<VlensRegister>` (src/react/) in React 18 and 19: the token reaches
 * `onRegistered` on a server-rendered page after hydrateRoot, after a client render that follows a
 * link from a server-rendered page (client-side navigation), and without server rendering; `ref` is
 * the element. Through the real proxy and stand-in, as every host (./host.ts).
 */
import { expect } from '@open-wc/testing';
import { freshStandIn } from '../helpers.js';
import { HOST_TEST_TIMEOUT_MS, closeHosts, expectRegisteredCleanly, openHost, registerAsAPerson } from './host.js';
import { waitUntil } from '../wait.js';

const CASES = [
  { mode: 'ssr', build: 'development', serverRendered: true },
  { mode: 'ssr', build: 'production', serverRendered: true },
  { mode: 'nav', build: 'development', serverRendered: false },
  { mode: 'csr', build: 'development', serverRendered: false },
] as const;

describe('hosts: vlens-register/react <VlensRegister>', function () {
  this.timeout(HOST_TEST_TIMEOUT_MS);
  beforeEach(freshStandIn);
  afterEach(closeHosts);

  for (const react of ['18', '19'] as const) {
    for (const { mode, build, serverRendered } of CASES) {
      it(`React ${react}, ${mode} (${build} build): onRegistered receives the token, ref is the element`, async () => {
        const host = await openHost(`/hosts/react-component.html?react=${react}&mode=${mode}&build=${build}`);
        expect(host.probe.reactVersion, 'the React the page runs').to.match(new RegExp(`^${react}\\.`));
        const el = host.element();
        expect(host.probe.refElement === el, 'ref holds the element').to.equal(true);
        if (serverRendered) {
          expect(host.probe.serverElement, 'the server rendered the tag').to.not.equal(null);
          expect(host.probe.serverElement === el, 'hydration adopted the server-rendered element').to.equal(true);
          expect(el.getAttribute('email-step'), 'the server wrote the props that have attributes').to.equal('auto');
        } else {
          expect(host.probe.serverElement, 'the element was made in the browser').to.equal(null);
        }
        const phone = await registerAsAPerson(host);
        await waitUntil(
          () => host.document.querySelector('#host-step')?.textContent === 'done',
          'onStepChange re-rendered the host',
        );
        expectRegisteredCleanly(host, phone);
      });
    }
  }
});
