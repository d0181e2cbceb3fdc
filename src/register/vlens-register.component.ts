import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DEFAULT_TIMEOUT_MS, VlensError } from '../api/error.js';
import {
  CallController,
  CaptchaController,
  LangObserver,
  LightFieldsController,
  ResendCountdown,
  ResumeController,
  WebOtpController,
} from '../controllers/index.js';
import { PageScheme, ReadableColours, ServerConfig, type LightFieldsState } from '../controllers/index.js';
import { configErrorDetail, errorDetail, registeredDetail } from '../events.js';
import { offeredCountries, parseCountryList } from '../phone/offered-countries.js';
import { directionOf, format, phoneProblemText, stringsFor } from '../i18n/index.js';
import type { VlensErrorText, VlensLocale, VlensStringOverrides, VlensStrings } from '../i18n/index.js';
import { parseOAuthProviders, type IdTokenProvider } from '../oauth/types.js';
import type { Action, CallResult } from './calls.js';
import { CountryPicker } from './country-picker.js';
import { countryPickerStyles } from './country-picker.styles.js';
import { errorSituation, errorText, OFFERS_NEW_CODE } from './error-text.js';
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
import { fieldFor, fieldSlots, statusSlot, type LightField } from './light-fields.js';
import { lightFieldStyles } from './light-fields.styles.js';
import { safeLinkUrl } from './link-url.js';
import { failureNotice, type Notice } from './notice.js';
import { OAuthSignIn } from './oauth-sign-in.js';
import { countryPanel, submitPath } from './lazy-parts.js';
import { whenIdle } from './lazy-module.js';
import {
  codeStep,
  doneStep,
  emailStep,
  finishStep,
  IDS,
  oauthStep,
  phoneStep,
  providerLabel,
  type StepBase,
  type StepHandlers,
} from './steps/index.js';
import { themeStyles } from './theme.styles.js';
import { cleanEmail, emailStepMode, passwordMode, RULE_VALUES, submittedAction } from './validation.js';
import { vlensRegisterStyles } from './vlens-register.styles.js';

/** `theme`'s reflection: `auto` is the absent attribute. */
const AUTO_IS_NO_ATTRIBUTE = { toAttribute: (theme: string) => (theme === 'auto' ? null : theme) };

/**
 * Registers a user with Vlens, step by step (phone number, SMS code, email and
 * its code when needed, password when asked), through the tenant's proxy.
 * The class registers nothing; import `vlens-register.js` to define the tag.
 * Attributes are documented on their properties.
 *
 * The step's field, label, hint and status line are light-DOM children (the four slots below), made at
 * the first interaction, where password managers find them (README: autofill, hydration).
 *
 * Colours have light and dark defaults (`theme`); set them in pairs that reach 4.5:1. Text on the primary
 * colour is chosen readable unless the host sets `--vlens-color-on-primary` (README: theming).
 *
 * @summary Vlens registration: phone, code, email, finish — ends with the user's access token.
 *
 * @attr lang - The language (`ar…` → Arabic, right-to-left; else English); without it, the closest ancestor's, else the document's.
 * @attr step - Reflected, read-only: the current step id, from the first interaction (or the first step change) on.
 *
 * @fires vlens-registered - The account exists; detail: the `RegisterOutput` essentials with the access token.
 * @fires vlens-error - A call failed (or the endpoint is missing); detail: envelope, step, status, kind.
 * @fires vlens-step-change - The step changed after a user action or a call result; detail: `{ from, to }`.
 *
 * @slot consent - Tenant terms shown above the final button.
 * @slot field-label - Filled by the element: the light-DOM `<label>` of the step's field.
 * @slot field - Filled by the element: the light-DOM `<input>` of the step (`phone`, `code`, `email` or `password`).
 * @slot field-hint - Filled by the element: the light-DOM hint under the field (phone and password).
 * @slot status - Filled by the element: the light-DOM live status line (`data-tone`: `error`, `progress`, `notice`, `none`).
 * @slot captcha - Filled by the element when `captcha` is set: where Turnstile or hCaptcha shows a challenge.
 *
 * @csspart base - The widget's box.
 * @csspart heading - Each step's heading (receives focus on step changes).
 * @csspart intro - The line under the heading.
 * @csspart form - The step's form.
 * @csspart label - Labels in the shadow root (the country, the country search and list).
 * @csspart input - The country search field (the step's own field is in light DOM: the `field` slot).
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
 */
export class VlensRegister extends LitElement {
  static override styles = [themeStyles, vlensRegisterStyles, lightFieldStyles, countryPickerStyles];

  /** The tenant's proxy mount, e.g. `/api/vlens`; every call is `POST {endpoint}/<Vlens path>`. Required. */
  @property() endpoint = '';
  /** Vlens SMS provider (1-7); unset = the tenant default. */
  @property({ attribute: 'sms-provider', type: Number }) smsProvider: number | undefined;
  /** `auto` (follow the server), `required`, `optional` or `off`. */
  @property({ attribute: 'email-step' }) emailStep: EmailStepMode = 'auto';
  /** `off`, `optional` or `required`: collect a password at the last step. */
  @property() password: PasswordMode = 'off';
  /** Prefills the phone number. */
  @property() phone = '';
  /** Prefills the email address. */
  @property() email = '';
  /** Seconds before a code may be sent again (default: the proxy's `resendAfterSec` from `GET {endpoint}/config`, else 60). */
  @property({ attribute: 'resend-after', type: Number }) resendAfter = 60;
  /** Ask the browser for a position and send it as `geoLocation`. */
  @property({ attribute: 'collect-geolocation', type: Boolean }) collectGeolocation = false;
  /** Fetch credentials: `same-origin` (default) or `include`. */
  @property() credentials: RequestCredentials = 'same-origin';
  /** Where a person with an existing account can sign in: an `http:`, `https:` or relative URL (anything else is ignored, with a console warning). */
  @property({ attribute: 'signin-url' }) signinUrl = '';
  /** `turnstile`, `hcaptcha` or `recaptcha` (v3): a CAPTCHA token goes with every code send (the proxy verifies it). Its script loads only when set. */
  @property() captcha = '';
  /** The CAPTCHA provider's public site key (the proxy's `GET {endpoint}/config` answers it). */
  @property({ attribute: 'captcha-site-key' }) captchaSiteKey = '';
  /** Overrides the CAPTCHA provider's script URL (a self-hosted copy; the stand-in's fake in tests and the demo). */
  @property({ attribute: 'captcha-script-src' }) captchaScriptSrc = '';
  /** Milliseconds before a call counts as timed out (default 15000). */
  @property({ type: Number }) timeout = DEFAULT_TIMEOUT_MS;
  /** ISO code of the country numbers are read in until the person picks another (default `EG`). */
  @property({ attribute: 'default-country' }) defaultCountry = 'EG';
  /** Countries to offer (ISO codes), narrowing the proxy's list (`GET {endpoint}/config`); alone when it does not answer. */
  @property({ attribute: 'allowed-countries' }) allowedCountries = '';
  /**
   * `auto` (default) follows the page behind the widget (its background, else its `color-scheme`, else light); or `light`, `dark`.
   * Reflected except `auto`, which is the absent attribute: the element writes nothing onto a server-rendered tag before it hydrates.
   */
  @property({ reflect: true, converter: AUTO_IS_NO_ATTRIBUTE }) theme: 'light' | 'dark' | 'auto' = 'auto';
  /** Keep the number and request id (never a code) in sessionStorage so a reload resumes at the code step. */
  @property({ type: Boolean }) resume = false;
  /** Replace any string, per locale: `{ ar: { phoneHeading: '…' } }`. */
  @property({ attribute: false }) strings: VlensStringOverrides = {};
  /** JSON `[{ errorCode, errorMessageEn, errorMessageAr }]` (the shape Vlens's SDKs take) overriding error messages. */
  @property({ attribute: 'error-texts', type: Array }) errorTexts: VlensErrorText[] = [];
  /** `google` and/or `microsoft` (space-separated): offered beside the email code. */
  @property({ attribute: 'oauth-providers' }) oauthProviders = '';
  /** Google OAuth client id for the built-in Google Identity Services adapter. */
  @property({ attribute: 'google-client-id' }) googleClientId = '';
  /** Application (client) id for the built-in MSAL popup adapter. */
  @property({ attribute: 'microsoft-client-id' }) microsoftClientId = '';
  /** MSAL authority (default `https://login.microsoftonline.com/common`; B2C: the policy URL). */
  @property({ attribute: 'microsoft-authority' }) microsoftAuthority = '';
  /** The page MSAL's popup returns to; it must run MSAL's redirect bridge (default: this page). */
  @property({ attribute: 'microsoft-redirect-uri' }) microsoftRedirectUri = '';
  /**
   * Gets an ID token for a provider instead of the built-in Google and Microsoft adapters
   * (hosts with their own sign-in). Reject with an error named `OAuthCancelledError` when
   * the person closed the sign-in: the widget goes back to the choice without an error.
   */
  @property({ attribute: false }) idTokenProvider: IdTokenProvider | null = null;

  @state() private _flow: FlowState = initialState();
  /** A local message (validation, resent code, registered number) for the state it was raised in. */
  @state() private _notice: Notice | null = null;
  /** What the person submitted last, shown again when the field is re-created. */
  @state() private _phoneText: string | null = null;
  @state() private _emailText: string | null = null;
  @state() private _registeredName: string | null = null;
  /** `signinUrl` when it is safe to link to. */
  private _signinHref: string | null = null;
  /** A submit is waiting for the submit path (phone library, client) to load: "working", buttons disabled. */
  @state() private _awaitingSubmitPath = false;
  private _focusHeading = false;

  private readonly _countdown = new ResendCountdown(this);
  /** The page's language where the element is (its own `lang`, an ancestor's, the document's), followed live. */
  private readonly _lang = new LangObserver(this);
  /** Whether the page behind the element is dark (`theme="auto"`). */
  private readonly _pageScheme = new PageScheme(this);
  /** Readable text on any brand colour: set on the box from its resolved colours after each update (in hostUpdated). */
  private readonly _colours = new ReadableColours(this, () =>
    this.renderRoot.querySelector<HTMLElement>('[part~="base"]'),
  );
  /** The proxy's `GET {endpoint}/config`: the countries it sends codes to. */
  private readonly _serverConfig = new ServerConfig(this, () => ({
    endpoint: this.endpoint,
    credentials: this.credentials,
    timeoutMs: this.timeout || DEFAULT_TIMEOUT_MS,
  }));
  private readonly _countries = new CountryPicker(this, {
    defaultCountry: () => this.defaultCountry,
    offered: () => {
      const [server, host] = [this._serverConfig.allowedCountries, parseCountryList(this.allowedCountries)];
      return offeredCountries({ server, host, defaultCountry: this.defaultCountry });
    },
  });
  private readonly _fields = new LightFieldsController(this, {
    view: () => this._lightView(),
    busy: () => this._busy,
    active: () => this._flow.step !== 'phone',
  });
  /** Reads the SMS code where the browser has WebOTP, while the phone code is awaited. */
  private readonly _webOtp = new WebOtpController(this, {
    active: () => this._flow.step === 'phone-code',
    onCode: (code) => this._fields.fillCode(code),
  });
  private readonly _resume = new ResumeController(this, {
    state: () => this._flow,
    restore: ({ phone, requestId }) =>
      (this._flow = transition(this._flow, { type: 'phone-code-sent', phone, requestId })),
  });
  /** The provider sign-in: chosen provider, its failure, the built-in adapters. */
  private readonly _captcha = new CaptchaController(this, () => ({
    provider: this.captcha,
    siteKey: this.captchaSiteKey,
    scriptSrc: this.captchaScriptSrc,
  }));
  private readonly _oauth = new OAuthSignIn(
    () => this,
    () => ({ t: this._t(), locale: this._lang.locale }),
  );
  /** The one call in flight; its progress and failure are the status line's message. */
  private readonly _call = new CallController<Action, CallResult, FlowState, Notice>(this, {
    state: () => this._flow,
    call: async (action, signal) => {
      const flow = this._flow;
      // Loaded by now, unless a call comes first (a resumed code step): the call shows "working" meanwhile.
      const { callFor } = await submitPath.load();
      signal.throwIfAborted();
      return callFor(action, this, flow, signal, {
        onCodeSent: () =>
          this._countdown.start(this._serverConfig.resendAfter(this.resendAfter, this.hasAttribute('resend-after'))),
        onPhoneCodeResent: () => this._webOtp.restart(),
        verifyOAuth: (client, provider) => this._oauth.verify(client, provider, signal),
        captchaToken: (signal) => this._captcha.token(signal),
      });
    },
    onResult: ({ flow, registered, resent }) => {
      this._dispatchFlow(flow);
      if (registered) this._registeredName = registered.userFullName ?? null;
      if (registered) this._fire('vlens-registered', registeredDetail(registered));
      if (resent) this._say(this._t().codeResent, 'notice');
    },
    onError: (error, at, action) => {
      if (OFFERS_NEW_CODE.has(errorSituation(error, action.type))) this._countdown.stop();
      this._fire('vlens-error', errorDetail(error, at.step));
    },
    progress: (at) => ({ at, text: this._t().working, invalid: false, tone: 'progress' }),
    failure: (error, at, action) => {
      const oauth = at.step === 'oauth' ? this._oauth : null;
      return failureNotice(
        error,
        at,
        errorText(error, this._t(), this._lang.locale, this.errorTexts, oauth, action.type),
      );
    },
  });

  /** What the step templates' forms and buttons do; a step's shadow form submits the light-DOM form (password managers see that one). */
  private readonly _on: StepHandlers = {
    submit: (event) => (event.preventDefault(), this._fields.submit()),
    resend: () =>
      !this._busy &&
      this._countdown.ready &&
      this._run({ type: this._flow.step === 'phone-code' ? 'resend-phone' : 'resend-email' }),
    back: () => {
      // A provider sign-in may never answer (a prompt left open): going back abandons it.
      if (this._busy && this._flow.step !== 'oauth') return;
      if (this._busy) this._call.abort();
      this._countdown.stop();
      this._dispatchFlow({ type: 'back' });
    },
    skip: () => this._dispatchFlow({ type: 'email-skipped' }),
    choose: (provider) => {
      if (this._busy || this._flow.step !== 'email' || !this._endpointReady()) return;
      this._oauth.chosen = provider;
      this._dispatchFlow({ type: 'oauth-chosen' });
      this._run({ type: 'oauth', provider });
    },
    retry: () =>
      !this._busy &&
      this._flow.step === 'oauth' &&
      this._oauth.chosen &&
      this._run({ type: 'oauth', provider: this._oauth.chosen }),
  };

  /**
   * The current step id, reflected as the `step` attribute once the light-DOM fields exist (first interaction, or a flow past
   * its first step). Read-only: writes are ignored (Vue sets it from the attribute).
   */
  get step(): StepId {
    return this._flow.step;
  }

  set step(_ignored: StepId) {}

  /** Back to the first step with a clean state; aborts any call in flight. Fires no event. */
  reset(): void {
    this._call.abort();
    this._countdown.stop();
    this._countries.reset();
    this._flow = transition(this._flow, { type: 'reset' });
    this._notice = this._phoneText = this._emailText = this._registeredName = null;
  }

  protected override firstUpdated(): void {
    // The first screen is up: fetch what a submit needs now, the picker's panel when the page is idle.
    submitPath.preload();
    whenIdle(() => countryPanel.preload());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Moving the element (removed and re-inserted in the same task) keeps the flow; a real removal aborts it.
    queueMicrotask(() => !this.isConnected && this._call.abort());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('signinUrl')) {
      this._signinHref = safeLinkUrl(this.signinUrl, document.baseURI);
      if (this.signinUrl.trim() && !this._signinHref)
        console.warn(
          `<vlens-register>: signin-url "${this.signinUrl}" is ignored: use an http:, https: or relative URL.`,
        );
    }
    if (changed.has('emailStep') || changed.has('password')) {
      this._flow = {
        ...this._flow,
        config: { emailStep: emailStepMode(this.emailStep), password: passwordMode(this.password) },
      };
    }
  }

  protected override updated(): void {
    // Like the light-DOM fields, the attribute waits for the first interaction: a framework hydrating a server-rendered
    // <vlens-register> finds only the attributes it rendered (React's development build reports any other).
    if (this._fields.created && this.getAttribute('step') !== this._flow.step)
      this.setAttribute('step', this._flow.step);
    if (this._focusHeading) this.renderRoot.querySelector<HTMLElement>(`#${IDS.heading}`)?.focus();
    this._focusHeading = false;
  }

  protected override render(): TemplateResult {
    const [locale, t, notice] = [this._lang.locale, this._t(), this._currentNotice()];
    const signIn = notice?.signIn && this._signinHref;
    const created = this._fields.created;
    const captcha = this._captcha.provider ? html`<slot name="captcha"></slot>` : nothing;
    const status = html`${statusSlot(!created)}${signIn ? html`<p part="sign-in"><a part="link" href=${signIn}>${t.signIn}</a></p>` : nothing}${captcha}`;
    const field = fieldSlots(created ? null : this._field(t), locale);
    const step = this._renderStep({ t, pending: this._busy, status, field, on: this._on }, locale);
    const dark = this.theme === 'dark' || (this.theme !== 'light' && this._pageScheme.isDark);
    return html`<div part="base" lang=${locale} dir=${directionOf(locale)} data-scheme=${dark ? 'dark' : 'light'}>${step}</div>`;
  }

  private _renderStep(base: StepBase, locale: VlensLocale): TemplateResult {
    const [flow, t] = [this._flow, base.t];
    switch (flow.step) {
      case 'phone':
        return phoneStep(base, this._countries.render(t, locale));
      case 'phone-code':
        return codeStep(base, { to: 'phone', address: flow.phone ?? '', resend: this._countdown });
      case 'email-code':
        return codeStep(base, { to: 'email', address: flow.email ?? '', resend: this._countdown });
      case 'email':
        return emailStep(base, { canSkip: canSkipEmail(flow), providers: parseOAuthProviders(this.oauthProviders) });
      case 'oauth':
        return oauthStep(base, { provider: providerLabel(t, this._oauth.chosen), failed: !base.pending });
      case 'finish': {
        const verified =
          flow.oauthRequestId && flow.email && this._oauth.chosen
            ? { provider: providerLabel(t, this._oauth.chosen), email: flow.email }
            : null;
        return finishStep(base, {
          password: flow.config.password !== 'off',
          canGoBack: previousStep(flow) !== null,
          verified,
        });
      }
      case 'done':
        return doneStep(t, this._registeredName);
    }
  }

  /** The step's light-DOM field and status line, rendered by the LightFieldsController after each update. */
  private _lightView(): LightFieldsState {
    const [locale, t, notice] = [this._lang.locale, this._t(), this._currentNotice()];
    return {
      locale,
      key: this._flow.step,
      field: this._field(t),
      invalid: !this._busy && Boolean(notice?.invalid),
      status: notice ? { text: notice.text, tone: notice.tone, isolate: Boolean(notice.foreign) } : null,
      onSubmit: (e) => this._onLightSubmit(e),
    };
  }

  /** The step's field: what it asks for, its words, and the value to show (the last submitted, else the prefill). */
  private _field(t: VlensStrings): LightField | null {
    return fieldFor(this._flow, t, {
      phone: this._phoneText ?? this.phone,
      email: this._emailText ?? this._flow.email ?? this.email,
    });
  }

  /** The status line's message: a local notice (a check, the config error), else the call's progress or failure. */
  private _currentNotice(): Notice | null {
    if (this._notice && this._notice.at === this._flow) return this._notice;
    return this._call.message(this._flow);
  }

  /** The light-DOM form's submit: the one way every step is submitted (button, Enter, auto-submit). */
  private _onLightSubmit(event: SubmitEvent): void {
    event.preventDefault();
    if (this._busy) return;
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const field = (name: string) => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    };
    if (this._flow.step === 'phone') return this._submitPhone((this._phoneText = field('phone')), true);
    if (this._flow.step === 'email') this._emailText = cleanEmail(field('email'));
    const action = submittedAction(this._flow, field);
    if (action?.ok) this._run(action.value);
    else if (action) this._say(format(this._t()[action.problem], RULE_VALUES), 'error');
  }

  /** Parses in the picked country; a country (or `+code`) not loaded yet loads the world's metadata once, then retries. */
  private _submitPhone(text: string, mayLoad: boolean): void {
    const path = submitPath.now();
    if (!path) return this._afterSubmitPath(() => this._submitPhone(text, mayLoad));
    const parsed = path.parsePhone(text, this._countries.country);
    if (parsed.ok && !this._countries.offers(parsed.country)) return this._say(this._t().errorPhoneCountry, 'error');
    if (parsed.ok) return this._run({ type: 'send-phone', phone: parsed.e164 });
    // A calling code none of the offered countries has: refused here, without loading the world's metadata.
    if (parsed.code === 'metadata-not-loaded' && this._countries.offeredLoaded)
      return this._say(this._t().errorPhoneCountry, 'error');
    if (parsed.code !== 'metadata-not-loaded' || !mayLoad)
      return this._say(phoneProblemText(this._t(), parsed.code), 'error');
    const at = this._flow;
    this._say(this._t().countryLoading, 'progress');
    path.loadPhoneMetadata().then(
      () => this._flow === at && this._phoneText === text && this._submitPhone(text, false),
      () => this._flow === at && this._say(this._t().countryLoadFailed, 'notice'),
    );
  }

  /**
   * A submit that came before the submit path loaded: "working" until it has, then `next` (on the
   * same state only). A failed load is a `network` error in the person's language, and `vlens-error`;
   * submitting again loads again.
   */
  private _afterSubmitPath(next: () => void): void {
    const at = this._flow;
    this._awaitingSubmitPath = true;
    this._say(this._t().working, 'progress');
    submitPath.load().then(
      () => {
        this._awaitingSubmitPath = false;
        if (this._flow !== at) return;
        this._notice = null;
        next();
      },
      (caught: unknown) => {
        this._awaitingSubmitPath = false;
        if (this._flow !== at) return;
        const error =
          caught instanceof VlensError ? caught : new VlensError('network', String(caught), { cause: caught });
        this._notice = failureNotice(
          error,
          at,
          errorText(error, this._t(), this._lang.locale, this.errorTexts, null, 'send-phone'),
        );
        this._fire('vlens-error', errorDetail(error, at.step));
      },
    );
  }

  /** A call is in flight, or a submit waits for the submit path. */
  private get _busy(): boolean {
    return this._awaitingSubmitPath || this._call.busy;
  }

  private _run(action: Action): void {
    if (!this._endpointReady()) return;
    this._notice = null;
    this._call.run(action);
  }

  private _dispatchFlow(event: FlowEvent): void {
    const from = this._flow.step;
    this._flow = transition(this._flow, event);
    if (event.type === 'phone-exists')
      this._notice = { at: this._flow, text: this._t().phoneExists, invalid: true, tone: 'error', signIn: true };
    if (from === this._flow.step) return;
    this._focusHeading = true;
    this._fire('vlens-step-change', { from, to: this._flow.step });
  }

  /** Checked when a call is about to be made, not at first render (frameworks often bind `endpoint` later). */
  private _endpointReady(): boolean {
    if (this.endpoint) return true;
    this._fire('vlens-error', configErrorDetail(this._flow.step));
    this._notice = { at: this._flow, text: this._t().errorConfig, invalid: false, tone: 'error' };
    return false;
  }

  private _fire<K extends 'vlens-registered' | 'vlens-error' | 'vlens-step-change'>(
    type: K,
    detail: HTMLElementEventMap[K]['detail'],
  ): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  private _t(): VlensStrings {
    return stringsFor(this._lang.locale, this.strings);
  }

  /** Shows a message for the current state: an error blames the field (`aria-invalid`). */
  private _say(text: string, tone: Notice['tone']): void {
    this._notice = { at: this._flow, text, invalid: tone === 'error', tone };
  }
}
