/**
 * The status line's message: a local notice (a check, a resent code, the
 * config error, a registered number) for the flow state it was raised in,
 * else the call's progress or failure (../controllers/call.ts), in the
 * person's language.
 */
import type { ReactiveControllerHost } from 'lit';
import type { VlensError } from '../api/error.js';
import type { VlensErrorText, VlensLocale, VlensStrings } from '../i18n/index.js';
import type { Action } from './action.js';
import type { OAuthAttempt } from './error-text.js';
import { submitPath } from './lazy-parts.js';
import type { FlowState } from './flow.js';
import { failureNotice, type Notice } from './notice.js';

export interface StatusNoticeOptions {
  flow: () => FlowState;
  /** The call's message for a state (its progress or failure), if any. */
  callMessage: (at: FlowState) => Notice | null;
  strings: () => VlensStrings;
  locale: () => VlensLocale;
  /** The host's `error-texts`. */
  errorTexts: () => VlensErrorText[];
}

export class StatusNotice {
  private notice: Notice | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: StatusNoticeOptions,
  ) {}

  /** The message to show now. */
  get current(): Notice | null {
    const at = this.options.flow();
    if (this.notice && this.notice.at === at) return this.notice;
    return this.options.callMessage(at);
  }

  /** Shows `notice` (null clears the local one). */
  show(notice: Notice | null): void {
    this.notice = notice;
    this.host.requestUpdate();
  }

  /** Shows a message for the current state: an error blames the field (`aria-invalid`). */
  say(text: string, tone: Notice['tone'], extra: Partial<Pick<Notice, 'signIn' | 'invalid'>> = {}): void {
    this.show({ at: this.options.flow(), text, invalid: tone === 'error', tone, ...extra });
  }

  /** The message while a call runs from `at`. */
  progress(at: FlowState): Notice {
    return { at, text: this.options.strings().working, invalid: false, tone: 'progress' };
  }

  /**
   * A failure's message in the person's language, for the state it failed in. Every call runs through the
   * submit path, which brings the texts of failures (./error-text.ts); without it, the failure is its load's
   * (a `network` error).
   */
  failure(error: VlensError, at: FlowState, action: Action['type'], oauth: OAuthAttempt | null): Notice {
    const { strings, locale, errorTexts } = this.options;
    const path = submitPath.now();
    const text = path
      ? path.errorText(error, strings(), locale(), errorTexts(), oauth, action)
      : strings().errorNetwork;
    return failureNotice(error, at, text, Boolean(path?.refusesValue(error, action)));
  }
}
