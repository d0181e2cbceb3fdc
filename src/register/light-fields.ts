/**
 * The step's field (phone, code, email or password, with its label, hint and
 * the status line), kept in the element's LIGHT DOM as direct children with
 * `slot` names, so password managers that do not look into shadow roots can
 * find, fill and save them. The inputs belong (through their `form`
 * attribute) to an empty light-DOM `<form>` the element owns; its `submit`
 * event is the one way a step is submitted. The shadow templates place the
 * slots and style them with `::slotted()` (see ./light-fields.styles.ts).
 *
 * The nodes are made with plain DOM calls (no template markers among the
 * host's children) and each carries `data-vlens-owner="<the element's id
 * prefix>"`, so the element can tell its own nodes from a framework's stale
 * copies. Until they exist (see ../controllers/light-fields.ts) the slots
 * show shadow fallback content: the same label, input and hint.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { format, type VlensStrings } from '../i18n/index.js';
import type { FlowState } from './flow.js';
import { PASSWORD_MIN_LENGTH, RULE_VALUES } from './validation.js';

/** The attribute that marks the light-DOM nodes an element made; its value is the element's id prefix. */
export const OWNER_ATTRIBUTE = 'data-vlens-owner';
/** Marks the shadow fallback input that stands in for the light-DOM field until the first interaction. */
export const FALLBACK_ATTRIBUTE = 'data-vlens-fallback';

export type LightField =
  | { kind: 'phone'; label: string; hint: string; value: string }
  /**
   * `hint`: where the code went ("We sent a code to {to}"), shown under the heading and describing the
   * field; `to` (the number or address) fills `{to}`, left-to-right in a `<bdi dir="ltr">`.
   */
  | { kind: 'code'; label: string; hint: string; to: string }
  | { kind: 'email'; label: string; value: string }
  | { kind: 'password'; label: string; hint: string; required: boolean; username: string };

export interface LightFieldsView {
  locale: string;
  /** Changes with the step: a new step gets new inputs (no code typed for the phone shows up for the email). */
  key: string;
  /** The current step's field; null for steps without one. */
  field: LightField | null;
  /** The field is wrong: `aria-invalid`. */
  invalid: boolean;
  /**
   * The live region's text and tone (the sign-in link, when offered, is in the shadow root next to it);
   * `isolate` wraps text in another script or direction (the server's own message) in `<bdi>`.
   */
  status: { text: string; tone: 'error' | 'progress' | 'notice'; isolate?: boolean } | null;
  onSubmit: (event: SubmitEvent) => void;
}

/** The light-DOM id of a field part: `${prefix}-${name}`. */
export function lightId(prefix: string, name: LightPart): string {
  return `${prefix}-${name}`;
}

export type LightPart = 'form' | 'phone' | 'code' | 'email' | 'password' | 'username' | 'hint' | 'status' | 'label';

/** The step's light-DOM field: label, hint and value from what the element knows. */
export function fieldFor(flow: FlowState, t: VlensStrings, text: { phone: string; email: string }): LightField | null {
  switch (flow.step) {
    case 'phone':
      return { kind: 'phone', label: t.phoneLabel, hint: t.phoneHint, value: text.phone };
    case 'phone-code':
    case 'email-code': {
      const [intro, to] = flow.step === 'phone-code' ? [t.phoneCodeIntro, flow.phone] : [t.emailCodeIntro, flow.email];
      return { kind: 'code', label: t.codeLabel, hint: intro, to: to ?? '' };
    }
    case 'email':
      return { kind: 'email', label: t.emailLabel, value: text.email };
    case 'finish': {
      const { password } = flow.config;
      if (password === 'off') return null;
      return {
        kind: 'password',
        label: password === 'required' ? t.passwordLabel : t.passwordOptionalLabel,
        hint: format(t.passwordHint, RULE_VALUES),
        required: password === 'required',
        username: flow.email ?? flow.phone ?? '',
      };
    }
    default:
      return null;
  }
}

/** The hint of a field that has one (phone, code, password). */
const hintOf = (field: LightField | null): string | null => (field && 'hint' in field ? field.hint : null);

/** A hint's text around `{to}` and what fills it (the code steps' number or address), else the whole text. */
const hintParts = (field: LightField): [string, string | null, string] => {
  const hint = hintOf(field) ?? '';
  if (field.kind !== 'code') return [hint, null, ''];
  const at = hint.indexOf('{to}');
  return at < 0 ? [hint, null, ''] : [hint.slice(0, at), field.to, hint.slice(at + 4)];
};

/**
 * Where a step template puts the field: label and input slots. Until the light-DOM field
 * exists, `fallback` is shown in their place from the shadow root (same label and input).
 */
export function fieldSlots(fallback: LightField | null, locale: string): TemplateResult {
  const kind = fallback && FIELD_KINDS[fallback.kind];
  const hint = hintOf(fallback);
  return html`<slot name="field-label"
      >${fallback ? html`<label class="fallback-field-label" lang=${locale} for="field">${fallback.label}</label>` : nothing}</slot
    ><slot name="field"
      >${
        kind
          ? html`<input
            class="fallback-field"
            id="field"
            data-vlens-fallback
            name=${fallback.kind}
            type=${kind.type}
            dir="ltr"
            autocomplete=${kind.autocomplete}
            inputmode=${kind.inputmode}
            enterkeyhint=${kind.enterkeyhint}
            .value=${'value' in fallback ? fallback.value : ''}
            aria-invalid="false"
            aria-describedby=${hint ? 'field-hint' : nothing}
          />`
          : nothing
      }</slot
    >`;
}

/** Where a step template puts the field's hint (under the field, or under the heading on code steps), with its fallback. */
export function hintSlot(fallback: LightField | null, locale: string): TemplateResult {
  if (!fallback || !hintOf(fallback)) return html`<slot name="field-hint"></slot>`;
  const [before, to, after] = hintParts(fallback);
  return html`<slot name="field-hint"
    ><p class="fallback-field-hint" lang=${locale} id="field-hint" ?data-intro=${fallback.kind === 'code'}>
      ${before}${to === null ? nothing : html`<bdi dir="ltr">${to}</bdi>`}${after}
    </p></slot
  >`;
}

/** Where a step template puts the status line; an empty live region stands in until the light-DOM one exists. */
export function statusSlot(fallback: boolean): TemplateResult {
  return html`<slot name="status">${fallback ? html`<div class="fallback-status" aria-live="polite"></div>` : nothing}</slot>`;
}

/** The attributes that tell browsers and password managers what each field holds. */
const FIELD_KINDS = {
  phone: { type: 'tel', autocomplete: 'tel', inputmode: 'tel', enterkeyhint: 'send' },
  code: { type: 'text', autocomplete: 'one-time-code', inputmode: 'numeric', enterkeyhint: 'done' },
  email: { type: 'email', autocomplete: 'email', inputmode: 'email', enterkeyhint: 'send' },
  password: { type: 'password', autocomplete: 'new-password', inputmode: 'text', enterkeyhint: 'done' },
} as const;

type Attributes = Record<string, string | null>;

function setAttributes(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null) element.removeAttribute(name);
    else if (element.getAttribute(name) !== value) element.setAttribute(name, value);
  }
}

/**
 * One element's light-DOM nodes: made once (the input once per step), updated in place, marked
 * with the owner attribute. A value is written to an input only when the element's value for it
 * changed, never over what the person typed since.
 */
export class LightFieldNodes {
  private readonly form: HTMLFormElement;
  private readonly label: HTMLLabelElement;
  private readonly username: HTMLInputElement;
  private readonly hint: HTMLParagraphElement;
  private readonly status: HTMLDivElement;
  private input: HTMLInputElement | null = null;
  private key: string | null = null;
  /** The last value written to each input (as Lit's property bindings do). */
  private readonly written = new WeakMap<HTMLInputElement, string>();
  private statusShown = '';
  private hintShown = '';
  private view: LightFieldsView | null = null;

  constructor(
    private readonly host: HTMLElement,
    private readonly prefix: string,
    private readonly onCodeInput: (event: InputEvent) => void,
  ) {
    this.form = this.make('form');
    setAttributes(this.form, { id: this.id('form'), novalidate: '' });
    this.form.addEventListener('submit', (event) => this.view?.onSubmit(event));
    this.label = this.make('label');
    this.username = this.make('input');
    setAttributes(this.username, {
      form: this.id('form'),
      id: this.id('username'),
      name: 'username',
      type: 'text',
      autocomplete: 'username',
      dir: 'ltr',
      readonly: '',
      hidden: '',
    });
    this.hint = this.make('p');
    this.status = this.make('div');
  }

  /** A new node, marked as this element's. */
  private make<K extends keyof HTMLElementTagNameMap>(tag: K): HTMLElementTagNameMap[K] {
    const node = this.host.ownerDocument.createElement(tag);
    node.setAttribute(OWNER_ATTRIBUTE, this.prefix);
    return node;
  }

  private id(part: LightPart): string {
    return lightId(this.prefix, part);
  }

  /** True for the nodes this element holds now. */
  owns(node: Node): boolean {
    return [this.form, this.label, this.username, this.input, this.hint, this.status].includes(node as never);
  }

  update(view: LightFieldsView): void {
    this.view = view;
    const { field, locale } = view;
    const hint = hintOf(field);
    if (view.key !== this.key || !field) {
      this.input?.remove();
      this.input = field ? this.newInput() : null;
      this.key = view.key;
    }
    if (field)
      setAttributes(this.label, { slot: 'field-label', lang: locale, for: this.id(field.kind), id: this.id('label') });
    if (field && this.label.textContent !== field.label) this.label.textContent = field.label;
    if (field?.kind === 'password') this.write(this.username, field.username);
    if (this.input && field) {
      const kind = FIELD_KINDS[field.kind];
      setAttributes(this.input, {
        slot: 'field',
        form: this.id('form'),
        id: this.id(field.kind),
        name: field.kind,
        type: kind.type,
        dir: 'ltr',
        autocomplete: kind.autocomplete,
        inputmode: kind.inputmode,
        enterkeyhint: kind.enterkeyhint,
        minlength: field.kind === 'password' ? String(PASSWORD_MIN_LENGTH) : null,
        required: field.kind !== 'password' || field.required ? '' : null,
        'aria-invalid': view.invalid ? 'true' : 'false',
        'aria-describedby': hint ? `${this.id('hint')} ${this.id('status')}` : this.id('status'),
      });
      this.write(this.input, 'value' in field ? field.value : '');
    }
    if (hint) {
      const intro = field?.kind === 'code' ? '' : null;
      setAttributes(this.hint, { slot: 'field-hint', lang: locale, id: this.id('hint'), 'data-intro': intro });
    }
    if (field && hint) this.writeHint(field);
    this.updateStatus(view);
    this.place([
      this.form,
      field && this.label,
      field?.kind === 'password' && this.username,
      this.input,
      Boolean(hint) && this.hint,
      this.status,
    ]);
  }

  /** The hint's text; a code step's number or address in a left-to-right `<bdi>` inside it. */
  private writeHint(field: LightField): void {
    const [before, to, after] = hintParts(field);
    const shown = JSON.stringify([before, to, after]);
    if (shown === this.hintShown) return;
    this.hintShown = shown;
    if (to === null) return void (this.hint.textContent = before);
    const bdi = Object.assign(this.host.ownerDocument.createElement('bdi'), { dir: 'ltr', textContent: to });
    this.hint.replaceChildren(before, bdi, after);
  }

  private newInput(): HTMLInputElement {
    const input = this.make('input');
    input.addEventListener('input', (event) => {
      if (input.name === 'code') this.onCodeInput(event);
    });
    return input;
  }

  private write(input: HTMLInputElement, value: string): void {
    if (this.written.get(input) === value) return;
    this.written.set(input, value);
    input.value = value;
  }

  private updateStatus({ status, locale }: LightFieldsView): void {
    setAttributes(this.status, {
      slot: 'status',
      lang: locale,
      id: this.id('status'),
      'data-tone': status?.tone ?? 'none',
      'aria-live': 'polite',
    });
    const shown = JSON.stringify([status?.text ?? '', Boolean(status?.isolate)]);
    if (shown === this.statusShown) return;
    this.statusShown = shown;
    if (!status?.isolate) this.status.textContent = status?.text ?? '';
    else
      this.status.replaceChildren(
        Object.assign(this.host.ownerDocument.createElement('bdi'), { textContent: status.text }),
      );
  }

  /** Puts the wanted nodes in the host in this order (re-inserting any a framework removed) and removes the others. */
  private place(wanted: Array<Element | null | false | undefined>): void {
    const keep = wanted.filter((node): node is Element => Boolean(node));
    for (const node of [this.label, this.username, this.hint]) if (!keep.includes(node)) node.remove();
    let previous: Element | null = null;
    for (const node of keep) {
      if (node.parentNode !== this.host) {
        if (previous) previous.after(node);
        else this.host.append(node);
      }
      previous = node;
    }
  }
}
