/**
 * The step's light-DOM field, label, hint and status line (see
 * ../register/light-fields.ts): rendered after every host update, so the
 * element's `render()` stays free of side effects, and the code field's own
 * behaviour (digits kept, a whole code submits itself). Ids are
 * `vlens-<n>-<part>`, unique per element.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { lightId, renderLightFields, type LightFieldsView, type LightPart } from '../register/light-fields.js';
import { codeAsTyped } from '../register/validation.js';

let counter = 0;

/** What the host decides about its light-DOM fields (the controller adds the ids and the code field's behaviour). */
export type LightFieldsState = Omit<LightFieldsView, 'prefix' | 'onCodeInput'>;

export interface LightFieldsOptions {
  /** What to render now; read after each host update. */
  view(): LightFieldsState;
  /** A call is in flight: a whole code waits instead of submitting itself. */
  busy(): boolean;
}

export class LightFieldsController implements ReactiveController {
  /** This element's id prefix: `vlens-1`, `vlens-2`, ... (the fields live in the page's tree). */
  readonly prefix = `vlens-${++counter}`;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: LightFieldsOptions,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    renderLightFields(this.host, { ...this.options.view(), prefix: this.prefix, onCodeInput: (e) => this.onCodeInput(e) });
  }

  /** One of the light-DOM nodes this element rendered, by part. */
  node<T extends HTMLElement = HTMLInputElement>(part: LightPart): T | null {
    return this.host.querySelector<T>(`#${lightId(this.prefix, part)}`);
  }

  /** Submits the light-DOM form (its `submit` event carries every step), as a button would. */
  submit(): void {
    this.node<HTMLFormElement>('form')?.requestSubmit();
  }

  /** A code from elsewhere (WebOTP): fill the code field and go on as if it was typed. */
  fillCode(code: string): void {
    const input = this.node('code');
    if (!input || this.options.busy()) return;
    input.value = code;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: code }));
  }

  private onCodeInput(event: InputEvent): void {
    const input = event.target as HTMLInputElement;
    const typed = codeAsTyped(input.value, event.inputType === 'insertFromPaste');
    if (typed.value !== null && typed.value !== input.value) input.value = typed.value;
    if (typed.complete && !this.options.busy()) this.submit();
  }
}
