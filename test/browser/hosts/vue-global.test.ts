/**
 * Vue 3's global build mounting an in-DOM template that contains <vlens-register>, with the widget's
 * script loaded first (ES module, or the classic script built from the current source): Vue reads
 * #app's markup after the element has rendered, and replaces it with its own element.
 */
import { waitUntil } from '../wait.js';
import { freshStandIn } from '../helpers.js';
import {
  HOST_TEST_TIMEOUT_MS,
  clickPhoneField,
  closeHosts,
  expectHostRegisters,
  expectOwnFieldsOnly,
  expectRegisteredCleanly,
  openHost,
  registerAsAPerson,
} from './host.js';

describe('hosts: Vue global build, in-DOM template', function () {
  this.timeout(HOST_TEST_TIMEOUT_MS);
  beforeEach(freshStandIn);
  afterEach(closeHosts);

  it('registers through @vlens-registered with the ES module loaded first', () =>
    expectHostRegisters('/test/browser/hosts/pages/vue-global-es.html', { serverRendered: false }));

  it('registers through @vlens-registered with the classic script loaded first', () =>
    expectHostRegisters('/test/browser/hosts/pages/vue-global-classic.html', { serverRendered: false }));

  it('registers on the element Vue made when the person clicked the field before Vue mounted (no stale copy of the fields)', async () => {
    const host = await openHost('/test/browser/hosts/pages/vue-global-es.html?mount=late');
    const parsed = host.element();
    await clickPhoneField(host);
    // Vue's template is #app's markup now, fields included: its copy of them must not show up twice.
    (host.frame.contentWindow as Window & { mountVue(): void }).mountVue();
    await waitUntil(() => host.element() !== parsed, 'Vue replaced the element');
    await host.element().updateComplete;
    expectOwnFieldsOnly(host, 'after Vue mounted');
    const phone = await registerAsAPerson(host);
    expectRegisteredCleanly(host, phone);
  });
});
