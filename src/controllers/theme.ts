/**
 * The widget's colours: the scheme its box shows (`theme`, or for `auto` the
 * page behind it, ./page-scheme.ts) and readable text on any brand colour
 * (./readable-colours.ts), set on the box after each update.
 */
import type { ReactiveControllerHost } from 'lit';
import { PageScheme } from './page-scheme.js';
import { ReadableColours } from './readable-colours.js';

export type Theme = 'light' | 'dark' | 'auto';

/** `theme`'s reflection: `auto` is the absent attribute. */
export const THEME_ATTRIBUTE = { toAttribute: (theme: string) => (theme === 'auto' ? null : theme) };

export class ThemeController {
  private readonly page: PageScheme;
  private readonly colours: ReadableColours;

  constructor(host: ReactiveControllerHost & HTMLElement, box: () => HTMLElement | null) {
    this.page = new PageScheme(host);
    this.colours = new ReadableColours(host, box);
  }

  /** The scheme the box shows (its `data-scheme`) for the host's `theme`. */
  scheme(theme: Theme): 'light' | 'dark' {
    return theme === 'dark' || (theme !== 'light' && this.page.isDark) ? 'dark' : 'light';
  }
}
