'use client';
/**
 * `vlens-register/react`: `<VlensRegister>`, the element as a React component (made with
 * `@lit/react`), for React 18 and 19, with or without server rendering.
 *
 * Why a component rather than `<vlens-register onvlens-registered={…}>`: React 19 binds a custom
 * element's `on…` props when it creates the element, not when it hydrates a server-rendered one
 * (react/react#35446), so on a server-rendered page that handler never runs. This component adds
 * its listeners in a layout effect, which runs after hydration, after a client render and after
 * client-side navigation alike. `'use client'` marks it for React Server Components (Next.js App
 * Router): a server component may render it; it runs in the browser.
 *
 * Every element property is a prop, set as a property in the browser; on the server those that
 * have an attribute are written as that attribute, so a server-rendered tag already carries its
 * `endpoint`, `email-step`… when the widget's module upgrades it before hydration.
 * Importing this module defines `<vlens-register>` (guarded, as `vlens-register/vlens-register.js`).
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { LitElement } from 'lit';
import { VlensRegister as VlensRegisterElement } from '../vlens-register.js';
import type { VlensEventMap } from '../events.js';

/** Lit's own members (lifecycle, render, controllers): not props. */
type LitMember = keyof LitElement;
type WritableKeys<T> = {
  [K in keyof T]-?: T[K] extends (...args: never[]) => unknown ? never : K;
}[keyof T];

/** The element's own properties, each a prop (`step` is read-only: it reports, it is not set). */
export type VlensRegisterElementProps = Partial<
  Pick<VlensRegisterElement, Exclude<WritableKeys<VlensRegisterElement>, LitMember | 'step'>>
>;

/** The element's events as React props, typed by the element's event map. */
export interface VlensRegisterEventProps {
  /** `vlens-registered`: the account exists; `event.detail.accessToken` is the user's token. */
  onRegistered?: (event: VlensEventMap['vlens-registered']) => void;
  /** `vlens-error`: a call failed; detail: envelope, step, status, kind. */
  onError?: (event: VlensEventMap['vlens-error']) => void;
  /** `vlens-step-change`: the step changed; detail: `{ from, to }`. */
  onStepChange?: (event: VlensEventMap['vlens-step-change']) => void;
}

/** `<VlensRegister>`'s props: the element's properties, its events, and the HTML attributes React knows. */
export type VlensRegisterProps = VlensRegisterElementProps &
  VlensRegisterEventProps &
  Omit<React.HTMLAttributes<VlensRegisterElement>, keyof VlensRegisterElementProps | keyof VlensRegisterEventProps> &
  React.RefAttributes<VlensRegisterElement>;

const events = {
  onRegistered: 'vlens-registered' as EventName<VlensEventMap['vlens-registered']>,
  onError: 'vlens-error' as EventName<VlensEventMap['vlens-error']>,
  onStepChange: 'vlens-step-change' as EventName<VlensEventMap['vlens-step-change']>,
};

const LitWrapped = createComponent({
  react: React,
  tagName: 'vlens-register',
  elementClass: VlensRegisterElement,
  events,
  displayName: 'VlensRegisterElement',
});

/**
 * Lit's attribute name of each property that has one (`emailStep` → `email-step`), read from the
 * element's own property declarations.
 */
function attributeNameOf(property: string): string | undefined {
  const options = VlensRegisterElement.elementProperties.get(property);
  if (options?.attribute === false) return undefined;
  return typeof options?.attribute === 'string' ? options.attribute : property.toLowerCase();
}

/**
 * The server's tag: element properties that have an attribute written as that attribute (text and
 * numbers as text, `true` as present), event handlers and other properties left for the browser,
 * the rest as React writes it (`className` as `class`, as `@lit/react` does).
 */
function serverProps(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { suppressHydrationWarning: true };
  for (const [key, value] of Object.entries(props)) {
    if (key in events) continue;
    if (VlensRegisterElement.elementProperties.has(key)) {
      const name = attributeNameOf(key);
      if (name === undefined) continue;
      if (typeof value === 'string' || typeof value === 'number') out[name] = String(value);
      else if (value === true) out[name] = '';
      continue;
    }
    out[key === 'className' ? 'class' : key] = value;
  }
  return out;
}

/**
 * `<vlens-register>` for React: `<VlensRegister endpoint="/api/vlens" onRegistered={(e) => …} />`.
 * `ref` is the element. On the server it renders the tag with its attributes; in the browser
 * `@lit/react` sets the properties and listeners once React has the element (hydrated or made).
 */
export const VlensRegister = React.forwardRef<VlensRegisterElement, Omit<VlensRegisterProps, 'ref'>>(
  function VlensRegister(props, ref) {
    if (typeof window === 'undefined') return React.createElement('vlens-register', serverProps(props));
    return React.createElement(LitWrapped, { ...props, ref } as React.ComponentProps<typeof LitWrapped>);
  },
);

export { VlensRegisterElement };
// The JSX types of the bare `<vlens-register>` (src/types/react.d.ts) come along with the component's.
export type * from '../types/react.js';
export type { VlensRegisteredDetail, VlensErrorDetail, VlensStepChangeDetail, VlensEventMap } from '../events.js';
