/** The Vlens stand-in's public shape: options, its control interface, faults. */

export interface StandInSettings {
  /** Whether registration needs a verified email (reported as `isEmailConfirmationRequired`). Default false. */
  emailRequired: boolean;
  /** HTTP status of error envelopes: 200 (as some Vlens deployments do) or a 4xx per error. Default '4xx'. */
  errorStatus: 200 | '4xx';
  /** How long a code lives, in ms. Default 5 minutes. */
  codeTtlMs: number;
  /** Wrong tries a code allows before it is burnt. Default 5. */
  maxTries: number;
}

/** A code the stand-in "sent": to a phone number (E.164) or an email. */
export interface StandInCodeSent {
  to: string;
  code: string;
  channel: 'sms' | 'email';
}

export interface StandInOptions extends Partial<StandInSettings> {
  /** The ApiKey the stand-in accepts. Default: any non-empty key. */
  apiKey?: string;
  /** Called with every code the stand-in "sends" (development console, tests). */
  onCode?: (sent: StandInCodeSent) => void;
  /** Clock, for tests. Default Date.now. */
  now?: () => number;
  /** OAuth audiences (client ids) the development issuers accept. */
  oauthAudience?: { google?: string; microsoft?: string };
}

/** A fault the stand-in injects into its next answers (tests, benchmarks, demos). */
export type StandInFault =
  | { kind: 'delay'; ms: number }
  /** Answers normally once `release()` lets held calls go on (or a reset clears the stand-in). */
  | { kind: 'hold' }
  | { kind: 'status'; status: number }
  | { kind: 'non-json' }
  | { kind: 'reset' }
  | { kind: 'large'; bytes: number }
  | { kind: 'redirect'; location: string };

export interface StandInControl {
  /** The last code sent to a phone number (E.164) or an email address, if any. */
  lastCode(to: string): string | undefined;
  /** Change settings from now on. */
  configure(patch: Partial<StandInSettings>): void;
  settings(): StandInSettings;
  /** Inject a fault into the next `times` answers (default: until cleared), optionally only for one path. */
  fault(fault: StandInFault | null, scope?: { path?: string; times?: number }): void;
  /** Lets every call a `hold` fault is holding go on. */
  release(): void;
  /** How many calls `hold` faults are holding now (a call is held once its request reaches the stand-in). */
  held(): number;
  /** Seed an existing user (for duplicate checks). */
  addUser(user: { phoneNumber: string; email?: string }): void;
  /** Forget users, codes, faults; settings back to the options given at creation. */
  reset(): void;
  /** The last valid request body a path received (what the proxy forwarded), if any. */
  lastRequest(path: string): unknown;
  /** How many calls each path received (upstream traffic the proxy caused). */
  calls(): Record<string, number>;
}
