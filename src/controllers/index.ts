/** The element's reactive controllers, each in its own module with its own tests. */
export { CallController } from './call.js';
export { CaptchaController } from './captcha.js';
export { FocusKeeper } from './focus-keeper.js';
export { LangObserver } from './lang-observer.js';
export { LightFieldsController, type LightFieldsState } from './light-fields.js';
export { PageScheme } from './page-scheme.js';
export { ReadableColours } from './readable-colours.js';
export { ResendCountdown } from './resend-countdown.js';
export { ResumeController } from './resume.js';
export { ServerConfig } from './server-config.js';
export { WebOtpController } from './web-otp.js';
export { ThemeController, THEME_ATTRIBUTE, type Theme } from './theme.js';
export { StepReflection } from './step-reflection.js';
