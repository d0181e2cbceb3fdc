/**
 * Google adapter: Google Identity Services (`google.accounts.id`), loaded from
 * Google's script on first use only. It opens a small dialog holding Google's
 * own "Continue with Google" button: the person's click there opens Google's
 * popup (a fresh user gesture, so no popup blocker), it works whether or not
 * the person is signed in to Google, and closing the dialog is a cancellation.
 */
import { OAuthCancelledError, OAuthProviderError, type IdTokenProvider } from './types.js';

export const GOOGLE_GSI_SCRIPT_URL = 'https://accounts.google.com/gsi/client';

/** The part of `google.accounts.id` this adapter uses. */
interface GsiId {
  initialize(config: {
    client_id: string;
    callback: (response: { credential?: string }) => void;
    auto_select?: boolean;
    ux_mode?: 'popup' | 'redirect';
    context?: 'signin' | 'signup' | 'use';
    itp_support?: boolean;
  }): void;
  renderButton(
    parent: HTMLElement,
    options: {
      type?: 'standard';
      theme?: string;
      size?: 'large';
      text?: 'continue_with';
      shape?: string;
      locale?: string;
      width?: number;
    },
  ): void;
  cancel?(): void;
}
type GsiWindow = Window & { google?: { accounts?: { id?: GsiId } } };

export interface GoogleAdapterOptions {
  /** The OAuth client id from Google Cloud (its `aud` is what Vlens checks). */
  clientId: string;
  /** Default {@link GOOGLE_GSI_SCRIPT_URL}. */
  scriptUrl?: string;
  /** The dialog's words and Google's button language, e.g. `{ title: 'Continue with Google', cancel: 'Cancel', locale: 'ar' }`. */
  dialog?: { title?: string; cancel?: string; locale?: string; dir?: 'ltr' | 'rtl' };
}

const scripts = new Map<string, Promise<GsiId>>();

/** Adds the GIS script once per URL; a failed load is forgotten so the next try loads again. */
function loadGsi(url: string): Promise<GsiId> {
  let loading = scripts.get(url);
  if (!loading) {
    loading = new Promise<GsiId>((resolve, reject) => {
      const present = (window as GsiWindow).google?.accounts?.id;
      if (present) return resolve(present);
      const script = document.createElement('script');
      script.src = url;
      script.async = true;
      script.onload = () => {
        const id = (window as GsiWindow).google?.accounts?.id;
        if (id) resolve(id);
        else
          reject(
            new OAuthProviderError('google', 'network', 'Google Identity Services loaded without google.accounts.id'),
          );
      };
      script.onerror = () =>
        reject(new OAuthProviderError('google', 'network', `Google Identity Services did not load from ${url}`));
      document.head.append(script);
    });
    loading.catch(() => scripts.delete(url));
    scripts.set(url, loading);
  }
  return loading;
}

/** A modal dialog with a slot for Google's button and a cancel button; styled through the CSSOM (no inline style attribute, CSP-safe). */
function openDialog(options: NonNullable<GoogleAdapterOptions['dialog']>) {
  const dialog = document.createElement('dialog');
  dialog.className = 'vlens-google-sign-in';
  dialog.setAttribute('aria-label', options.title ?? 'Continue with Google');
  if (options.locale) dialog.lang = options.locale;
  if (options.dir) dialog.dir = options.dir;
  Object.assign(dialog.style, {
    padding: '1.5rem',
    borderRadius: '0.5rem',
    border: '1px solid #dadce0',
    maxWidth: '22rem',
  });
  const heading = document.createElement('h2');
  heading.textContent = options.title ?? 'Continue with Google';
  Object.assign(heading.style, { margin: '0 0 1rem', fontSize: '1.125rem' });
  const slot = document.createElement('div');
  Object.assign(slot.style, { minHeight: '44px' });
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.textContent = options.cancel ?? 'Cancel';
  Object.assign(cancel.style, { marginTop: '1rem', minHeight: '2.75rem', padding: '0.5rem 1rem', font: 'inherit' });
  cancel.addEventListener('click', () => dialog.close());
  dialog.append(heading, slot, cancel);
  document.body.append(dialog);
  dialog.showModal();
  return { dialog, slot };
}

/** An {@link IdTokenProvider} for Google; loads nothing until it is first called. */
export function createGoogleIdTokenProvider({
  clientId,
  scriptUrl = GOOGLE_GSI_SCRIPT_URL,
  dialog: words = {},
}: GoogleAdapterOptions): IdTokenProvider {
  return async () => {
    const id = await loadGsi(scriptUrl);
    const { dialog, slot } = openDialog(words);
    return new Promise<string>((resolve, reject) => {
      let token: string | null = null;
      dialog.addEventListener('close', () => {
        dialog.remove();
        if (token) resolve(token);
        else reject(new OAuthCancelledError('google'));
      });
      try {
        id.initialize({
          client_id: clientId,
          callback: ({ credential }) => {
            if (!credential) return;
            token = credential;
            dialog.close();
          },
          auto_select: false,
          ux_mode: 'popup',
          context: 'signup',
          itp_support: true,
        });
        id.renderButton(slot, {
          type: 'standard',
          theme: 'outline',
          size: 'large',
          text: 'continue_with',
          shape: 'rectangular',
          locale: words.locale,
          width: 280,
        });
      } catch (error) {
        dialog.remove();
        reject(
          new OAuthProviderError('google', 'config', `Google Identity Services refused the setup: ${String(error)}`, {
            cause: error,
          }),
        );
      }
    });
  };
}
