/**
 * The React host: <vlens-register> in a component, with React 19's own custom-element event binding
 * (`onvlens-registered` adds a `vlens-registered` listener). Rendered by react-dom/server in the dev
 * server (host-pages.mjs) and hydrated by ./client.ts.
 */
import { createElement as h, useEffect, useState } from 'react';
import type { VlensRegisteredDetail, VlensStepChangeDetail } from '../../../../src/events.js';
import { ENDPOINT } from '../probe-types.js';

export function App() {
  const [step, setStep] = useState('phone');
  // Effects run only in the browser, once hydration has committed.
  useEffect(() => {
    globalThis.hostProbe!.ready = true;
  }, []);
  return h(
    'main',
    null,
    h('h1', null, 'Register'),
    h('vlens-register', {
      endpoint: ENDPOINT,
      'email-step': 'auto',
      'onvlens-registered': (event: CustomEvent<VlensRegisteredDetail>) => globalThis.hostProbe!.registered.push(event.detail),
      'onvlens-step-change': (event: CustomEvent<VlensStepChangeDetail>) => setStep(event.detail.to),
    }),
    h('p', { id: 'host-step' }, step),
  );
}
