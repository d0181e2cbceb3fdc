/** Drives a <vlens-register> a framework mounted through a whole registration against the stand-in. */
import { expect } from '@open-wc/testing';
import type { VlensRegister } from '../../../src/register/vlens-register.component.js';
import type { VlensRegisteredDetail } from '../../../src/events.js';
import {
  ENDPOINT,
  enterCodeFor,
  enterPhone,
  lightFieldReady,
  submitButton,
  uniquePhone,
  waitForStep,
} from '../helpers.js';

/**
 * Phone → SMS code → finish → done, then checks that the framework's own
 * binding delivered exactly one `vlens-registered` for that number into `registered`.
 */
export async function registerThrough(
  el: VlensRegister | null,
  registered: readonly VlensRegisteredDetail[],
): Promise<void> {
  expect(el, 'the framework rendered <vlens-register>').to.be.instanceOf(HTMLElement);
  await el!.updateComplete;
  expect(el!.endpoint, 'the framework passed the endpoint').to.equal(ENDPOINT);

  await lightFieldReady(el!);
  const phone = await uniquePhone();
  await enterPhone(el!, phone);
  await enterCodeFor(el!, phone);
  await waitForStep(el!, 'finish');
  submitButton(el!).click();
  await waitForStep(el!, 'done');

  expect(registered).to.have.length(1);
  expect(registered[0].accessToken).to.be.a('string').and.not.empty;
  expect(registered[0].user?.phoneNumber).to.equal(phone);
}
