/**
 * The phone metadata the page has so far: Egypt from the main bundle, other
 * countries registered as slices or loaded as the whole world on demand.
 */
import type { MetadataJson } from 'libphonenumber-js/core';
import { EG_METADATA } from './metadata/eg.js';

let active: MetadataJson = EG_METADATA;
let worldLoaded = false;
let worldLoading: Promise<void> | undefined;

/** The metadata to hand to `libphonenumber-js/core` functions right now. */
export function currentPhoneMetadata(): MetadataJson {
  return active;
}

/** True once the whole world's metadata is in: from then on nothing is "not loaded". */
export function isWorldPhoneMetadataLoaded(): boolean {
  return worldLoaded;
}

/** True when numbers of `country` can be parsed synchronously now. */
export function isCountryLoaded(country: string): boolean {
  return Object.hasOwn(active.countries, country);
}

/** True when international input with this calling code (digits, no `+`) can be parsed now. */
export function isCallingCodeLoaded(callingCode: string): boolean {
  return (
    Object.hasOwn(active.country_calling_codes, callingCode) || Object.hasOwn(active.nonGeographic ?? {}, callingCode)
  );
}

/**
 * Adds `extra` to what is loaded. Countries already present keep their
 * entry (slices come from `max` metadata and validate number types; the
 * lazy world is `min`), so loading the world never weakens Egypt's checks.
 */
export function registerPhoneMetadata(extra: MetadataJson): void {
  const callingCodes = { ...active.country_calling_codes };
  for (const [code, members] of Object.entries(extra.country_calling_codes)) {
    const known = callingCodes[code] ?? [];
    callingCodes[code] = [...known, ...members.filter((m) => !known.includes(m))];
  }
  active = {
    version: active.version,
    country_calling_codes: callingCodes,
    countries: { ...extra.countries, ...active.countries },
    nonGeographic: { ...extra.nonGeographic, ...active.nonGeographic },
  };
}

/**
 * Loads every country's metadata (libphonenumber-js `min`, about 19 KB gzip,
 * as a lazy chunk in bundles). Resolves at once when already loaded; a
 * failed load can be retried.
 */
export function loadPhoneMetadata(): Promise<void> {
  if (worldLoaded) return Promise.resolve();
  worldLoading ??= import('libphonenumber-js/min/metadata').then(
    (module) => {
      const world = module.default;
      registerPhoneMetadata(world);
      // The world's lists are complete and in the library's order (the main country of a shared code first).
      active = { ...active, country_calling_codes: world.country_calling_codes };
      worldLoaded = true;
    },
    (error: unknown) => {
      worldLoading = undefined;
      throw error;
    },
  );
  return worldLoading;
}

/** Makes `country` parseable: resolves at once when it is loaded, else loads the world. */
export function ensureCountry(country: string): Promise<void> {
  return isCountryLoaded(country) ? Promise.resolve() : loadPhoneMetadata();
}
