/**
 * The Angular host: a standalone, zoneless component with <vlens-register> in its template
 * (CUSTOM_ELEMENTS_SCHEMA), its `(vlens-registered)` and `(vlens-step-change)` bindings, and the
 * client-hydration provider. The same component is server-rendered by @angular/platform-server
 * (host-pages.mjs) and hydrated in the page (./client.ts), both JIT-compiled by @angular/compiler.
 */
import {
  Component,
  CUSTOM_ELEMENTS_SCHEMA,
  provideZonelessChangeDetection,
  signal,
  type ApplicationConfig,
} from '@angular/core';
import { provideClientHydration } from '@angular/platform-browser';
import type { VlensRegisteredDetail, VlensStepChangeDetail } from '../../../../src/events.js';
import { ENDPOINT } from '../probe-types.js';

@Component({
  selector: 'app-root',
  standalone: true,
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `<h1>Register</h1>
    <vlens-register [attr.endpoint]="endpoint" email-step="auto"
      (vlens-registered)="onRegistered($event)" (vlens-step-change)="onStep($event)"></vlens-register>
    <p id="host-step">{{ step() }}</p>`,
})
export class AppComponent {
  endpoint = ENDPOINT;
  step = signal('phone');

  onRegistered(event: Event) {
    globalThis.hostProbe?.registered.push((event as CustomEvent<VlensRegisteredDetail>).detail);
  }

  onStep(event: Event) {
    this.step.set((event as CustomEvent<VlensStepChangeDetail>).detail.to);
  }
}

/** Providers shared by the server render and the browser's hydration. */
export const appConfig: ApplicationConfig = {
  providers: [provideZonelessChangeDetection(), provideClientHydration()],
};
