/** Reads the language the page gives an element (DOM only; the rest of i18n also loads in Node). */

/** The element's `lang`, else the closest ancestor's (across shadow roots), else the document's. */
export function languageOf(element: Element): string {
  let node: Element | null = element;
  while (node) {
    const lang = node.getAttribute('lang');
    if (lang) return lang;
    node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host ?? null;
  }
  return element.ownerDocument.documentElement.lang || 'en';
}
