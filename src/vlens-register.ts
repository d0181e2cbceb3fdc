/**
 * Defines `<vlens-register>`: the package's one side effect. Guarded, so a
 * second copy of the script on the page does not throw.
 */
import { VlensRegister } from './register/vlens-register.component.js';

export * from './index.js';

if (!customElements.get('vlens-register')) customElements.define('vlens-register', VlensRegister);

declare global {
  interface HTMLElementTagNameMap {
    'vlens-register': VlensRegister;
  }
}
