/**
 * The React component host: `<VlensRegister>` from `vlens-register/react` (src/react/), its token
 * delivered through `onRegistered`, the host's step line re-rendered from `onStepChange`. The same
 * app is server-rendered and hydrated, rendered in the browser only, or server-rendered on a first
 * page whose link renders the registration in the browser (client-side navigation); in React 18
 * and 19 (host-pages.mjs bundles it with either).
 */
import { createElement as h, useEffect, useRef, useState } from 'react';
import { VlensRegister } from '../../../../src/react/index.js';
import type { VlensRegisterElement } from '../../../../src/react/index.js';
import { ENDPOINT } from '../probe-types.js';

export type View = 'register' | 'home';

export function App({ start, onMounted }: { start: View; onMounted?: () => void }) {
  const [view, setView] = useState<View>(start);
  const [step, setStep] = useState('phone');
  const widget = useRef<VlensRegisterElement>(null);
  // Effects run only in the browser, once hydration or the client render has committed.
  useEffect(() => onMounted?.(), [onMounted]);
  useEffect(() => {
    if (view !== 'register') return;
    globalThis.hostProbe!.refElement = widget.current;
    globalThis.hostProbe!.ready = true;
  }, [view]);
  const link = h(
    'a',
    {
      id: 'go-register',
      href: '#register',
      onClick: (event: MouseEvent) => {
        event.preventDefault();
        history.pushState(null, '', '#register');
        setView('register');
      },
    },
    'Create an account',
  );
  const widgetElement = h(VlensRegister, {
    ref: widget,
    endpoint: ENDPOINT,
    emailStep: 'auto',
    onRegistered: (event) => globalThis.hostProbe!.registered.push(event.detail),
    onStepChange: (event) => setStep(event.detail.to),
  });
  return h(
    'main',
    null,
    h('h1', null, 'Register'),
    view === 'home' ? link : widgetElement,
    h('p', { id: 'host-step' }, step),
  );
}
