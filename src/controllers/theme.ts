/**
 * The widget's colours: the scheme its box shows (`theme`, or for `auto` the
 * page behind it, ./page-scheme.ts) and readable text on any brand colour
 * (./readable-colours.ts), set on the box after each update. The readable
 * colours are a lazy module requested when the element connects: the first
 * screen paints with the theme's own pair, corrected (when a host's brand
 * colour falls under 4.5:1) as soon as it is in.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { readableColours } from '../register/lazy-parts.js';
import { PageScheme } from './page-scheme.js';
import type { ReadableColours } from './readable-colours.js';

export type Theme = 'light' | 'dark' | 'auto';

/** `theme`'s reflection: `auto` is the absent attribute. */
export const THEME_ATTRIBUTE = { toAttribute: (theme: string) => (theme === 'auto' ? null : theme) };

export class ThemeController implements ReactiveController {
  private readonly page: PageScheme;
  private colours: ReadableColours | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly box: () => HTMLElement | null,
  ) {
    this.page = new PageScheme(host);
    host.addController(this);
  }

  hostConnected(): void {
    // A failed load leaves the theme's own colours; the next connection tries again.
    readableColours.load().then(
      ({ ReadableColours }) => {
        this.colours ??= new ReadableColours(this.host, this.box);
        this.host.requestUpdate();
      },
      () => {},
    );
  }

  /** The scheme the box shows (its `data-scheme`) for the host's `theme`. */
  scheme(theme: Theme): 'light' | 'dark' {
    return theme === 'dark' || (theme !== 'light' && this.page.isDark) ? 'dark' : 'light';
  }
}
