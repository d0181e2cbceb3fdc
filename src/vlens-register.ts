/**
 * Defines `<vlens-register>`: the package's one side effect. Guarded, so a
 * second copy of the script on the page does not throw.
 *
 * Also the script-tag bundle's entry: it exports what the first screen
 * already holds. `createVlensClient` (zod, the schemas) is in the package
 * entry (`vlens-register`), not here, so a page that only shows the widget
 * loads the client after the first render.
 */
import { VlensRegister } from './register/vlens-register.component.js';

export { VlensRegister };
export { VlensError } from './api/error.js';
export { STEP_IDS, type StepId, type EmailStepMode, type PasswordMode } from './register/flow.js';
export type {
  VlensRegisteredDetail,
  VlensErrorDetail,
  VlensErrorKind,
  VlensStepChangeDetail,
  VlensEventMap,
} from './events.js';
export type { VlensStrings, VlensStringOverrides, VlensErrorText, VlensLocale } from './i18n/index.js';

if (!customElements.get('vlens-register')) customElements.define('vlens-register', VlensRegister);

declare global {
  interface HTMLElementTagNameMap {
    'vlens-register': VlensRegister;
  }
}
