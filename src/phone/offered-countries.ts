/**
 * The countries the widget offers: one source, the proxy's `GET {mount}/config`
 * (`allowedCountries`), narrowed by the host's `allowed-countries` attribute.
 * When the proxy does not answer its configuration (a proxy without it), the
 * attribute, else every country; until it answers, the default country alone.
 * Only countries with a calling code (numbers of each can be validated once the world metadata loads).
 */
import { callingCodeOf, countryCallingCodes } from './countries.js';

export interface OfferedCountriesInput {
  /** The proxy's list; `undefined` while loading, `null` when it could not be read. */
  server: readonly string[] | null | undefined;
  /** The host's `allowed-countries`, or null when not set. */
  host: readonly string[] | null;
  /** The element's `default-country`. */
  defaultCountry: string;
}

/** True when numbers of `country` can be validated (now, or after loading the world's metadata). */
export function canValidateCountry(country: string): boolean {
  return callingCodeOf(country) !== undefined;
}

/** `"EG SA"`, `"eg,sa"` → `['EG', 'SA']`; empty → null. */
export function parseCountryList(text: string | null | undefined): string[] | null {
  const codes = (text ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((code) => code.toUpperCase());
  return codes.length ? codes : null;
}

let last: { input: OfferedCountriesInput; hostKey: string; offered: string[] } | undefined;

/**
 * The offered countries, in the order given, never empty: the default country (else Egypt) when nothing
 * else fits. Remembers its last answer (the element asks on every render).
 */
export function offeredCountries(input: OfferedCountriesInput): string[] {
  const hostKey = input.host?.join(' ') ?? '';
  if (
    last &&
    last.input.server === input.server &&
    last.hostKey === hostKey &&
    last.input.defaultCountry === input.defaultCountry
  ) {
    return last.offered;
  }
  last = { input, hostKey, offered: computeOffered(input) };
  return last.offered;
}

function computeOffered({ server, host, defaultCountry }: OfferedCountriesInput): string[] {
  const wanted = defaultCountry.trim().toUpperCase();
  let list: readonly string[];
  if (server) list = host ? host.filter((code) => server.includes(code)) : server;
  else if (server === null) list = host ?? [...countryCallingCodes().keys()];
  else list = host && !host.includes(wanted) ? host.slice(0, 1) : [wanted]; // loading (or nothing known): one country, no picker

  const offered = [...new Set(list.map((code) => code.toUpperCase()))].filter(canValidateCountry);
  if (offered.length) return offered;
  return [canValidateCountry(wanted) ? wanted : 'EG'];
}
