/**
 * One element's light-DOM field, label, hint and status line (see ./light-fields.ts): made with
 * plain DOM calls, marked with the owner attribute, updated in place. A lazy module, requested when
 * the element connects (../controllers/light-fields.ts): the first screen shows the shadow fallback
 * until it is in.
 */
import {
  FIELD_KINDS,
  hintOf,
  hintParts,
  lightId,
  OWNER_ATTRIBUTE,
  type LightField,
  type LightFieldsView,
  type LightPart,
} from './light-fields.js';
import { PASSWORD_MIN_LENGTH } from './rules.js';
import { codeAsTyped } from './validation.js';

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
    /** A whole code was typed or pasted: submit it (unless a call is in flight). */
    private readonly onWholeCode: () => void,
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
      if (input.name === 'code') this.onCodeInput(input, event);
    });
    return input;
  }

  /** The code field keeps its digits (a pasted message keeps its one whole code); a whole code submits itself. */
  private onCodeInput(input: HTMLInputElement, event: InputEvent): void {
    const typed = codeAsTyped(input.value, event.inputType === 'insertFromPaste');
    if (typed.value !== null && typed.value !== input.value) input.value = typed.value;
    if (typed.complete) this.onWholeCode();
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
