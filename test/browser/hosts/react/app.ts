/**
 * The React host: <vlens-register> in a component, rendered by react-dom/server in the dev server
 * (host-pages.mjs) and hydrated by ./client.ts. Its events are bound with a ref and addEventListener:
 * React 19 attaches `on<event>` props of a custom element when it creates the element, but not when
 * it hydrates a server-rendered one (react/react#35446, open: https://github.com/react/react/issues/35446), so `onvlens-registered` would never
 * fire on this page.
 */
import { createElement as h, useEffect, useRef, useState } from 'react';
import type { VlensRegisteredDetail, VlensStepChangeDetail } from '../../../../src/events.js';
import { ENDPOINT } from '../probe-types.js';

export function App() {
  const [step, setStep] = useState('phone');
  const widget = useRef<HTMLElement>(null);
  // Effects run only in the browser, once hydration has committed.
  useEffect(() => {
    const el = widget.current!;
    const onRegistered = (event: Event) =>
      globalThis.hostProbe!.registered.push((event as CustomEvent<VlensRegisteredDetail>).detail);
    const onStep = (event: Event) => setStep((event as CustomEvent<VlensStepChangeDetail>).detail.to);
    el.addEventListener('vlens-registered', onRegistered);
    el.addEventListener('vlens-step-change', onStep);
    globalThis.hostProbe!.ready = true;
    return () => {
      el.removeEventListener('vlens-registered', onRegistered);
      el.removeEventListener('vlens-step-change', onStep);
    };
  }, []);
  return h(
    'main',
    null,
    h('h1', null, 'Register'),
    h('vlens-register', { ref: widget, endpoint: ENDPOINT, 'email-step': 'auto' }),
    h('p', { id: 'host-step' }, step),
  );
}
