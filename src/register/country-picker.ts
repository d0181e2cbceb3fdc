/**
 * The phone step's country picker: a disclosure built from native controls
 * (a button, a search field and a `<select size>` listbox), so keyboards,
 * screen readers and phones all get behaviour they already know.
 *
 * The state lives in this controller, owned by the element. Picking a
 * country whose phone metadata is not in the main bundle loads the world's
 * metadata then, never before.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { callingCodeOf, searchCountries, type Country, type CountryLocale } from '../phone/countries.js';
import { ensureCountry, isCountryLoaded } from '../phone/metadata-store.js';

/** The picker's strings (part of the element's dictionary). */
export interface CountryPickerStrings {
  countryLabel: string;
  countryChange: string;
  countrySearchLabel: string;
  countryListLabel: string;
  countryDone: string;
  countryNoMatch: string;
  countryLoading: string;
  countryLoadFailed: string;
}

/** Ids inside the shadow root. */
export const COUNTRY_IDS = {
  toggle: 'country-toggle',
  panel: 'country-panel',
  search: 'country-search',
  list: 'country-list',
  label: 'country-label',
  value: 'country-value',
  status: 'country-status',
} as const;

/** Shown when the default country is not one the library knows. */
const FALLBACK_COUNTRY = 'EG';
/** Rows the listbox shows at once. */
const LIST_ROWS = 6;

/** `+20` wrapped in a left-to-right isolate, so it reads right inside Arabic text. */
export function callingCodeText(callingCode: string): string {
  return `\u2066+${callingCode}\u2069`;
}

const displayNames = new Map<CountryLocale, Intl.DisplayNames>();

/** A country's name in `locale` (the code itself where the runtime has none). Cheap: the element renders it often. */
function countryName(code: string, locale: CountryLocale): string {
  let names = displayNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
    displayNames.set(locale, names);
  }
  return names.of(code) ?? code;
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
  private loadState: 'idle' | 'loading' | 'failed' = 'idle';
  private focusNext: string | undefined;

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
    return this.options.offered().every(isCountryLoaded);
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
    if (isCountryLoaded(country)) return;
    this.setLoad('loading');
    try {
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
    if (!isCountryLoaded(code)) this.ready().catch(() => {});
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
    if (!this.focusNext) return;
    const target = this.host.shadowRoot?.getElementById(this.focusNext);
    this.focusNext = undefined;
    target?.focus();
  }

  /** The picker's markup, in the phone step's form. */
  render(t: CountryPickerStrings, locale: CountryLocale): TemplateResult {
    const name = countryName(this.country, locale);
    const callingCode = callingCodeOf(this.country) ?? '';
    const choice = this.options.offered().length > 1;
    return html`<div part="country">
      <span part="label" id=${COUNTRY_IDS.label}>${t.countryLabel}</span>
      <div part="country-row">
        <span part="country-name" id=${COUNTRY_IDS.value}>${name} <bdi dir="ltr" part="calling-code">+${callingCode}</bdi></span>
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

  private renderPanel(t: CountryPickerStrings, locale: CountryLocale): TemplateResult {
    const offered = this.options.offered();
    const matches = searchCountries(this.query, locale).filter((country) => offered.includes(country.code));
    return html`<div part="country-panel" id=${COUNTRY_IDS.panel} @keydown=${this.onPanelKeydown}>
      <label part="label" for=${COUNTRY_IDS.search}>${t.countrySearchLabel}</label>
      <input
        part="input country-search"
        id=${COUNTRY_IDS.search}
        type="search"
        dir="auto"
        autocomplete="off"
        enterkeyhint="done"
        aria-controls=${COUNTRY_IDS.list}
        .value=${this.query}
        @input=${this.onSearch}
        @keydown=${this.onSearchKeydown}
      />
      <label part="label" for=${COUNTRY_IDS.list}>${t.countryListLabel}</label>
      ${
        matches.length
          ? html`<select
            part="country-list"
            id=${COUNTRY_IDS.list}
            size=${Math.min(LIST_ROWS, Math.max(2, matches.length))}
            @change=${this.onListChange}
            @keydown=${this.onListKeydown}
            @dblclick=${this.close}
          >
            ${matches.map((c) => this.renderOption(c))}
          </select>`
          : html`<p part="hint" id=${COUNTRY_IDS.list}>${t.countryNoMatch}</p>`
      }
      <div part="actions">
        <button part="button country-done" type="button" @click=${this.close}>${t.countryDone}</button>
      </div>
    </div>`;
  }

  private renderOption(country: Country): TemplateResult {
    return html`<option value=${country.code} ?selected=${country.code === this.country}>
      ${country.name} (${callingCodeText(country.callingCode)})
    </option>`;
  }

  private statusText(t: CountryPickerStrings): string | typeof nothing {
    return this.loadState === 'loading'
      ? t.countryLoading
      : this.loadState === 'failed'
        ? t.countryLoadFailed
        : nothing;
  }

  private setLoad(state: 'idle' | 'loading' | 'failed'): void {
    this.loadState = state;
    this.host.requestUpdate();
  }

  private readonly toggle = (): void => {
    this.open = !this.open;
    this.query = '';
    this.focusNext = this.open ? COUNTRY_IDS.search : undefined;
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
