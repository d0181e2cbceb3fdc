// React 18 and 19, with or without server rendering (Next.js App Router included): the component from
// vlens-register/react binds its handlers after hydration too, and is marked 'use client'.
import { useState } from 'react';
import { VlensRegister, type VlensRegisteredDetail } from 'vlens-register/react';

export function Registration({ onRegistered }: { onRegistered: (detail: VlensRegisteredDetail) => void }) {
  const [step, setStep] = useState('phone');
  return (
    <>
      <VlensRegister
        endpoint="/api/vlens"
        emailStep="auto"
        onRegistered={(event) => onRegistered(event.detail)}
        onStepChange={(event) => setStep(event.detail.to)}
        onError={(event) => console.warn(event.detail.kind, event.detail.error_message)}
      />
      <p>Step: {step}</p>
    </>
  );
}
