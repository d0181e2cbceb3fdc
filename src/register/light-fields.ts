/**
 * The step's field (phone, code, email or password, with its label, hint and
 * the status line), rendered into the element's LIGHT DOM as direct children
 * with `slot` names, so password managers that do not look into shadow roots
 * can find, fill and save them. The inputs belong (through their `form`
 * attribute) to an empty light-DOM `<form>` the element owns; its `submit`
 * event is the one way a step is submitted. The shadow templates place the
 * slots and style them with `::slotted()` (see ./light-fields.styles.ts).
 */
import { html, nothing, render, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { format, type VlensStrings } from '../i18n/index.js';
import type { FlowState } from './flow.js';
import { PASSWORD_MIN_LENGTH, RULE_VALUES } from './validation.js';

/** Slot names the step templates place. */
export const LIGHT_SLOTS = { label: 'field-label', field: 'field', hint: 'field-hint', status: 'status' } as const;

export type LightField =
  | { kind: 'phone'; label: string; hint: string; value: string }
  | { kind: 'code'; label: string }
  | { kind: 'email'; label: string; value: string }
  | { kind: 'password'; label: string; hint: string; required: boolean; username: string };

export interface LightFieldsView {
  /** The element's unique id prefix (ids live in the page's tree, so two widgets must not clash). */
  prefix: string;
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
  onSubmit(event: SubmitEvent): void;
  /** Input in the code field. */
  onCodeInput(event: InputEvent): void;
}

/** The light-DOM id of a field part: `${prefix}-${name}`. */
export function lightId(prefix: string, name: LightPart): string {
  return `${prefix}-${name}`;
}

export type LightPart = 'form' | 'phone' | 'code' | 'email' | 'password' | 'username' | 'hint' | 'status' | 'label';

/** The step's light-DOM field: label, hint and value from what the element knows. */
export function fieldFor(
  flow: FlowState,
  t: VlensStrings,
  text: { phone: string; email: string },
): LightField | null {
  switch (flow.step) {
    case 'phone':
      return { kind: 'phone', label: t.phoneLabel, hint: t.phoneHint, value: text.phone };
    case 'phone-code':
    case 'email-code':
      return { kind: 'code', label: t.codeLabel };
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

/** Renders (or updates) the light-DOM fields of `host`; the host's other children are left alone. */
export function renderLightFields(host: HTMLElement, view: LightFieldsView): void {
  render(lightFieldsTemplate(view), host, { host });
}

/** Where a step template puts the field: label, input and hint (the status has its own slot). */
export const fieldSlots = () => html`<slot name="field-label"></slot><slot name="field"></slot><slot name="field-hint"></slot>`;

/** Where a step template puts the status line. */
export const statusSlot = () => html`<slot name="status"></slot>`;

function lightFieldsTemplate(view: LightFieldsView): TemplateResult {
  const { prefix, locale, field } = view;
  const id = (name: LightPart) => lightId(prefix, name);
  const hasHint = field?.kind === 'phone' || field?.kind === 'password';
  const describedBy = hasHint ? `${id('hint')} ${id('status')}` : id('status');
  const invalid = view.invalid ? 'true' : 'false';
  const form = id('form');
  return html`<form id=${form} novalidate @submit=${view.onSubmit}></form>
    ${field ? html`<label slot=${LIGHT_SLOTS.label} lang=${locale} for=${id(field.kind)} id=${id('label')}>${field.label}</label>` : nothing}
    ${keyed(view.key, fieldInput(view, form, describedBy, invalid))}
    ${hasHint ? html`<p slot=${LIGHT_SLOTS.hint} lang=${locale} id=${id('hint')}>${field.hint}</p>` : nothing}
    <div
      slot=${LIGHT_SLOTS.status}
      lang=${locale}
      id=${id('status')}
      part=${view.status ? `status ${view.status.tone}` : 'status'}
      data-tone=${view.status?.tone ?? 'none'}
      aria-live="polite"
    >${view.status?.isolate ? html`<bdi>${view.status.text}</bdi>` : (view.status?.text ?? '')}</div>`;
}

/** The attributes that tell browsers and password managers what each field holds. */
const FIELD_KINDS = {
  phone: { type: 'tel', autocomplete: 'tel', inputmode: 'tel', enterkeyhint: 'send' },
  code: { type: 'text', autocomplete: 'one-time-code', inputmode: 'numeric', enterkeyhint: 'done' },
  email: { type: 'email', autocomplete: 'email', inputmode: 'email', enterkeyhint: 'send' },
  password: { type: 'password', autocomplete: 'new-password', inputmode: 'text', enterkeyhint: 'done' },
} as const;

function fieldInput(view: LightFieldsView, form: string, describedBy: string, invalid: string): TemplateResult | typeof nothing {
  const { field, prefix } = view;
  if (!field) return nothing;
  const kind = FIELD_KINDS[field.kind];
  const input = html`<input
    slot=${LIGHT_SLOTS.field}
    form=${form}
    id=${lightId(prefix, field.kind)}
    name=${field.kind}
    type=${kind.type}
    dir="ltr"
    autocomplete=${kind.autocomplete}
    inputmode=${kind.inputmode}
    enterkeyhint=${kind.enterkeyhint}
    minlength=${field.kind === 'password' ? PASSWORD_MIN_LENGTH : nothing}
    ?required=${field.kind !== 'password' || field.required}
    .value=${'value' in field ? field.value : ''}
    @input=${field.kind === 'code' ? view.onCodeInput : nothing}
    aria-invalid=${invalid}
    aria-describedby=${describedBy}
  />`;
  if (field.kind !== 'password') return input;
  // The account name a password manager saves with the new password.
  return html`<input
      form=${form}
      id=${lightId(prefix, 'username')}
      name="username"
      type="text"
      autocomplete="username"
      dir="ltr"
      readonly
      hidden
      .value=${field.username}
    />${input}`;
}
