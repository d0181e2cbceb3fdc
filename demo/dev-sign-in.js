// Development sign-in for the demo and tests: a small dialog stands in for the Google or Microsoft popup.
// The token comes from the dev server (POST /dev-oauth/{provider}/token), signed by the stand-in's own
// dev issuers; the page never holds a signing key. Works only where the Vlens stand-in runs.

const TITLES = { google: 'Google', microsoft: 'Microsoft' };
const VARIANTS = [
  ['valid', 'A valid token'],
  ['expired', 'An expired token'],
  ['unknown-issuer', 'A token from an unknown issuer'],
  ['wrong-audience', 'A token for another client id'],
];

/** Thrown when the person closes the dialog; the widget treats it as a cancellation (matched by name). */
export class OAuthCancelledError extends Error {
  constructor(provider) {
    super(`The ${provider} sign-in was closed`);
    this.name = 'OAuthCancelledError';
    this.provider = provider;
  }
}

/** Asks the dev endpoint for a token. */
export async function fetchDevIdToken(provider, email, { endpoint = '/dev-oauth', variant = 'valid' } = {}) {
  const response = await fetch(`${endpoint}/${provider}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, variant }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || typeof body.idToken !== 'string') {
    throw new Error(`The dev sign-in endpoint refused: ${body.error ?? `HTTP ${response.status}`}`);
  }
  return body.idToken;
}

function element(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** Shows the dialog; resolves to `{ email, variant }`, or null when closed. */
function askForAccount(provider, defaultEmail) {
  const email = element('input', {
    type: 'email',
    name: 'email',
    id: 'dev-sign-in-email',
    required: true,
    value: defaultEmail,
    autocomplete: 'off',
  });
  const variant = element(
    'select',
    { name: 'variant', id: 'dev-sign-in-variant' },
    VARIANTS.map(([value, text]) => element('option', { value, textContent: text })),
  );
  const signIn = element('button', { type: 'submit', textContent: 'Sign in', value: 'sign-in' });
  const close = element('button', { type: 'button', textContent: 'Close (cancel the sign-in)', value: 'close' });
  const form = element('form', { method: 'dialog' }, [
    element('h2', { textContent: `Development sign-in: ${TITLES[provider]}` }),
    element('p', { textContent: 'Signed by the local stand-in, not by the real provider.' }),
    element('p', {}, [element('label', { htmlFor: email.id, textContent: 'Email ' }), email]),
    element('p', {}, [element('label', { htmlFor: variant.id, textContent: 'Token ' }), variant]),
    element('p', {}, [signIn, ' ', close]),
  ]);
  const dialog = element('dialog', { className: 'dev-sign-in' }, [form]);
  dialog.dataset.provider = provider;
  dialog.setAttribute('aria-label', `Development sign-in: ${TITLES[provider]}`);
  document.body.append(dialog);

  return new Promise((resolve) => {
    close.addEventListener('click', () => dialog.close('close'));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'sign-in' ? { email: email.value.trim(), variant: variant.value } : null);
    });
    dialog.showModal();
    email.focus();
  });
}

/**
 * An `idTokenProvider` for `<vlens-register>` in development: asks for an email in a dialog
 * (Close = the person cancelled) and returns a token from the dev endpoint.
 */
export function createDevIdTokenProvider({ endpoint = '/dev-oauth', defaultEmail = '' } = {}) {
  return async (provider) => {
    const account = await askForAccount(provider, defaultEmail);
    if (!account) throw new OAuthCancelledError(provider);
    return fetchDevIdToken(provider, account.email, { endpoint, variant: account.variant });
  };
}
