/**
 * The step's light-DOM field, label, hint and status line (see
 * ../register/light-fields.ts): kept up to date after every host update, so
 * the element's `render()` stays free of side effects, plus the code field's
 * own behaviour (digits kept, a whole code submits itself). Ids are
 * `vlens-<n>-<part>`, unique per element.
 *
 * Hydration without a mismatch: the element adds no light-DOM children when
 * it connects. They are made at the first interaction with the element
 * (`pointerdown`, `focusin` or `keydown` inside it) or once the flow is past
 * its first step (`active()`); until then the slots show shadow fallback
 * content, a real labelled input. On that interaction the light input is made
 * synchronously and takes the fallback's value, caret and focus, so nothing
 * typed is lost and password managers find the light fields from then on.
 * The nodes' module is lazy (requested when the element connects): an
 * interaction, a flow past its first step or a submit that comes before it
 * has loaded makes the fields as soon as it has (the same hand-over of value,
 * caret and focus), and the submit follows; a failed load is reported through
 * `loadFailed` and tried again at the next interaction or submit.
 * A framework that server-rendered `<vlens-register>` therefore hydrates
 * exactly the children it rendered; no timer or "after a frame" guess is
 * involved, so a late hydration cannot race it.
 *
 * Own children only: every node made here carries `data-vlens-owner` with
 * this element's prefix. On connect and after every update, marked children
 * that are not this element's current nodes (a template's stale copy, e.g.
 * Vue reading an in-DOM template's innerHTML) are removed; the host's other
 * children are left alone.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  FALLBACK_ATTRIBUTE,
  lightId,
  OWNER_ATTRIBUTE,
  type LightFieldsView,
  type LightPart,
} from '../register/light-fields.js';
import type { LightFieldNodes } from '../register/light-field-nodes.js';
import { lightFieldNodes } from '../register/lazy-parts.js';

let counter = 0;

/** What the host decides about its light-DOM fields. */
export type LightFieldsState = LightFieldsView;

export interface LightFieldsOptions {
  /** What to render now; read after each host update. */
  view(): LightFieldsState;
  /** A call is in flight: a whole code waits instead of submitting itself. */
  busy(): boolean;
  /** The flow is past its first step: the light-DOM fields are needed without an interaction. */
  active(): boolean;
  /** The nodes' module did not load when a submit needed it (a `network` failure to show). */
  loadFailed(error: unknown): void;
}

const INTERACTIONS = ['pointerdown', 'focusin', 'keydown'] as const;

export class LightFieldsController implements ReactiveController {
  /** This element's id prefix: `vlens-1`, `vlens-2`, ... (the fields live in the page's tree). */
  readonly prefix = `vlens-${++counter}`;
  private nodes: LightFieldNodes | null = null;
  /** The fields were asked for (an interaction, the flow) before their module loaded; a submit too. */
  private wanted: { submit: boolean } | null = null;
  private readonly onInteraction = (event: Event) => this.interacted(event);

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: LightFieldsOptions,
  ) {
    host.addController(this);
  }

  /** The light-DOM fields exist (else the shadow fallback shows). */
  get created(): boolean {
    return this.nodes !== null;
  }

  hostConnected(): void {
    for (const type of INTERACTIONS) this.host.addEventListener(type, this.onInteraction, { capture: true });
    this.removeStale();
    lightFieldNodes.preload();
  }

  hostDisconnected(): void {
    for (const type of INTERACTIONS) this.host.removeEventListener(type, this.onInteraction, { capture: true });
  }

  hostUpdated(): void {
    if (!this.nodes && this.options.active()) this.create();
    this.nodes?.update(this.options.view());
    this.removeStale();
  }

  /** One of the light-DOM nodes this element made, by part. */
  node<T extends HTMLElement = HTMLInputElement>(part: LightPart): T | null {
    return this.host.querySelector<T>(`:scope > #${lightId(this.prefix, part)}`);
  }

  /** The step's light-DOM input, if it has one. */
  input(): HTMLInputElement | null {
    return this.host.querySelector<HTMLInputElement>(
      `:scope > input[slot="field"][${OWNER_ATTRIBUTE}="${this.prefix}"]`,
    );
  }

  /** Submits the light-DOM form (its `submit` event carries every step), as a button would; makes it first if needed. */
  submit(): void {
    if (!this.nodes) this.create(true);
    this.node<HTMLFormElement>('form')?.requestSubmit();
  }

  /** A code from elsewhere (WebOTP): fill the code field and go on as if it was typed. */
  fillCode(code: string): void {
    const input = this.node('code');
    if (!input || this.options.busy()) return;
    input.value = code;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: code }));
  }

  private interacted(event: Event): void {
    if (this.nodes) return;
    const fallback = this.fallback();
    // A press on the fallback input itself is left to focus it: its `focusin` makes the swap (a node
    // removed under the pointer before its default action would lose that focus).
    if (event.type === 'pointerdown' && fallback && event.composedPath()[0] === fallback) return;
    this.create();
  }

  /**
   * Makes the light-DOM fields now (the fallback's value, caret and focus move to the light input), or
   * as soon as their module has loaded, then submits if `submit` was asked meanwhile.
   */
  private create(submit = false): void {
    const module = lightFieldNodes.now();
    if (!module) {
      const first = !this.wanted;
      this.wanted = { submit: submit || Boolean(this.wanted?.submit) };
      if (first) this.whenLoaded();
      return;
    }
    const fallback = this.fallback();
    const focused = fallback !== null && this.host.shadowRoot?.activeElement === fallback;
    this.nodes = new module.LightFieldNodes(this.host, this.prefix, () => !this.options.busy() && this.submit());
    this.nodes.update(this.options.view());
    this.removeStale();
    const input = this.input();
    if (fallback && input) {
      input.value = fallback.value;
      if (focused) {
        input.focus();
        input.setSelectionRange(
          fallback.selectionStart,
          fallback.selectionEnd,
          fallback.selectionDirection ?? undefined,
        );
      }
    }
    this.host.requestUpdate();
  }

  /** The fields once their module is in (a submit asked meanwhile follows); a failed load is reported if a submit waited. */
  private whenLoaded(): void {
    lightFieldNodes.load().then(
      () => {
        const submit = this.wanted?.submit;
        this.wanted = null;
        if (this.nodes || !this.host.isConnected) return;
        this.create();
        if (submit) this.node<HTMLFormElement>('form')?.requestSubmit();
      },
      (error: unknown) => {
        const submit = this.wanted?.submit;
        this.wanted = null;
        if (submit) this.options.loadFailed(error);
      },
    );
  }

  private fallback(): HTMLInputElement | null {
    return this.host.shadowRoot?.querySelector<HTMLInputElement>(`input[${FALLBACK_ATTRIBUTE}]`) ?? null;
  }

  /** Removes marked children that are not this element's current nodes (stale copies); never touches others. */
  private removeStale(): void {
    for (const child of [...this.host.children]) {
      if (child.hasAttribute(OWNER_ATTRIBUTE) && !this.nodes?.owns(child)) child.remove();
    }
  }
}
