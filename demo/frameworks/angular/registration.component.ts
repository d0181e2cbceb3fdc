// Angular (standalone component): CUSTOM_ELEMENTS_SCHEMA lets the template use <vlens-register>;
// (vlens-registered) binds the DOM event. test/browser/frameworks/angular.test.ts runs the same usage in Angular (JIT).
import { Component, CUSTOM_ELEMENTS_SCHEMA, EventEmitter, Output } from '@angular/core';
import 'vlens-register/vlens-register.js';
import type { VlensRegisteredDetail } from 'vlens-register';

@Component({
  selector: 'app-registration',
  standalone: true,
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <vlens-register endpoint="/api/vlens" email-step="auto" (vlens-registered)="onRegistered($event)"></vlens-register>
  `,
})
export class RegistrationComponent {
  @Output() registered = new EventEmitter<VlensRegisteredDetail>();

  onRegistered(event: Event) {
    this.registered.emit((event as CustomEvent<VlensRegisteredDetail>).detail);
  }
}
