/** Public browser exports of vlens-register. Registers nothing: import `vlens-register.js` to define the tag. */
export { VlensRegister } from './register/vlens-register.component.js';
export type {
  VlensRegisteredDetail,
  VlensErrorDetail,
  VlensErrorKind,
  VlensStepChangeDetail,
  VlensEventMap,
} from './events.js';
export { createVlensClient, VlensError, type VlensClient, type VlensClientOptions } from './api/client.js';
export { STEP_IDS, type StepId, type EmailStepMode, type PasswordMode } from './register/flow.js';
export type { VlensStrings, VlensStringOverrides, VlensErrorText, VlensLocale } from './i18n/index.js';
