/** Drives a mounted <vlens-register> through a whole registration against the stand-in. */
import type { VlensRegister } from '../../../src/register/vlens-register.component.js';
import { enterCodeFor, enterPhone, submitButton, uniquePhone, waitForStep } from '../helpers.js';

/** Phone → SMS code → finish → done; returns the number registered. */
export async function completeRegistration(el: VlensRegister): Promise<string> {
  const phone = await uniquePhone();
  await enterPhone(el, phone);
  await enterCodeFor(el, phone);
  await waitForStep(el, 'finish');
  submitButton(el).click();
  await waitForStep(el, 'done');
  return phone;
}
