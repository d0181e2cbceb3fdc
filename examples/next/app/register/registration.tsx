'use client';
import { useState } from 'react';
import { VlensRegister, type VlensRegisteredDetail } from 'vlens-register/react';

/**
 * The widget and what to do with its token. Handlers are functions, so they live in a client
 * component; `vlens-register/react` is itself marked 'use client'.
 */
export function Registration() {
  const [registered, setRegistered] = useState<VlensRegisteredDetail | null>(null);
  const [step, setStep] = useState('phone');
  return (
    <>
      <VlensRegister
        endpoint="/api/vlens"
        onRegistered={(event) => {
          // Hand the token to your session here (e.g. POST it to your own API); never log it.
          setRegistered(event.detail);
        }}
        onError={(event) => console.info('vlens-error', event.detail.kind, event.detail.step)}
        onStepChange={(event) => setStep(event.detail.to)}
      />
      <p id="step">{step}</p>
      {registered && (
        <p id="registered" data-token-received={registered.accessToken ? 'yes' : 'no'}>
          Welcome, {registered.user?.phoneNumber}
        </p>
      )}
    </>
  );
}
