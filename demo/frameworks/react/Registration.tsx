// React 19: custom element events bind as on + the event name. Types: add "vlens-register/react" to compilerOptions.types.
import { useState } from 'react';
import 'vlens-register/vlens-register.js';
import type { VlensRegisteredDetail } from 'vlens-register';

export function Registration({ onRegistered }: { onRegistered: (detail: VlensRegisteredDetail) => void }) {
  const [step, setStep] = useState('phone');
  return (
    <>
      <vlens-register
        endpoint="/api/vlens"
        email-step="auto"
        onvlens-registered={(event) => onRegistered(event.detail)}
        onvlens-step-change={(event) => setStep(event.detail.to)}
        onvlens-error={(event) => console.warn(event.detail.kind, event.detail.error_message)}
      />
      <p>Step: {step}</p>
    </>
  );
}
