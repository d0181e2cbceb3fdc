/**
 * Reads the one-time code from an incoming SMS with the WebOTP API, where the
 * browser has it (`'OTPCredential' in window`). Elsewhere it does nothing.
 *
 * The browser only offers a code from an SMS whose last line is
 * `@<host> #<code>` (Vlens writes the SMS, not this widget). A request runs
 * while `active()` is true and is aborted as soon as it turns false (the
 * code step ended) or the host disconnects.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** `navigator.credentials.get` with the WebOTP member (not in TypeScript's DOM lib). */
interface OtpCredentials {
  get(options: { otp: { transport: string[] }; signal: AbortSignal }): Promise<unknown>;
}

export interface WebOtpOptions {
  /** True while the host shows a code step; checked after every host update. */
  active(): boolean;
  /** Called with the code the browser read (digits as the SMS carried them). */
  onCode(code: string): void;
  /** Feature detection; defaults to `'OTPCredential' in window`. */
  supported?(): boolean;
  /** Where `get()` is called; defaults to `navigator.credentials`. */
  credentials?(): OtpCredentials | undefined;
}

/** True when this browser has the WebOTP API. */
export function webOtpSupported(): boolean {
  return typeof window !== 'undefined' && 'OTPCredential' in window && Boolean(navigator.credentials);
}

export class WebOtpController implements ReactiveController {
  private controller: AbortController | undefined;
  /** A request already ran (or runs) in this active period: one per code step, never a retry loop. */
  private tried = false;
  private readonly options: Required<WebOtpOptions>;

  constructor(host: ReactiveControllerHost, options: WebOtpOptions) {
    this.options = {
      supported: webOtpSupported,
      credentials: () => navigator.credentials,
      ...options,
    };
    host.addController(this);
  }

  /** True while a WebOTP request is waiting for an SMS. */
  get listening(): boolean {
    return this.controller !== undefined;
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdated(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.stop();
    this.tried = false;
  }

  /** Aborts the waiting request, if any. */
  stop(): void {
    this.controller?.abort();
    this.controller = undefined;
  }

  /** A new SMS is on its way (resend): abort the old request and wait again. */
  restart(): void {
    this.stop();
    this.tried = false;
    this.sync();
  }

  private sync(): void {
    if (!this.options.active()) {
      this.stop();
      this.tried = false;
      return;
    }
    if (this.tried || !this.options.supported()) return;
    const credentials = this.options.credentials();
    if (!credentials) return;
    const controller = new AbortController();
    this.controller = controller;
    this.tried = true;
    credentials.get({ otp: { transport: ['sms'] }, signal: controller.signal }).then(
      (credential) => {
        if (controller.signal.aborted) return;
        this.controller = undefined;
        const code = (credential as { code?: unknown } | null)?.code;
        if (typeof code === 'string' && code) this.options.onCode(code);
      },
      () => {
        // Aborted, refused by the person, or no SMS came: typing the code still works.
        if (this.controller === controller) this.controller = undefined;
      },
    );
  }
}
