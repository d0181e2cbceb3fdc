/**
 * The light-DOM form's submit, the one way every step is submitted (button,
 * Enter, auto-submit): the field's value checked (./validation.ts), a phone
 * number parsed in the picked country by the lazy submit path
 * (./lazy-parts.ts), then the step's call. Remembers what the person
 * submitted, shown again when the field is re-created. The submit path is
 * requested right after the first render.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { VlensError } from '../api/error.js';
import { format, type VlensStrings } from '../i18n/index.js';
import type { Action } from './action.js';
import type { CountryPicker } from './country-picker.js';
import type { FlowState } from './flow.js';
import { submitPath } from './lazy-parts.js';
import { afterFirstPaint } from './lazy-module.js';
import type { Notice } from './notice.js';
import { fieldFor, type LightField } from './light-fields.js';
import { RULE_VALUES } from './rules.js';

/** What a submit reads from and does to the element. */
export interface SubmitHooks {
  flow: () => FlowState;
  /** A call is in flight: a submit does nothing. */
  calling: () => boolean;
  strings: () => VlensStrings;
  countries: Pick<CountryPicker, 'country' | 'offers' | 'offeredLoaded'>;
  /** Shows a message for the current state: an error blames the field. */
  say: (text: string, tone: Notice['tone']) => void;
  /** Clears the message shown. */
  quiet: () => void;
  /** The submit path did not load (a `network` error): its message and `vlens-error`. */
  loadFailed: (error: VlensError, at: FlowState) => void;
  /** Makes the step's call. */
  run: (action: Action) => void;
}

export class SubmitController implements ReactiveController {
  /** The number the person submitted last. */
  phoneText: string | null = null;
  /** The email the person submitted last. */
  emailText: string | null = null;
  /** A submit is waiting for the submit path (phone library, client) to load: "working", buttons disabled. */
  awaitingSubmitPath = false;
  private preloaded = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly hooks: SubmitHooks,
  ) {
    host.addController(this);
  }

  /** The first screen is up: fetch what a submit needs once it has painted; it brings the later strings, so render again then. */
  hostUpdated(): void {
    if (this.preloaded) return;
    this.preloaded = true;
    afterFirstPaint(() => {
      submitPath.load().then(
        () => this.host.requestUpdate(),
        () => {}, // a submit loads it again and reports the failure
      );
    });
  }

  /** A call is in flight, or a submit waits for the submit path. */
  get busy(): boolean {
    return this.awaitingSubmitPath || this.hooks.calling();
  }

  /** The step's field: what it asks for, its words, and the value to show (the last submitted, else the prefill). */
  field(t: VlensStrings, prefill: { phone: string; email: string }): LightField | null {
    const flow = this.hooks.flow();
    return fieldFor(flow, t, {
      phone: this.phoneText ?? prefill.phone,
      email: this.emailText ?? flow.email ?? prefill.email,
    });
  }

  /** Forgets what was submitted (the element's `reset()`). */
  reset(): void {
    this.phoneText = this.emailText = null;
    this.host.requestUpdate();
  }

  /** The light-DOM form's submit event. */
  submit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.busy) return;
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const field = (name: string) => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    };
    const flow = this.hooks.flow();
    this.host.requestUpdate();
    if (flow.step === 'phone') return this.submitPhone((this.phoneText = field('phone')), true);
    this.submitField(flow, field);
  }

  /** A code, email or password: checked by the submit path (a resumed code step waits for it), then the call. */
  private submitField(flow: FlowState, field: (name: string) => string): void {
    const path = submitPath.now();
    if (!path) return this.afterSubmitPath(() => this.submitField(flow, field));
    if (flow.step === 'email') this.emailText = path.cleanEmail(field('email'));
    const action = path.submittedAction(flow, field);
    if (action?.ok) this.hooks.run(action.value);
    else if (action) this.hooks.say(format(this.hooks.strings()[action.problem], RULE_VALUES), 'error');
  }

  /** Parses in the picked country; a country (or `+code`) not loaded yet loads the world's metadata once, then retries. */
  private submitPhone(text: string, mayLoad: boolean): void {
    const { countries, say, strings } = this.hooks;
    const path = submitPath.now();
    if (!path) return this.afterSubmitPath(() => this.submitPhone(text, mayLoad));
    const parsed = path.parsePhone(text, countries.country);
    if (parsed.ok && !countries.offers(parsed.country)) return say(strings().errorPhoneCountry, 'error');
    if (parsed.ok) return this.hooks.run({ type: 'send-phone', phone: parsed.e164 });
    // A calling code none of the offered countries has: refused here, without loading the world's metadata.
    if (parsed.code === 'metadata-not-loaded' && countries.offeredLoaded)
      return say(strings().errorPhoneCountry, 'error');
    if (parsed.code !== 'metadata-not-loaded' || !mayLoad)
      return say(path.phoneProblemText(strings(), parsed.code), 'error');
    const at = this.hooks.flow();
    say(strings().countryLoading, 'progress');
    path.loadPhoneMetadata().then(
      () => this.hooks.flow() === at && this.phoneText === text && this.submitPhone(text, false),
      () => this.hooks.flow() === at && say(strings().countryLoadFailed, 'notice'),
    );
  }

  /**
   * A submit that came before the submit path loaded: "working" until it has, then `next` (on the
   * same state only). A failed load is a `network` error in the person's language, and `vlens-error`;
   * submitting again loads again.
   */
  afterSubmitPath(next: () => void): void {
    const at = this.hooks.flow();
    this.setAwaiting(true);
    this.hooks.say(this.hooks.strings().working, 'progress');
    submitPath.load().then(
      () => {
        this.setAwaiting(false);
        if (this.hooks.flow() !== at) return;
        this.hooks.quiet();
        next();
      },
      (caught: unknown) => {
        this.setAwaiting(false);
        if (this.hooks.flow() !== at) return;
        const error =
          caught instanceof VlensError ? caught : new VlensError('network', String(caught), { cause: caught });
        this.hooks.loadFailed(error, at);
      },
    );
  }

  private setAwaiting(awaiting: boolean): void {
    this.awaitingSubmitPath = awaiting;
    this.host.requestUpdate();
  }
}
