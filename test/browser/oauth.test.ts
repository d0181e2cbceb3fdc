/**
 * Registration with Google or Microsoft, in Chromium, through the real proxy and stand-in.
 * Tokens come from the dev sign-in endpoint (signed by the stand-in's dev issuers), through a
 * custom `idTokenProvider` or the demo's dev sign-in dialog: the real adapters are covered in
 * oauth-lazy.test.ts.
 */
import { expect, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import { createDevIdTokenProvider, fetchDevIdToken, type DevTokenVariant } from '../../demo/dev-sign-in.js';
import { OAuthCancelledError, type IdTokenProvider, type OAuthProviderName } from '../../src/oauth/types.js';
import { en } from '../../src/i18n/en.js';
import {
  ENDPOINT,
  enterCodeFor,
  enterPhone,
  errorText,
  freshStandIn,
  mount,
  part,
  query,
  record,
  standIn,
  submitButton,
  type,
  uniquePhone,
  waitForStep,
} from './helpers.js';
import type { VlensRegister } from '../../src/register/vlens-register.component.js';

let counter = 0;
const uniqueEmail = (tag: string) => `oauth.${tag}.${Date.now()}.${(counter += 1)}@example.com`;

/** A provider that hands out dev tokens, one variant per call in turn (the last one repeats). */
function devProvider(email: string, variants: DevTokenVariant[] = ['valid']) {
  const asked: OAuthProviderName[] = [];
  const provider: IdTokenProvider = async (name) => {
    const variant = variants[Math.min(asked.length, variants.length - 1)];
    asked.push(name);
    return fetchDevIdToken(name, email, { variant });
  };
  return { provider, asked };
}

/** Mounts a widget with both providers and walks it to the email step. */
async function atEmailStep(idTokenProvider?: IdTokenProvider): Promise<VlensRegister> {
  const el = await mount(
    html`<vlens-register
      endpoint=${ENDPOINT}
      email-step="required"
      oauth-providers="google microsoft"
      .idTokenProvider=${idTokenProvider ?? null}
    ></vlens-register>`,
  );
  const phone = await uniquePhone();
  await enterPhone(el, phone);
  await enterCodeFor(el, phone);
  await waitForStep(el, 'email');
  return el;
}

const providerButton = (el: VlensRegister, name: OAuthProviderName) =>
  part<HTMLButtonElement>(el, `button[part~="oauth-${name}"]`);

describe('vlens-register: OAuth', () => {
  beforeEach(async () => {
    await freshStandIn();
    // Register then needs a verified email: it succeeds only with the OAuth request id.
    await standIn.configure({ emailRequired: true });
  });

  it('passes an accessibility audit with the providers beside the email code', async () => {
    const el = await atEmailStep(devProvider('a@example.com').provider);
    await expect(el).to.be.accessible();
    expect(providerButton(el, 'google').textContent.trim()).to.equal(en.continueWithGoogle);
    expect(providerButton(el, 'microsoft').textContent.trim()).to.equal(en.continueWithMicrosoft);
    expect(query(el, '#email'), 'the email code stays on offer').to.exist;
  });

  for (const name of ['google', 'microsoft'] as const) {
    it(`registers with ${name}: the verified email shows before finishing, Register carries the OAuth request id`, async () => {
      const email = uniqueEmail(name);
      const { provider, asked } = devProvider(email);
      const el = await atEmailStep(provider);
      const steps = record(el, 'vlens-step-change');
      const errors = record(el, 'vlens-error');
      const registered = record(el, 'vlens-registered');

      providerButton(el, name).click();
      await waitForStep(el, 'finish');
      expect(asked).to.deep.equal([name]);
      expect(part(el, '[part~="verified-email"]').textContent).to.contain(email);
      await expect(el).to.be.accessible();

      submitButton(el).click();
      await waitForStep(el, 'done');
      expect(steps.map((s) => s.to)).to.deep.equal(['oauth', 'finish', 'done']);
      expect(errors).to.deep.equal([]);
      expect(registered[0].user?.emailAddress).to.equal(email);
      const calls = await standIn.calls();
      expect(calls['Register/StepVerifyOAuthToken']).to.equal(1);
      expect(calls['Register/StepVerifyEmail'], 'no email code was sent').to.equal(undefined);
    });
  }

  for (const variant of ['unknown-issuer', 'expired'] as const) {
    it(`rejects a token (${variant}): message, vlens-error, then the person can pick again`, async () => {
      const email = uniqueEmail(variant);
      const { provider, asked } = devProvider(email, [variant, 'valid']);
      const el = await atEmailStep(provider);
      const errors = record(el, 'vlens-error');

      providerButton(el, 'google').click();
      await waitUntil(() => errors.length > 0, 'vlens-error');
      await el.updateComplete;
      expect(el.step).to.equal('oauth');
      expect(errors).to.have.length(1);
      expect(errors[0]).to.include({ step: 'oauth', kind: 'api' });
      expect(errorText(el)).to.equal(en.oauthRejected.replace('{provider}', 'Google'));
      await expect(el).to.be.accessible();

      // Pick again: back to the choice, then Microsoft with a good token.
      part<HTMLButtonElement>(el, 'button[part~="back"]').click();
      await waitForStep(el, 'email');
      expect(errorText(el)).to.equal('');
      providerButton(el, 'microsoft').click();
      await waitForStep(el, 'finish');
      expect(asked).to.deep.equal(['google', 'microsoft']);
      submitButton(el).click();
      await waitForStep(el, 'done');
      expect(errors).to.have.length(1);
    });
  }

  it('after a rejected token, tries the same provider again, or falls back to the email code', async () => {
    const email = uniqueEmail('fallback');
    const { provider, asked } = devProvider(email, ['wrong-audience']);
    const el = await atEmailStep(provider);
    const errors = record(el, 'vlens-error');

    providerButton(el, 'microsoft').click();
    await waitUntil(() => errors.length === 1, 'first vlens-error');
    part<HTMLButtonElement>(el, 'button[part~="retry"]').click();
    await waitUntil(() => errors.length === 2, 'the retry fails too');
    expect(asked).to.deep.equal(['microsoft', 'microsoft']);

    part<HTMLButtonElement>(el, 'button[part~="back"]').click();
    await waitForStep(el, 'email');
    type(el, '#email', email);
    submitButton(el).click();
    await waitForStep(el, 'email-code');
    await enterCodeFor(el, email);
    await waitForStep(el, 'finish');
    submitButton(el).click();
    await waitForStep(el, 'done');
  });

  it('treats a closed sign-in as a cancellation: back to the choice, no vlens-error, no message', async () => {
    const el = await atEmailStep(async (name) => {
      throw new OAuthCancelledError(name);
    });
    const steps = record(el, 'vlens-step-change');
    const errors = record(el, 'vlens-error');

    providerButton(el, 'google').click();
    await waitUntil(() => steps.length === 2, 'email → oauth → email');
    await el.updateComplete;
    expect(el.step).to.equal('email');
    expect(steps).to.deep.equal([
      { from: 'email', to: 'oauth' },
      { from: 'oauth', to: 'email' },
    ]);
    expect(errors).to.deep.equal([]);
    expect(errorText(el)).to.equal('');
    expect(el.shadowRoot!.activeElement?.id).to.equal('heading');
  });

  it('reports a provider that fails (not a cancellation) and lets the person go back', async () => {
    const el = await atEmailStep(async () => {
      throw new Error('The popup was blocked');
    });
    const errors = record(el, 'vlens-error');
    providerButton(el, 'microsoft').click();
    await waitUntil(() => errors.length === 1, 'vlens-error');
    await el.updateComplete;
    expect(errors[0]).to.include({ step: 'oauth', kind: 'config' });
    expect(errorText(el)).to.equal(en.oauthFailed.replace('{provider}', 'Microsoft'));
    part<HTMLButtonElement>(el, 'button[part~="back"]').click();
    await waitForStep(el, 'email');
  });

  it('runs with the demo’s dev sign-in dialog: choose an email, or close it', async () => {
    const el = await atEmailStep(createDevIdTokenProvider());
    const errors = record(el, 'vlens-error');

    providerButton(el, 'microsoft').click();
    const dialog = await waitForDialog('microsoft');
    dialog.querySelector<HTMLButtonElement>('button[value="close"]')!.click();
    await waitForStep(el, 'email');
    expect(errors).to.deep.equal([]);

    const email = uniqueEmail('dialog');
    providerButton(el, 'google').click();
    const again = await waitForDialog('google');
    again.querySelector<HTMLInputElement>('input[name="email"]')!.value = email;
    again.querySelector<HTMLButtonElement>('button[value="sign-in"]')!.click();
    await waitForStep(el, 'finish');
    expect(part(el, '[part~="verified-email"]').textContent).to.contain(email);
    expect(errors).to.deep.equal([]);
  });

  it('speaks Arabic on the choice and the rejection', async () => {
    document.documentElement.lang = 'ar';
    try {
      const { ar } = await import('../../src/i18n/ar.js');
      const el = await atEmailStep(devProvider('ar@example.com', ['expired']).provider);
      expect(providerButton(el, 'google').textContent.trim()).to.equal(ar.continueWithGoogle);
      const errors = record(el, 'vlens-error');
      providerButton(el, 'google').click();
      await waitUntil(() => errors.length === 1, 'vlens-error');
      await el.updateComplete;
      expect(errorText(el)).to.equal(ar.oauthRejected.replace('{provider}', ar.providerGoogle));
    } finally {
      document.documentElement.lang = 'en';
    }
  });
});

async function waitForDialog(provider: OAuthProviderName): Promise<HTMLDialogElement> {
  await waitUntil(
    () => document.querySelector(`dialog.dev-sign-in[data-provider="${provider}"][open]`),
    `the ${provider} dev dialog`,
  );
  return document.querySelector<HTMLDialogElement>(`dialog.dev-sign-in[data-provider="${provider}"]`)!;
}
