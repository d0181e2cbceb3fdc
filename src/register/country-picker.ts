/**
 * The phone step's country picker: a disclosure built from native controls
 * (a button, a search field and a `<select size>` listbox), so keyboards,
 * screen readers and phones all get behaviour they already know.
 *
 * The state lives in this controller, owned by the element. The first
 * screen shows the chosen country from the strings (Egypt) and its calling
 * code; the open panel and other countries' names (`Intl.DisplayNames`) are a
 * lazy module (./country-picker-panel.ts), and other calling codes come with
 * it or with the submit path (the table is in a chunk both share). Picking a
 * country whose phone metadata is not loaded loads the world's metadata then,
 * never before.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { CountryLocale } from '../phone/countries.js';
import { countryPanel, submitPath } from './lazy-parts.js';
import { whenIdle } from './lazy-module.js';
import { COUNTRY_IDS, callingCodeText, type CountryPickerStrings } from './country-picker-parts.js';

export { COUNTRY_IDS, callingCodeText, type CountryPickerStrings };

/** Shown when the default country is not one the library knows. */
const FALLBACK_COUNTRY = 'EG';
/** Its calling code, known to the first screen (the table of the others is lazy). */
const FALLBACK_CALLING_CODE = '20';

/** The calling code of `country`: Egypt's at once, others once a lazy part holding the table has loaded. */
function callingCodeOf(country: string): string | undefined {
  if (country === FALLBACK_COUNTRY) return FALLBACK_CALLING_CODE;
  return (submitPath.now() ?? countryPanel.now())?.callingCodeOf(country);
}

/**
 * The countries the first screen offers before the submit path (with the table and the offered-countries
 * rule) has loaded: the default country alone, as while the proxy's list loads.
 */
export function firstScreenCountries(defaultCountry: string): string[] {
  const wanted = defaultCountry.trim().toUpperCase();
  return [/^[A-Z]{2}$/.test(wanted) ? wanted : FALLBACK_COUNTRY];
}

/**
 * The countries the element offers: the first screen's until the submit path has loaded, then the proxy's
 * (`undefined` while loading, `null` when unknown) narrowed by the host's `allowed-countries`.
 */
export function offeredNow(
  defaultCountry: string,
  server: readonly string[] | null | undefined,
  host: string,
): string[] {
  const path = submitPath.now();
  if (!path) return firstScreenCountries(defaultCountry);
  return path.offeredCountries({ server, host: path.parseCountryList(host), defaultCountry });
}

export interface CountryPickerOptions {
  /** The element's `default-country` (ISO code); followed until the person picks one. */
  defaultCountry(): string;
  /** The countries to offer (see ../phone/offered-countries.ts); one means no picker. */
  offered(): readonly string[];
}

export class CountryPicker implements ReactiveController {
  private picked: string | undefined;
  private open = false;
  private query = '';
  private loadState: 'idle' | 'loading' | 'failed' | 'panel-failed' = 'idle';
  private focusNext: string | undefined;
  private panelPreloaded = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: CountryPickerOptions,
  ) {
    host.addController(this);
  }

  /** The country numbers are read in: the person's pick, else the default country, else Egypt, else the first offered. */
  get country(): string {
    const offered = this.options.offered();
    if (this.picked && offered.includes(this.picked)) return this.picked;
    const wanted = this.options.defaultCountry().trim().toUpperCase();
    if (offered.includes(wanted)) return wanted;
    if (offered.includes(FALLBACK_COUNTRY) || !offered.length) return FALLBACK_COUNTRY;
    return offered[0];
  }

  /** True when `country` is one the widget offers (a typed `+code` number from elsewhere is refused before any call). */
  offers(country: string | undefined): boolean {
    return country !== undefined && this.options.offered().includes(country);
  }

  /** True when every offered country's numbers can be parsed now (so an unparseable calling code is not theirs). */
  get offeredLoaded(): boolean {
    const path = submitPath.now();
    return Boolean(path) && this.options.offered().every((country) => path!.isCountryLoaded(country));
  }

  /** True while the chosen country's phone metadata is loading. */
  get loading(): boolean {
    return this.loadState === 'loading';
  }

  /** True when the panel with the search and the list is open. */
  get expanded(): boolean {
    return this.open;
  }

  /** Makes the chosen country parseable (loads the world's metadata when it is not in the bundle). */
  async ready(): Promise<void> {
    const country = this.country;
    if (submitPath.now()?.isCountryLoaded(country)) return;
    this.setLoad('loading');
    try {
      const { ensureCountry } = await submitPath.load();
      await ensureCountry(country);
      this.setLoad('idle');
    } catch (error) {
      this.setLoad('failed');
      throw error;
    }
  }

  /** Picks a country (as if chosen in the list); loads its metadata when needed. */
  choose(code: string): void {
    if (!callingCodeOf(code) || !this.options.offered().includes(code)) return;
    this.picked = code;
    this.host.requestUpdate();
    if (!submitPath.now()?.isCountryLoaded(code)) this.ready().catch(() => {});
  }

  /** Back to the default country, closed (the element's reset). */
  reset(): void {
    this.picked = undefined;
    this.open = false;
    this.query = '';
    this.loadState = 'idle';
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    // The first screen is up: the panel loads when the page is idle.
    if (!this.panelPreloaded) whenIdle(() => countryPanel.preload());
    this.panelPreloaded = true;
    // A country other than Egypt is named by Intl.DisplayNames, in the lazy panel module.
    if (this.country !== FALLBACK_COUNTRY && !countryPanel.now()) this.loadPanel();
    if (!this.focusNext) return;
    const target = this.host.shadowRoot?.getElementById(this.focusNext);
    // The search field appears once the panel module has loaded: focus it then.
    if (!target && this.open && !countryPanel.now()) return;
    this.focusNext = undefined;
    target?.focus();
  }

  /** The chosen country's name: Egypt's from the strings; others from the panel module once loaded (the ISO code until then). */
  private countryName(t: CountryPickerStrings, locale: CountryLocale): string {
    const country = this.country;
    if (country === FALLBACK_COUNTRY) return t.countryEgypt;
    return countryPanel.now()?.countryDisplayName(country, locale) ?? country;
  }

  /** Loads the panel module, then renders again; a failure closes the panel and says so. */
  private loadPanel(): void {
    countryPanel.load().then(
      () => this.host.requestUpdate(),
      () => {
        if (!this.open) return;
        this.open = false;
        this.focusNext = COUNTRY_IDS.toggle;
        this.setLoad('panel-failed');
      },
    );
  }

  /** The picker's markup, in the phone step's form. */
  render(t: CountryPickerStrings, locale: CountryLocale): TemplateResult {
    const name = this.countryName(t, locale);
    const callingCode = callingCodeOf(this.country);
    const choice = this.options.offered().length > 1;
    return html`<div part="country">
      <span part="label" id=${COUNTRY_IDS.label}>${t.countryLabel}</span>
      <div part="country-row">
        <span part="country-name" id=${COUNTRY_IDS.value}>${name} <bdi dir="ltr" part="calling-code">${callingCode ? `+${callingCode}` : ''}</bdi></span>
        ${choice ? this.renderToggle(t) : nothing}
      </div>
      ${this.open && choice ? this.renderPanel(t, locale) : nothing}
      <p part="country-status" id=${COUNTRY_IDS.status} aria-live="polite">${this.statusText(t)}</p>
    </div>`;
  }

  /** The "Change country" button (only when there is a choice). */
  private renderToggle(t: CountryPickerStrings): TemplateResult {
    return html`<button
      part="button country-toggle"
      id=${COUNTRY_IDS.toggle}
      type="button"
      aria-expanded=${this.open ? 'true' : 'false'}
      aria-controls=${COUNTRY_IDS.panel}
      aria-describedby="${COUNTRY_IDS.label} ${COUNTRY_IDS.value}"
      @click=${this.toggle}
        >
      ${t.countryChange}
        </button>`;
  }

  private renderPanel(t: CountryPickerStrings, locale: CountryLocale): TemplateResult | typeof nothing {
    const panel = countryPanel.now();
    if (!panel) return nothing;
    return panel.renderCountryPanel({
      t,
      locale,
      query: this.query,
      selected: this.country,
      offered: this.options.offered(),
      on: {
        panelKeydown: this.onPanelKeydown,
        search: this.onSearch,
        searchKeydown: this.onSearchKeydown,
        listChange: this.onListChange,
        listKeydown: this.onListKeydown,
        close: this.close,
      },
    });
  }

  private statusText(t: CountryPickerStrings): string | typeof nothing {
    if (this.loadState === 'loading') return t.countryLoading;
    if (this.loadState === 'failed') return t.countryLoadFailed;
    return this.loadState === 'panel-failed' ? t.errorNetwork : nothing;
  }

  private setLoad(state: 'idle' | 'loading' | 'failed' | 'panel-failed'): void {
    this.loadState = state;
    this.host.requestUpdate();
  }

  private readonly toggle = (): void => {
    this.open = !this.open;
    this.query = '';
    this.focusNext = this.open ? COUNTRY_IDS.search : undefined;
    if (this.loadState === 'panel-failed') this.loadState = 'idle';
    if (this.open && !countryPanel.now()) this.loadPanel();
    this.host.requestUpdate();
  };

  private readonly close = (): void => {
    this.open = false;
    this.query = '';
    this.focusNext = COUNTRY_IDS.toggle;
    this.host.requestUpdate();
  };

  private readonly onSearch = (event: Event): void => {
    this.query = (event.target as HTMLInputElement).value;
    this.host.requestUpdate();
  };

  private readonly onSearchKeydown = (event: KeyboardEvent): void => {
    const list = this.host.shadowRoot?.getElementById(COUNTRY_IDS.list);
    if (event.key === 'ArrowDown' && list instanceof HTMLSelectElement) {
      event.preventDefault();
      if (list.selectedIndex < 0 && list.options.length) {
        list.selectedIndex = 0;
        this.choose(list.value);
      }
      list.focus();
    } else if (event.key === 'Enter') {
      // Enter in the search field picks the best match; it never submits the phone form.
      event.preventDefault();
      const best = list instanceof HTMLSelectElement ? list.options[0]?.value : undefined;
      if (best) this.choose(best);
      this.close();
    }
  };

  private readonly onListChange = (event: Event): void => {
    this.choose((event.target as HTMLSelectElement).value);
  };

  private readonly onListKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.close();
    }
  };

  private readonly onPanelKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.close();
    }
  };
}
