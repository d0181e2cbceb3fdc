/** Links the host gives the widget (`signin-url`): only web addresses, never `javascript:`, `data:` or the like. */

/**
 * `url` when it is an `http:` or `https:` URL or a relative one (resolved
 * against `base`), else null. Tabs, newlines and surrounding spaces are
 * read the way browsers read them (`java\nscript:` is `javascript:`).
 */
export function safeLinkUrl(url: string, base: string): string | null {
  const text = url.trim();
  if (!text) return null;
  try {
    const { protocol } = new URL(text, base);
    return protocol === 'http:' || protocol === 'https:' ? text : null;
  } catch {
    return null;
  }
}
