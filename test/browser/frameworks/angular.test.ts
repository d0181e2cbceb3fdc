/**
 * <vlens-register> in a real Angular application (JIT-compiled in the page,
 * zoneless): CUSTOM_ELEMENTS_SCHEMA lets the template use the element, and
 * `(vlens-registered)` is Angular's own event binding.
 */
import '@angular/compiler';
import {
  ApplicationRef,
  Component,
  CUSTOM_ELEMENTS_SCHEMA,
  provideZonelessChangeDetection,
  signal,
  VERSION,
} from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { expect } from '@open-wc/testing';
import { waitUntil } from '../wait.js';
import type { VlensRegister } from '../../../src/register/vlens-register.component.js';
import type { VlensRegisteredDetail, VlensStepChangeDetail } from '../../../src/events.js';
import { ENDPOINT, freshStandIn } from '../helpers.js';
import { registerThrough } from './registration.js';

const registered: VlensRegisteredDetail[] = [];

@Component({
  selector: 'app-registration',
  standalone: true,
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `<vlens-register [attr.endpoint]="endpoint" email-step="auto"
      (vlens-registered)="onRegistered($event)" (vlens-step-change)="onStep($event)"></vlens-register>
    <p id="step">{{ step() }}</p>`,
})
class RegistrationComponent {
  endpoint = ENDPOINT;
  step = signal('phone');

  onRegistered(event: Event) {
    registered.push((event as CustomEvent<VlensRegisteredDetail>).detail);
  }

  onStep(event: Event) {
    this.step.set((event as CustomEvent<VlensStepChangeDetail>).detail.to);
  }
}

describe('frameworks: Angular', () => {
  beforeEach(freshStandIn);

  it('renders the element with CUSTOM_ELEMENTS_SCHEMA and receives vlens-registered through (vlens-registered)', async () => {
    expect(Number(VERSION.major)).to.be.at.least(20);
    const host = document.createElement('app-registration');
    document.body.append(host);
    let app: ApplicationRef | undefined;
    try {
      app = await bootstrapApplication(RegistrationComponent, { providers: [provideZonelessChangeDetection()] });
      await registerThrough(host.querySelector<VlensRegister>('vlens-register'), registered);
      await waitUntil(() => host.querySelector('#step')?.textContent === 'done', 'Angular re-rendered from the events');
    } finally {
      app?.destroy();
      host.remove();
    }
  });
});
