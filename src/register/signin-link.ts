/** The sign-in link offered beside a registered number (`signin-url`). */
import { html, nothing } from 'lit';
import { safeLinkUrl } from './link-url.js';

/** The `signin-url` to link to (resolved against the page), or null, with a console warning when a given one is unsafe. */
export function signinHref(url: string): string | null {
  const href = safeLinkUrl(url, document.baseURI);
  if (url.trim() && !href)
    console.warn(`<vlens-register>: signin-url "${url}" is ignored: use an http:, https: or relative URL.`);
  return href;
}

/** The line with the sign-in link, or nothing. */
export function signinLine(href: string | null | undefined, text: string) {
  return href ? html`<p part="sign-in"><a part="link" href=${href}>${text}</a></p>` : nothing;
}
