/**
 * Google adapter: Google Identity Services (`google.accounts.id`), loaded from
 * Google's script on first use only. Resolves to the ID token (`credential`)
 * the One Tap / FedCM prompt returns.
 */
import { OAuthCancelledError, OAuthProviderError, type IdTokenProvider } from './types.js';

export const GOOGLE_GSI_SCRIPT_URL = 'https://accounts.google.com/gsi/client';

/** The part of `google.accounts.id` this adapter uses. */
interface GsiPromptNotification {
  isNotDisplayed?(): boolean;
  getNotDisplayedReason?(): string;
  isSkippedMoment?(): boolean;
  isDismissedMoment?(): boolean;
  getDismissedReason?(): string;
}
interface GsiId {
  initialize(config: {
    client_id: string;
    callback: (response: { credential?: string }) => void;
    auto_select?: boolean;
    cancel_on_tap_outside?: boolean;
    use_fedcm_for_prompt?: boolean;
    context?: 'signin' | 'signup' | 'use';
    itp_support?: boolean;
  }): void;
  prompt(listener?: (notification: GsiPromptNotification) => void): void;
  cancel?(): void;
}
type GsiWindow = Window & { google?: { accounts?: { id?: GsiId } } };

export interface GoogleAdapterOptions {
  /** The OAuth client id from Google Cloud (its `aud` is what Vlens checks). */
  clientId: string;
  /** Default {@link GOOGLE_GSI_SCRIPT_URL}. */
  scriptUrl?: string;
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
        else reject(new OAuthProviderError('google', 'network', 'Google Identity Services loaded without google.accounts.id'));
      };
      script.onerror = () => reject(new OAuthProviderError('google', 'network', `Google Identity Services did not load from ${url}`));
      document.head.append(script);
    });
    loading.catch(() => scripts.delete(url));
    scripts.set(url, loading);
  }
  return loading;
}

/** An {@link IdTokenProvider} for Google; loads nothing until it is first called. */
export function createGoogleIdTokenProvider({ clientId, scriptUrl = GOOGLE_GSI_SCRIPT_URL }: GoogleAdapterOptions): IdTokenProvider {
  return async () => {
    const id = await loadGsi(scriptUrl);
    return new Promise<string>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void) => {
        if (!settled) {
          settled = true;
          fn();
        }
      };
      id.initialize({
        client_id: clientId,
        callback: ({ credential }) =>
          settle(() =>
            credential ? resolve(credential) : reject(new OAuthProviderError('google', 'config', 'Google returned no credential')),
          ),
        auto_select: false,
        cancel_on_tap_outside: true,
        use_fedcm_for_prompt: true,
        itp_support: true,
        context: 'signup',
      });
      id.prompt((moment) => {
        if (moment.isNotDisplayed?.()) {
          const reason = moment.getNotDisplayedReason?.() ?? 'unknown_reason';
          settle(() => reject(new OAuthProviderError('google', 'config', `The Google sign-in was not shown (${reason})`)));
        } else if (moment.isSkippedMoment?.()) {
          settle(() => reject(new OAuthCancelledError('google')));
        } else if (moment.isDismissedMoment?.() && moment.getDismissedReason?.() !== 'credential_returned') {
          settle(() => reject(new OAuthCancelledError('google')));
        }
      });
    });
  };
}
