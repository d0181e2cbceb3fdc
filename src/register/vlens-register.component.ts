import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DEFAULT_TIMEOUT_MS, type VlensError } from '../api/error.js';
import {
  FocusKeeper,
  LangObserver,
  LightFieldsController,
  ServerConfig,
  StepReflection,
  THEME_ATTRIBUTE,
  ThemeController,
  type LightFieldsState,
} from '../controllers/index.js';
import { configErrorDetail, errorDetail, fire } from '../events.js';
import { directionOf, stringsFor } from '../i18n/index.js';
import type { VlensErrorText, VlensStringOverrides, VlensStrings } from '../i18n/index.js';
import type { IdTokenProvider } from '../oauth/types.js';
import type { Action } from './calls.js';
import { CountryPicker, offeredNow } from './country-picker.js';
import { countryPickerStyles } from './country-picker.styles.js';
import { initialState, transition, type FlowEvent, type FlowState, type StepId } from './flow.js';
import type { EmailStepMode, PasswordMode } from './flow.js';
import { fieldSlots, hintSlot, statusSlot } from './light-fields.js';
import { lightFieldStyles } from './light-fields.styles.js';
import { StatusNotice } from './status-notice.js';
import { stepHandlers } from './step-handlers.js';
import type { OAuthAttempt } from './error-text.js';
import { IDS, stepFor } from './steps/index.js';
import { resumePoint, submitPath } from './lazy-parts.js';
import type { ResumeController } from '../controllers/resume.js';
import { SubmitController } from './submit.js';
import { themeStyles } from './theme.styles.js';
import { IDLE_COUNTDOWN } from './idle-countdown.js';
import type { LaterControllers } from './later-controllers.js';
import { flowConfig } from './rules.js';
import { vlensRegisterStyles } from './vlens-register.styles.js';

/**
 * Registers a user with Vlens, step by step (phone number, SMS code, email and
 * its code when needed, password when asked), through the tenant's proxy.
 * The class registers nothing; import `vlens-register.js` to define the tag.
 * Attributes are documented on their properties.
 *
 * The step's field, label, hint and status line are light-DOM children (the four slots below), made at
 * the first interaction, where password managers find them (docs/accessibility.md, docs/hosts.md).
 *
 * Colours have light and dark defaults (`theme`); set them in pairs that reach 4.5:1. Text on the primary
 * colour is chosen readable unless the host sets `--vlens-color-on-primary` (docs/theming.md).
 *
 * @summary Vlens registration: phone, code, email, finish — ends with the user's access token.
 *
 * @attr lang - The language (`ar…` → Arabic, right-to-left; else English); without it, the closest ancestor's, else the document's.
 * @attr step - Reflected, read-only: the current step id, from the first interaction (or the first step change) on.
 *
 * @fires {CustomEvent<VlensRegisteredDetail>} vlens-registered - The account exists; detail: the `RegisterOutput` essentials with the access token.
 * @fires {CustomEvent<VlensErrorDetail>} vlens-error - A call failed (or the endpoint is missing); detail: envelope, step, status, kind.
 * @fires {CustomEvent<VlensStepChangeDetail>} vlens-step-change - The step changed after a user action or a call result; detail: `{ from, to }`.
 *
 * @slot consent - Tenant terms shown above the final button.
 * @slot field-label - Filled by the element: the light-DOM `<label>` of the step's field.
 * @slot field - Filled by the element: the light-DOM `<input>` of the step (`phone`, `code`, `email` or `password`).
 * @slot field-hint - Filled by the element: the light-DOM hint under the field (phone and password), or the line under the heading that says where the code went (code steps); it describes the field.
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
  @property({ reflect: true, converter: THEME_ATTRIBUTE }) theme: 'light' | 'dark' | 'auto' = 'auto';
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
  @state() private _registeredName: string | null = null;
  /** `signinUrl` when it is safe to link to, checked (with a warning) once the submit path has brought the check. */
  private _signinHref: string | null = null;
  /** The `signinUrl` that `_signinHref` was checked for. */
  private _signinChecked: string | undefined;

  /** The call in flight, refused codes, resend cooldown, WebOTP and CAPTCHA, made once the submit path has loaded (see `_later`). */
  private _laterControllers: LaterControllers | undefined;
  /** The page's language where the element is (its own `lang`, an ancestor's, the document's), followed live. */
  private readonly _lang = new LangObserver(this);
  /** The box's scheme (`theme`, or the page behind it) and readable text on any brand colour. */
  private readonly _theme = new ThemeController(this, () => this.renderRoot.querySelector('[part~="base"]'));
  /** The proxy's `GET {endpoint}/config`: the countries it sends codes to. */
  private readonly _serverConfig = new ServerConfig(this);
  private readonly _countries = new CountryPicker(this, {
    defaultCountry: () => this.defaultCountry,
    offered: () => offeredNow(this.defaultCountry, this._serverConfig.allowedCountries, this.allowedCountries),
  });
  /** The status line's message: a local notice, else the call's progress or failure. */
  private readonly _notice: StatusNotice = new StatusNotice(this, {
    flow: () => this._flow,
    callMessage: (at) => this._later?.call.message(at) ?? null,
    strings: () => this._t(),
    locale: () => this._lang.locale,
    errorTexts: () => this.errorTexts,
  });
  /** The light-DOM form's submit: what was submitted, checked, then the step's call. */
  private readonly _submit: SubmitController = new SubmitController(this, {
    flow: () => this._flow,
    calling: () => this._later?.call.busy ?? false,
    strings: () => this._t(),
    countries: this._countries,
    say: (text, tone) => {
      this._notice.say(text, tone);
      if (tone === 'error') this._focus.field(); // the value is refused: back to it
    },
    quiet: () => this._notice.show(null),
    loadFailed: (error, at) => this._loadFailed(error, at),
    run: (action) => this._run(action),
  });
  private readonly _fields = new LightFieldsController(this, {
    view: () => this._lightView(),
    busy: () => this._submit.busy,
    active: () => this._flow.step !== 'phone',
    loadFailed: (error) => this._loadFailed(error as VlensError, this._flow),
  });
  /** The `step` attribute once the light-DOM fields exist; focus on a new step's heading. */
  private readonly _stepReflection = new StepReflection(this, {
    step: () => this._flow.step,
    reflect: () => this._fields.created,
    heading: () => this.renderRoot.querySelector<HTMLElement>(`#${IDS.heading}`),
  });
  /** Focus after a call: the field after a refused value or a new code; never dropped to `<body>`. */
  private readonly _focus = new FocusKeeper(this, {
    field: () => this._fields.input(),
    heading: () => this.renderRoot.querySelector<HTMLElement>(`#${IDS.heading}`),
  });
  /** The opt-in resume point (`resume`): its module loads once the attribute is set, and restores when it is in. */
  private _resume: ResumeController | undefined;
  /** The provider sign-in's attempt: the chosen provider and its failure. */
  private readonly _oauth: OAuthAttempt = { chosen: null, failure: null, retrying: false };
  /** What the step templates' forms and buttons do. */
  private readonly _on = stepHandlers({
    flow: () => this._flow,
    busy: () => this._submit.busy,
    countdown: () => this._later?.countdown ?? IDLE_COUNTDOWN,
    oauth: this._oauth,
    submitLight: () => this._fields.submit(),
    abortCall: () => this._later?.call.abort(),
    dispatch: (event) => this._dispatchFlow(event),
    run: (action) => this._run(action),
    endpointReady: () => this._endpointReady(),
  });

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
    this._later?.call.abort();
    this._later?.countdown.stop();
    this._countries.reset();
    this._later?.refused.clear();
    this._flow = transition(this._flow, { type: 'reset' });
    this._submit.reset();
    this._registeredName = null;
    this._notice.show(null);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Moving the element (removed and re-inserted in the same task) keeps the flow; a real removal aborts it.
    queueMicrotask(() => !this.isConnected && this._later?.call.abort());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    void this._later; // made in the first update after the submit path has loaded, before render() reads it
    if (this.resume && !this._resume) this._loadResume();
    const path = submitPath.now();
    if (path && this._signinChecked !== this.signinUrl)
      this._signinHref = path.signinHref((this._signinChecked = this.signinUrl));
    if (changed.has('emailStep') || changed.has('password'))
      this._flow = { ...this._flow, config: flowConfig(this.emailStep, this.password) };
  }

  protected override render(): TemplateResult {
    const [locale, t, notice] = [this._lang.locale, this._t(), this._notice.current];
    const signIn = notice?.signIn ? this._signinHref : null;
    const captcha = this._later?.captcha.provider ? html`<slot name="captcha"></slot>` : nothing;
    const link = signIn ? submitPath.now()?.signinLine(signIn, t.signIn) : nothing;
    const status = html`${statusSlot(!this._fields.created, notice)}${link ?? nothing}${captcha}`;
    const fallback = this._fields.created ? null : this._submit.field(t, this);
    const [field, hint] = [fieldSlots(fallback, locale), hintSlot(fallback, locale)];
    const step = stepFor(
      this._flow,
      { t, pending: this._submit.busy, status, field, hint, on: this._on },
      {
        countryPicker: () => this._countries.render(t, locale),
        resend: this._later?.countdown ?? IDLE_COUNTDOWN,
        providers: this.oauthProviders,
        chosen: this._oauth.chosen,
        retrying: this._oauth.retrying,
        registeredName: this._registeredName,
      },
    );
    return html`<div part="base" lang=${locale} dir=${directionOf(locale)} data-scheme=${this._theme.scheme(this.theme)}>${step}</div>`;
  }

  /** The step's light-DOM field and status line, rendered by the LightFieldsController after each update. */
  private _lightView(): LightFieldsState {
    const [locale, t, notice] = [this._lang.locale, this._t(), this._notice.current];
    return {
      locale,
      key: this._flow.step,
      field: this._submit.field(t, this),
      invalid: !this._submit.busy && Boolean(notice?.invalid),
      status: notice ? { text: notice.text, tone: notice.tone, isolate: Boolean(notice.foreign) } : null,
      onSubmit: (e) => this._submit.submit(e),
    };
  }

  private _run(action: Action): void {
    if (!this._endpointReady()) return;
    const refused = this._later?.refused.known(this._flow, action);
    if (refused) {
      this._notice.show(this._notice.failure(refused, this._flow, action.type, null));
      return this._focus.field();
    }
    this._notice.show(null);
    // Before the submit path has loaded (a resumed code step): "working" until it has, then the call.
    const later = this._later;
    if (later) later.call.run(action);
    else this._submit.afterSubmitPath(() => this._later?.call.run(action));
  }

  /** Code the step needs did not load (a `network` error): its message and `vlens-error`; the next submit loads again. */
  private _loadFailed(error: VlensError, at: FlowState): void {
    this._notice.show(this._notice.failure(error, at, 'send-phone', null));
    fire(this, 'vlens-error', errorDetail(error, at.step));
  }

  private _dispatchFlow(event: FlowEvent): void {
    const from = this._flow.step;
    this._flow = transition(this._flow, event);
    if (event.type === 'phone-exists') this._notice.say(this._t().phoneExists, 'error', { signIn: true });
    if (from === this._flow.step) return;
    this._stepReflection.changed();
    fire(this, 'vlens-step-change', { from, to: this._flow.step });
  }

  /** Checked when a call is about to be made, not at first render (frameworks often bind `endpoint` later). */
  private _endpointReady(): boolean {
    if (this.endpoint) return true;
    fire(this, 'vlens-error', configErrorDetail(this._flow.step));
    this._notice.say(this._t().errorConfig, 'error', { invalid: false });
    return false;
  }

  private _loadResume(): void {
    resumePoint.load().then(
      ({ ResumeController }) =>
        (this._resume ??= new ResumeController(this, {
          state: () => this._flow,
          restore: ({ phone, requestId }) =>
            (this._flow = transition(this._flow, { type: 'phone-code-sent', phone, requestId })),
        })),
      () => {}, // no resume: the flow starts at the phone step (as without sessionStorage); the next update tries again
    );
  }

  /** The controllers that come with the submit path (the call in flight among them); undefined until it has loaded. */
  private get _later(): LaterControllers | undefined {
    return (this._laterControllers ??= submitPath.now()?.laterControllers(this, {
      // Reads the SMS code where the browser has WebOTP, while the phone code is awaited.
      webOtp: { active: () => this._flow.step === 'phone-code', onCode: (code) => this._fields.fillCode(code) },
      // A CAPTCHA token for every code send, when `captcha` is set.
      captcha: () => ({ provider: this.captcha, siteKey: this.captchaSiteKey, scriptSrc: this.captchaScriptSrc }),
      call: {
        element: this,
        flow: () => this._flow,
        resendAfter: () => this._serverConfig.resendAfter(),
        oauth: this._oauth,
        words: () => ({ t: this._t(), locale: this._lang.locale }),
        notice: this._notice,
        focusField: () => this._focus.field(),
        dispatch: (event) => this._dispatchFlow(event),
        registered: (output) => (this._registeredName = output.userFullName ?? null),
      },
    }));
  }

  /** The strings in the page's language: the first screen's, and every other once the submit path has brought them. */
  private _t(): VlensStrings {
    const path = submitPath.now();
    return stringsFor(this._lang.locale, this.strings, path?.LATER_STRINGS, path?.LEGACY_STRING_KEYS);
  }
}
