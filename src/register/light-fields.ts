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
 * show shadow fallback content: the same label, input and hint. The nodes
 * themselves are made by ./light-field-nodes.ts, a lazy module the element
 * requests when it connects (a person types into the fallback meanwhile).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { format, type VlensStrings } from '../i18n/index.js';
import type { FlowState } from './flow.js';
import { RULE_VALUES } from './rules.js';

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
export const hintOf = (field: LightField | null): string | null => (field && 'hint' in field ? field.hint : null);

/** A hint's text around `{to}` and what fills it (the code steps' number or address), else the whole text. */
export const hintParts = (field: LightField): [string, string | null, string] => {
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

/**
 * Where a step template puts the status line; until the light-DOM one exists a live region stands in,
 * with the message when there is one (a submit that waits for, or failed to load, the code it needs).
 */
export function statusSlot(fallback: boolean, message?: { text: string; tone: string } | null): TemplateResult {
  return html`<slot name="status"
    >${fallback ? html`<div class="fallback-status" aria-live="polite" data-tone=${message?.tone ?? 'none'}>${message?.text ?? ''}</div>` : nothing}</slot
  >`;
}

/** The attributes that tell browsers and password managers what each field holds. */
export const FIELD_KINDS = {
  phone: { type: 'tel', autocomplete: 'tel', inputmode: 'tel', enterkeyhint: 'send' },
  code: { type: 'text', autocomplete: 'one-time-code', inputmode: 'numeric', enterkeyhint: 'done' },
  email: { type: 'email', autocomplete: 'email', inputmode: 'email', enterkeyhint: 'send' },
  password: { type: 'password', autocomplete: 'new-password', inputmode: 'text', enterkeyhint: 'done' },
} as const;
