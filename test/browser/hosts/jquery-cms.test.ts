/**
 * A jQuery-era CMS page with the classic script, whose theme script moves the widget: boxed on load,
 * re-appended while a call is in flight, and detached then attached in the sidebar (a task later)
 * once the code is sent. The flow carries on where it was.
 */
import { expect } from '@open-wc/testing';
import { waitUntil } from '../wait.js';
import { freshStandIn } from '../helpers.js';
import { HOST_TEST_TIMEOUT_MS, closeHosts, expectRegisteredCleanly, openHost, registerAsAPerson } from './host.js';

interface Moves {
  boxed: number;
  reappended: number;
  toSidebar: number;
}

describe('hosts: jQuery CMS page that moves the widget', function () {
  this.timeout(HOST_TEST_TIMEOUT_MS);
  beforeEach(freshStandIn);
  afterEach(closeHosts);

  it('registers through .on("vlens-registered") while the page moves the element mid-flow', async () => {
    const host = await openHost('/test/browser/hosts/pages/jquery-cms.html');
    const moves = () => host.probe.moves as Moves;
    expect(host.element().parentElement?.className, 'boxed on load').to.equal('widget-box');
    const phone = await registerAsAPerson(host, async () => {
      await waitUntil(() => moves().toSidebar === 1, 'the page moved the widget into the sidebar');
      expect(host.element().closest('#sidebar aside.moved'), 'in the sidebar now').to.not.equal(null);
    });
    expect(moves().reappended, 'submits that re-appended the widget with a call in flight').to.be.at.least(2);
    expect(
      host.element().querySelector(':scope > small[slot="consent"]'),
      "the page's own child is still there",
    ).to.not.equal(null);
    expectRegisteredCleanly(host, phone);
  });
});
