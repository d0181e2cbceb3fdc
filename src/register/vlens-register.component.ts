import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { Task, TaskStatus, initialState as taskIdle } from '@lit/task';
import { createVlensClient, VlensError, DEFAULT_TIMEOUT_MS, type VlensClient } from '../api/client.js';
import { ResendCountdown } from '../controllers/resend-countdown.js';
import { registeredDetail, type RegisteredOutput, type VlensErrorDetail } from '../events.js';
import {
  codeProblemText,
  directionOf,
  phoneProblemText,
  stringsFor,
  type VlensErrorText,
  type VlensLocale,
  type VlensStringOverrides,
  type VlensStrings,
} from '../i18n/index.js';
import { toAsciiDigits, toCodeDigits } from '../phone/digits.js';
import { parsePhone } from '../phone/phone.js';
import { loadPhoneMetadata } from '../phone/metadata-store.js';
import { WebOtpController } from '../controllers/web-otp.js';
import { LangObserver } from '../controllers/lang-observer.js';
import { CountryPicker } from './country-picker.js';
import { countryPickerStyles } from './country-picker.styles.js';
import { lightId, nextLightPrefix, renderLightFields, statusSlot, type LightField } from './light-fields.js';
import { lightFieldStyles } from './light-fields.styles.js';
import { themeStyles } from './theme.styles.js';
import {
  canSkipEmail,
  initialState,
  previousStep,
  transition,
  type EmailStepMode,
  type FlowEvent,
  type FlowState,
  type PasswordMode,
  type StepId,
} from './flow.js';
import { asVlensError, callFor, type Action } from './calls.js';
import { errorSituation, errorText, OFFERS_NEW_CODE } from './error-text.js';
import { OAuthSignIn } from './oauth-sign-in.js';
import { IDS, type StepContext } from './steps/context.js';
import { doneStep } from './steps/done.js';
import { emailCodeStep } from './steps/email-code.js';
import { emailStep } from './steps/email.js';
import { finishStep } from './steps/finish.js';
import { oauthStep } from './steps/oauth.js';
import { phoneCodeStep } from './steps/phone-code.js';
import { phoneStep } from './steps/phone.js';
import { parseOAuthProviders, type IdTokenProvider, type OAuthProviderName } from '../oauth/types.js';
import { vlensRegisterStyles } from './vlens-register.styles.js';
import { clearResumePoint, loadResumePoint, resumeKey, saveResumePoint } from './resume.js';

/** A message shown in the live region, tied to the flow state it was raised in (any state change clears it). */
interface Notice {
  at: FlowState;
  text: string;
  /** Blames the step's field: `aria-invalid`. */
  invalid: boolean;
  tone: 'error' | 'notice' | 'progress';
  /** Offer the sign-in link (a registered number). */
  signIn?: boolean;
  /** The server's own words (any language): shown isolated from the widget's text direction. */
  foreign?: boolean;
}

const CODE_LENGTH = 6;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Registers a user with Vlens, step by step (phone number, SMS code, email and
 * its code when needed, password when asked), through the tenant's proxy.
 * The class registers nothing; import `vlens-register.js` to define the tag.
 *
 * @summary Vlens registration: phone, code, email, finish — ends with the user's access token.
 *
 * @attr endpoint - The tenant's proxy mount, e.g. `/api/vlens` (required).
 * @attr sms-provider - Vlens SMS provider 1-7; omitted = tenant default.
 * @attr email-step - `auto` (follow the server), `required`, `optional` or `off`.
 * @attr password - `off`, `optional` or `required`: collect a password at the last step.
 * @attr phone - Prefills the phone number.
 * @attr email - Prefills the email address.
 * @attr resend-after - Seconds before a code may be sent again (default 60).
 * @attr collect-geolocation - Ask the browser for a position and send it as `geoLocation`.
 * @attr credentials - Fetch credentials: `same-origin` (default) or `include`.
 * @attr signin-url - Where a person with an existing account can sign in.
 * @attr timeout - Milliseconds before a call counts as timed out (default 15000).
 * @attr resume - Keep the number and request id (never a code) in sessionStorage so a reload resumes at the code step.
 * @attr error-texts - JSON `[{ errorCode, errorMessageEn, errorMessageAr }]` overriding error messages.
 * @attr oauth-providers - `google` and/or `microsoft` (space-separated): offered beside the email code.
 * @attr google-client-id - Google OAuth client id for the built-in Google Identity Services adapter.
 * @attr microsoft-client-id - Application (client) id for the built-in MSAL popup adapter.
 * @attr microsoft-authority - MSAL authority (default `https://login.microsoftonline.com/common`; B2C: the policy URL).
 * @attr microsoft-redirect-uri - The page MSAL's popup returns to; it must run MSAL's redirect bridge (default: this page).
 * @attr default-country - ISO code of the country numbers are read in until the person picks another (default `EG`).
 * @attr theme - `auto` (default, follows `prefers-color-scheme`), `light` or `dark`.
 * @attr lang - The language (`ar…` → Arabic, right-to-left; else English); without it, the closest ancestor's, else the document's.
 * @attr step - Reflected, read-only: the current step id.
 *
 * @prop idTokenProvider - `(provider) => Promise<idToken>` replacing the built-in adapters; reject with an error named `OAuthCancelledError` for a closed sign-in.
 *
 * @fires vlens-registered - The account exists; detail: the `RegisterOutput` essentials with the access token.
 * @fires vlens-error - A call failed (or the endpoint is missing); detail: envelope, step, status, kind.
 * @fires vlens-step-change - The step changed after a user action or a call result; detail: `{ from, to }`.
 *
 * @slot consent - Tenant terms shown above the final button.
 *
 * The step's field lives in the element's LIGHT DOM, so password managers that do not look into
 * shadow roots can fill and save it: `label[slot=field-label]`, `input[slot=field]` (name `phone`,
 * `code`, `email` or `password`, plus a hidden `username` on the finish step), `p[slot=field-hint]`
 * and the live status line `div[slot=status]` (`data-tone` = `error`, `progress`, `notice` or `none`),
 * all owned by a light-DOM `<form>` whose `submit` event carries every step. The widget styles them
 * from its shadow root with important declarations, so page CSS does not leak in: theme them with the
 * `--vlens-*` custom properties. Their ids are `vlens-<n>-<name>`, unique per element.
 *
 * @csspart base - The widget's box.
 * @csspart heading - Each step's heading (receives focus on step changes).
 * @csspart intro - The line under the heading.
 * @csspart form - The step's form.
 * @csspart label - Labels in the shadow root (the country, the country search and list).
 * @csspart input - The country search field (the step's own field is in light DOM, see above).
 * @csspart country - The country picker.
 * @csspart country-row - The chosen country and the button that changes it.
 * @csspart country-name - The chosen country's name and calling code.
 * @csspart calling-code - The calling code (`+20`), always left-to-right.
 * @csspart country-toggle - The "Change country" button (`aria-expanded`).
 * @csspart country-panel - The open picker: search field, list and Done.
 * @csspart country-search - The country search field.
 * @csspart country-list - The list of countries (a native listbox).
 * @csspart country-done - The button that closes the picker.
 * @csspart country-status - Loading or failure of another country's phone formats.
 * @csspart hint - The picker's "no country matches" line.
 * @csspart ltr - A number or email inside translated text (left-to-right `<bdi>`).
 * @csspart sign-in - The line with the sign-in link (a registered number).
 * @csspart link - The sign-in link.
 * @csspart actions - The row of buttons.
 * @csspart button - Every button (plus `submit`, `resend`, `back` or `skip`).
 * @csspart submit - The step's main button.
 * @csspart resend - The resend-code button with its countdown.
 * @csspart back - The button that goes back to correct the phone or email.
 * @csspart skip - The button that skips an optional email.
 * @csspart oauth-choice - The row of provider buttons on the email step.
 * @csspart oauth-label - Its label ("Or confirm your email with").
 * @csspart oauth - Each provider button (plus `oauth-google` or `oauth-microsoft`).
 * @csspart retry - The button that tries a failed provider sign-in again.
 * @csspart verified-email - The email a provider confirmed, on the finish step.
 *
 * @cssprop --vlens-color-text - Text colour.
 * @cssprop --vlens-color-muted - Hints and secondary text.
 * @cssprop --vlens-color-surface - Background of the box.
 * @cssprop --vlens-color-input - Background of fields.
 * @cssprop --vlens-color-border - Borders of the box and fields.
 * @cssprop --vlens-color-primary - Buttons and links.
 * @cssprop --vlens-color-on-primary - Text on the main button.
 * @cssprop --vlens-color-error - Error text and invalid fields.
 * @cssprop --vlens-color-focus - Focus outlines.
 * @cssprop --vlens-radius - Corner radius of the box, fields and buttons.
 * @cssprop --vlens-font-family - Font.
 * @cssprop --vlens-font-size - Base font size.
 * @cssprop --vlens-spacing - Padding and spacing unit.
 *
 * Each colour has a light and a dark default: dark applies under `prefers-color-scheme: dark` unless
 * `theme="light"`, and always with `theme="dark"`. A value the host sets wins in both.
 */
export class VlensRegister extends LitElement {
  static override styles = [themeStyles, vlensRegisterStyles, lightFieldStyles, countryPickerStyles];

  /** The tenant's proxy mount; every call is `POST {endpoint}/<Vlens path>`. Required. */
  @property() endpoint = '';
  /** Vlens SMS provider (1-7); undefined = the tenant default. */
  @property({ attribute: 'sms-provider', type: Number }) smsProvider: number | undefined;
  @property({ attribute: 'email-step' }) emailStep: EmailStepMode = 'auto';
  @property() password: PasswordMode = 'off';
  /** Prefill for the phone field. */
  @property() phone = '';
  /** Prefill for the email field. */
  @property() email = '';
  @property({ attribute: 'resend-after', type: Number }) resendAfter = 60;
  @property({ attribute: 'collect-geolocation', type: Boolean }) collectGeolocation = false;
  @property() credentials: RequestCredentials = 'same-origin';
  @property({ attribute: 'signin-url' }) signinUrl = '';
  /** Per-call timeout in ms. */
  @property({ type: Number }) timeout = DEFAULT_TIMEOUT_MS;
  /** The country numbers are read in until the person picks another (ISO code, default `EG`). */
  @property({ attribute: 'default-country' }) defaultCountry = 'EG';
  /** `auto` follows `prefers-color-scheme`; `light` or `dark` forces one. */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';
  /** Resume at the code step after a reload (sessionStorage: number and request id only). */
  @property({ type: Boolean }) resume = false;
  /** Replace any string, per locale: `{ ar: { phoneHeading: '…' } }`. */
  @property({ attribute: false }) strings: VlensStringOverrides = {};
  /** Error texts by `error_code`, in the shape Vlens's SDKs take. */
  @property({ attribute: 'error-texts', type: Array }) errorTexts: VlensErrorText[] = [];
  /** Providers offered beside the email code: `google`, `microsoft` (space-separated). */
  @property({ attribute: 'oauth-providers' }) oauthProviders = '';
  @property({ attribute: 'google-client-id' }) googleClientId = '';
  @property({ attribute: 'microsoft-client-id' }) microsoftClientId = '';
  @property({ attribute: 'microsoft-authority' }) microsoftAuthority = '';
  @property({ attribute: 'microsoft-redirect-uri' }) microsoftRedirectUri = '';
  /**
   * Gets an ID token for a provider instead of the built-in Google and Microsoft adapters
   * (hosts with their own sign-in). Reject with an error named `OAuthCancelledError` when
   * the person closed the sign-in: the widget goes back to the choice without an error.
   */
  @property({ attribute: false }) idTokenProvider: IdTokenProvider | null = null;

  private _flow: FlowState = initialState();
  private _notice: Notice | null = null;
  private _phoneText: string | null = null;
  private _emailText: string | null = null;
  private _focusHeading = false;
  private _registeredName: string | null = null;
  /** The flow state the last failed call started from (its error shows only there). */
  private _errorAt: FlowState | null = null;
  /** What the last failed call was for (its message depends on it). */
  private _errorAction: Action['type'] | null = null;
  /** The call in flight was aborted: its settling shows and fires nothing. */
  private _callAborted = false;
  private readonly _countdown = new ResendCountdown(this);
  /** The page's language where the element is (its own `lang`, an ancestor's, the document's), followed live. */
  private readonly _lang = new LangObserver(this);
  private readonly _countries = new CountryPicker(this, { defaultCountry: () => this.defaultCountry });
  /** Reads the SMS code where the browser has WebOTP, while the phone code is awaited. */
  private readonly _webOtp = new WebOtpController(this, {
    active: () => this._flow.step === 'phone-code',
    onCode: (code) => this._fillCode(code),
  });
  /** The provider sign-in: chosen provider, its failure, the built-in adapters. */
  private readonly _oauth = new OAuthSignIn(() => {
    const locale = this._locale();
    const t = this._t();
    return {
      idTokenProvider: this.idTokenProvider,
      config: {
        googleClientId: this.googleClientId,
        googleDialog: { title: t.continueWithGoogle, cancel: t.oauthCancel, locale, dir: directionOf(locale) },
        microsoftClientId: this.microsoftClientId,
        microsoftAuthority: this.microsoftAuthority,
        microsoftRedirectUri: this.microsoftRedirectUri,
      },
    };
  });
  /** Prefix of this element's light-DOM ids (its fields live in the page's tree). */
  private readonly _lightPrefix = nextLightPrefix();
  /** The light-DOM fields of the last render, committed in `update()`. */
  private _lightView: Parameters<typeof renderLightFields>[1] | null = null;

  /** The one place calls run: pending/error/complete render from `_renderStatus`. */
  private readonly _call = new Task<[Action], FlowEvent | typeof taskIdle>(this, {
    autoRun: false,
    task: ([action], { signal }) => this._perform(action, signal),
  });

  /** The current step id (also reflected as the `step` attribute). */
  get step(): StepId {
    return this._flow.step;
  }

  /** Back to the first step with a clean state; aborts any call in flight. Fires no event. */
  reset(): void {
    this._abortCall();
    this._countdown.stop();
    this._flow = transition(this._flow, { type: 'reset' });
    this._countries.reset();
    this._saveResume();
    this._notice = null;
    this._phoneText = null;
    this._emailText = null;
    this._registeredName = null;
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Moving the element (removed and re-inserted in the same task) keeps the flow; a real removal aborts it.
    queueMicrotask(() => {
      if (!this.isConnected) this._abortCall();
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('emailStep') || changed.has('password')) {
      this._flow = { ...this._flow, config: { emailStep: this._emailStepMode(), password: this._passwordMode() } };
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._restore();
  }

  protected override firstUpdated(): void {
    if (!this.endpoint) this._fireConfigError();
  }

  /** On the first connection with `resume`: back to the code step a reload interrupted. Fires nothing. */
  private _restore(): void {
    if (!this.resume || !this.endpoint || this._flow.step !== 'phone' || this.hasUpdated) return;
    const point = loadResumePoint(this._resumeKey());
    if (!point) return;
    this._flow = transition(this._flow, { type: 'phone-code-sent', phone: point.phone, requestId: point.requestId });
  }

  private _resumeKey(): string {
    return resumeKey(this.endpoint, this.id);
  }

  /** Keeps the resume point in step with the flow: present only while the phone code is awaited. */
  private _saveResume(): void {
    if (!this.resume || !this.endpoint) return;
    const { step, phone, phoneRequestId } = this._flow;
    if (step === 'phone-code' && phone && phoneRequestId) saveResumePoint(this._resumeKey(), { phone, requestId: phoneRequestId });
    else clearResumePoint(this._resumeKey());
  }

  /** After the shadow render: the light-DOM fields (see ./light-fields.ts). */
  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    if (this._lightView) renderLightFields(this, this._lightView);
  }

  protected override updated(): void {
    if (this.getAttribute('step') !== this._flow.step) this.setAttribute('step', this._flow.step);
    if (this._focusHeading) {
      this._focusHeading = false;
      this.renderRoot.querySelector<HTMLElement>(`#${IDS.heading}`)?.focus();
    }
  }

  // ---- rendering ---------------------------------------------------------------

  private _locale(): VlensLocale {
    return this._lang.locale;
  }

  protected override render(): TemplateResult {
    const locale = this._locale();
    const t = stringsFor(locale, this.strings);
    const ctx = this._context(t, locale);
    return html`<div part="base" lang=${locale} dir=${directionOf(locale)}>${this._renderStep(ctx)}</div>`;
  }

  /** The step's field and the status line, rendered into light DOM by `update()`. */
  private _lightFields(t: VlensStrings, locale: VlensLocale, notice: Notice | null): Parameters<typeof renderLightFields>[1] {
    const step = this._flow.step;
    const pending = this._busy;
    let field: LightField | null = null;
    if (step === 'phone') field = { kind: 'phone', label: t.phoneLabel, hint: t.phoneHint, value: this._phoneText ?? this.phone };
    else if (step === 'phone-code' || step === 'email-code') field = { kind: 'code', label: t.codeLabel, onInput: (e) => this._onCodeInput(e) };
    else if (step === 'email') field = { kind: 'email', label: t.emailLabel, value: this._emailText ?? this._flow.email ?? this.email };
    else if (step === 'finish' && this._flow.config.password !== 'off') {
      const required = this._flow.config.password === 'required';
      field = {
        kind: 'password',
        label: required ? t.passwordLabel : t.passwordOptionalLabel,
        hint: t.passwordHint,
        required,
        username: this._flow.email ?? this._flow.phone ?? '',
      };
    }
    return {
      prefix: this._lightPrefix,
      locale,
      key: step,
      field,
      invalid: !pending && Boolean(notice?.invalid),
      status: notice ? { text: notice.text, tone: notice.tone, isolate: Boolean(notice.foreign) } : null,
      onSubmit: (e) => this._onLightSubmit(e),
    };
  }

  private _renderStep(ctx: StepContext): TemplateResult {
    switch (this._flow.step) {
      case 'phone':
        return phoneStep(ctx);
      case 'phone-code':
        return phoneCodeStep(ctx);
      case 'email':
        return emailStep(ctx);
      case 'email-code':
        return emailCodeStep(ctx);
      case 'oauth':
        return oauthStep(ctx);
      case 'finish':
        return finishStep(ctx);
      case 'done':
        return doneStep(ctx, this._registeredName);
    }
  }

  private _context(t: VlensStrings, locale: VlensLocale): StepContext {
    const pending = this._busy;
    const notice = this._currentNotice(t, locale);
    this._lightView = this._lightFields(t, locale, notice);
    return {
      t,
      state: this._flow,
      pending,
      invalid: Boolean(notice?.invalid),
      status: this._renderStatus(t, notice),
      countryPicker: this._countries.render(t, locale),
      phoneText: this._phoneText ?? this.phone,
      emailText: this._emailText ?? this._flow.email ?? this.email,
      signinUrl: this.signinUrl,
      resend: { remaining: this._countdown.remaining, ready: this._countdown.ready },
      canSkipEmail: canSkipEmail(this._flow),
      canGoBack: previousStep(this._flow) !== null,
      passwordMode: this._flow.config.password,
      oauth: {
        providers: parseOAuthProviders(this.oauthProviders),
        chosen: this._oauth.chosen,
        failed: this._flow.step === 'oauth' && !pending,
        label: (name) => (name === 'google' ? t.providerGoogle : t.providerMicrosoft),
      },
      on: {
        submitPhone: (e) => this._forwardSubmit(e),
        submitCode: (e) => this._forwardSubmit(e),
        codeInput: (e) => this._onCodeInput(e),
        resend: () => this._onResend(),
        back: () => this._onBack(),
        submitEmail: (e) => this._forwardSubmit(e),
        skipEmail: () => this._dispatchFlow({ type: 'email-skipped' }),
        submitFinish: (e) => this._forwardSubmit(e),
        chooseOAuth: (name) => this._onChooseOAuth(name),
        retryOAuth: () => this._onRetryOAuth(),
      },
    };
  }

  /**
   * The message for the current state: the config error, else a local notice, else what the call Task
   * renders (progress while pending; its error only on the state the call failed in).
   */
  private _currentNotice(t: VlensStrings, locale: VlensLocale): Notice | null {
    if (!this.endpoint) return { at: this._flow, text: t.errorConfig, invalid: false, tone: 'error' };
    if (this._notice && this._notice.at === this._flow) return this._notice;
    const at = this._flow;
    return (
      this._call.render({
        pending: (): Notice | null => (this._callAborted ? null : { at, text: t.working, invalid: false, tone: 'progress' }),
        error: (error): Notice | null => {
          if (this._errorAt !== at || !(error instanceof VlensError)) return null;
          const text = errorText(error, t, locale, this.errorTexts, at.step === 'oauth' ? this._oauth : null, this._errorAction);
          return { at, text, invalid: error.kind === 'api', tone: 'error', foreign: text === error.envelope.error_message };
        },
      }) ?? null
    );
  }

  /**
   * Where the status line shows: its slot (the live region itself is in light DOM, next to the field it
   * describes), then the sign-in link when a registered number was refused.
   */
  private _renderStatus(t: VlensStrings, notice: Notice | null): TemplateResult {
    const signIn = notice?.signIn && this.signinUrl;
    return html`${statusSlot()}${signIn ? html`<p part="sign-in"><a part="link" href=${this.signinUrl}>${t.signIn}</a></p>` : nothing}`;
  }

  // ---- user actions -------------------------------------------------------------

  /** A call is in flight and not aborted (an aborted run settles a few microtasks later). */
  private get _busy(): boolean {
    return this._call.status === TaskStatus.PENDING && !this._callAborted;
  }

  /** A step's (shadow) form was submitted: submit the light-DOM form instead, so password managers see it. */
  private _forwardSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const form = this.querySelector<HTMLFormElement>(`#${lightId(this._lightPrefix, 'form')}`);
    form?.requestSubmit();
  }

  /** The light-DOM form's submit: the one way every step is submitted (button, Enter, auto-submit). */
  private _onLightSubmit(event: SubmitEvent): void {
    event.preventDefault();
    switch (this._flow.step) {
      case 'phone':
        return this._onSubmitPhone(event);
      case 'phone-code':
      case 'email-code':
        return this._onSubmitCode(event);
      case 'email':
        return this._onSubmitEmail(event);
      case 'finish':
        return this._onSubmitFinish(event);
      default:
        return;
    }
  }

  private _onSubmitPhone(event: SubmitEvent): void {
    event.preventDefault();
    if (this._busy) return;
    const text = this._field(event, 'phone');
    this._phoneText = text;
    if (!this._checkEndpoint()) return;
    this._submitPhone(text, true);
  }

  /** Parses in the picked country; a country (or `+code`) not loaded yet loads the world's metadata once, then retries. */
  private _submitPhone(text: string, mayLoad: boolean): void {
    const parsed = parsePhone(text, this._countries.country);
    if (parsed.ok) return this._run({ type: 'send-phone', phone: parsed.e164 });
    if (parsed.code !== 'metadata-not-loaded' || !mayLoad) return this._say(phoneProblemText(this._t(), parsed.code), true);
    const at = this._flow;
    this._notice = { at, text: this._t().countryLoading, invalid: false, tone: 'progress' };
    this.requestUpdate();
    loadPhoneMetadata().then(
      () => {
        if (this._flow !== at || this._phoneText !== text) return;
        this._notice = null;
        this._submitPhone(text, false);
      },
      () => {
        if (this._flow === at) this._say(this._t().countryLoadFailed, false);
      },
    );
  }

  private _onCodeInput(event: InputEvent): void {
    const input = event.target as HTMLInputElement;
    let digits = toCodeDigits(input.value);
    if (!digits.ok && event.inputType === 'insertFromPaste') {
      // A pasted message ("Your code is 123456"): keep its one six-digit run.
      const runs = toAsciiDigits(input.value).match(/\d{6}/g);
      if (runs?.length === 1) digits = { ok: true, value: runs[0]! };
    }
    if (digits.ok && digits.value !== input.value) input.value = digits.value;
    if (digits.ok && digits.value.length === CODE_LENGTH && !this._busy) input.form?.requestSubmit();
  }

  /** A code the browser read from the SMS (WebOTP): fill the field and submit as if typed. */
  private _fillCode(code: string): void {
    const input = this.querySelector<HTMLInputElement>(`#${lightId(this._lightPrefix, 'code')}`);
    if (!input || this._busy) return;
    input.value = code;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: code }));
  }

  private _onSubmitCode(event: SubmitEvent): void {
    event.preventDefault();
    if (this._busy) return;
    const digits = toCodeDigits(this._field(event, 'code'));
    if (!digits.ok) return this._say(codeProblemText(this._t(), digits.code), true);
    if (digits.value.length !== CODE_LENGTH) return this._say(this._t().codeIncomplete, true);
    this._run(
      this._flow.step === 'phone-code' ? { type: 'verify-phone', code: digits.value } : { type: 'verify-email', code: digits.value },
    );
  }

  private _onResend(): void {
    if (this._busy || !this._countdown.ready) return;
    this._run(this._flow.step === 'phone-code' ? { type: 'resend-phone' } : { type: 'resend-email' });
  }

  private _onBack(): void {
    // A provider sign-in may never answer (a prompt left open): going back abandons it.
    if (this._busy && this._flow.step !== 'oauth') return;
    if (this._busy) this._abortCall();
    this._countdown.stop();
    this._dispatchFlow({ type: 'back' });
  }

  private _onSubmitEmail(event: SubmitEvent): void {
    event.preventDefault();
    if (this._busy) return;
    // Invisible marks and full-width forms pasted from messages would make Vlens refuse the address.
    const email = toAsciiDigits(this._field(event, 'email')).trim();
    this._emailText = email;
    if (!EMAIL.test(email)) return this._say(this._t().invalidEmail, true);
    this._run({ type: 'send-email', email });
  }

  private _onSubmitFinish(event: SubmitEvent): void {
    event.preventDefault();
    if (this._busy) return;
    const mode = this._flow.config.password;
    const password = mode === 'off' ? '' : this._field(event, 'password');
    if (mode === 'required' && !password) return this._say(this._t().passwordRequired, true);
    if (password && password.length < 8) return this._say(this._t().passwordTooShort, true);
    this._run({ type: 'register', password: password || null });
  }

  private _onChooseOAuth(name: OAuthProviderName): void {
    if (this._busy || this._flow.step !== 'email' || !this._checkEndpoint()) return;
    this._oauth.chosen = name;
    this._dispatchFlow({ type: 'oauth-chosen' });
    this._run({ type: 'oauth', provider: name });
  }

  private _onRetryOAuth(): void {
    if (this._busy || this._flow.step !== 'oauth' || !this._oauth.chosen) return;
    this._run({ type: 'oauth', provider: this._oauth.chosen });
  }

  // ---- calls ------------------------------------------------------------------------

  private _abortCall(): void {
    this._callAborted = true;
    this._call.abort();
  }

  private _run(action: Action): void {
    this._notice = null;
    this._callAborted = false;
    void this._call.run([action]);
  }

  private _client(): VlensClient {
    return createVlensClient({ endpoint: this.endpoint, credentials: this.credentials, timeoutMs: this.timeout || DEFAULT_TIMEOUT_MS });
  }

  /** Runs one call; applies its result to the flow unless aborted (then nothing is fired). */
  private async _perform(action: Action, signal: AbortSignal): Promise<FlowEvent | typeof taskIdle> {
    const step = this._flow.step;
    const at = this._flow;
    try {
      const client = this._client();
      const event = await callFor(action, {
        client,
        flow: at,
        signal,
        smsProvider: this.smsProvider,
        collectGeolocation: this.collectGeolocation,
        onCodeSent: () => this._countdown.start(this.resendAfter),
        onPhoneCodeResent: () => this._webOtp.restart(),
        verifyOAuth: (provider) => this._oauth.verify(client, provider, signal),
      });
      if (signal.aborted) return taskIdle;
      this._dispatchFlow(event.flow);
      if (event.registered) this._fireRegistered(event.registered);
      if (event.resent) this._say(this._t().codeResent, false);
      return event.flow;
    } catch (caught) {
      if (signal.aborted) return taskIdle;
      const error = asVlensError(caught);
      this._errorAt = at;
      this._errorAction = action.type;
      if (OFFERS_NEW_CODE.has(errorSituation(error, action.type))) this._countdown.stop();
      this._fireError(error, step);
      throw error;
    }
  }

  // ---- flow and events ------------------------------------------------------------------

  private _dispatchFlow(event: FlowEvent): void {
    const from = this._flow.step;
    this._flow = transition(this._flow, event);
    this._saveResume();
    const to = this._flow.step;
    if (event.type === 'phone-exists') this._notice = { at: this._flow, text: this._t().phoneExists, invalid: true, tone: 'error', signIn: true };
    this.requestUpdate();
    if (from !== to) {
      this._focusHeading = true;
      this._fire('vlens-step-change', { from, to });
    }
  }

  private _fireRegistered(data: RegisteredOutput): void {
    this._registeredName = data.userFullName ?? null;
    this._fire('vlens-registered', registeredDetail(data));
  }

  private _fireError(error: VlensError, step: StepId): void {
    const detail: VlensErrorDetail = {
      error_code: error.envelope.error_code ?? null,
      error_message: error.envelope.error_message ?? error.message,
      error_descriptions: error.envelope.error_descriptions ?? null,
      step,
      status: error.status,
      kind: error.kind,
    };
    this._fire('vlens-error', detail);
  }

  private _checkEndpoint(): boolean {
    if (this.endpoint) return true;
    this._fireConfigError();
    return false;
  }

  private _fireConfigError(): void {
    this._fire('vlens-error', {
      error_code: null,
      error_message: 'The endpoint attribute is missing',
      error_descriptions: null,
      step: this._flow.step,
      status: null,
      kind: 'config',
    });
  }

  private _fire<K extends 'vlens-registered' | 'vlens-error' | 'vlens-step-change'>(
    type: K,
    detail: HTMLElementEventMap[K]['detail'],
  ): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  // ---- helpers ---------------------------------------------------------------------------

  private _t(): VlensStrings {
    return stringsFor(this._locale(), this.strings);
  }

  /** Shows a message for the current state: a field error (`invalid`) or a plain notice. */
  private _say(text: string, invalid: boolean): void {
    this._notice = { at: this._flow, text, invalid, tone: invalid ? 'error' : 'notice' };
    this.requestUpdate();
  }

  private _field(event: SubmitEvent, name: string): string {
    const value = new FormData(event.currentTarget as HTMLFormElement).get(name);
    return typeof value === 'string' ? value : '';
  }

  private _emailStepMode(): EmailStepMode {
    return (['auto', 'required', 'optional', 'off'] as const).find((m) => m === this.emailStep) ?? 'auto';
  }

  private _passwordMode(): PasswordMode {
    return (['off', 'optional', 'required'] as const).find((m) => m === this.password) ?? 'off';
  }
}
