/** One template module per step; each takes the strings, the pending flag, the status line and what it shows. */
export { codeStep, type CodeStep } from './code.js';
export { IDS, type StepBase, type StepHandlers } from './context.js';
export { doneStep } from './done.js';
export { emailStep, type EmailStep } from './email.js';
export { finishStep, type FinishStep } from './finish.js';
export { oauthStep, type OAuthStep } from './oauth.js';
export { providerLabel } from './oauth-parts.js';
export { phoneStep } from './phone.js';
export { stepFor, type StepExtras } from './step-for.js';
