/**
 * Keeps every text readable on any brand colour a host sets. After each
 * update it reads the resolved theme colours of the widget's box and, where
 * the theme's own pair falls under 4.5:1, sets a readable one as an inline
 * custom property on that box (through the CSSOM, which a strict CSP allows;
 * see ../register/theme.styles.ts):
 *
 * - `--_auto-on-primary`: black or white text on `--vlens-color-primary`
 *   (only when the host did not set `--vlens-color-on-primary`; a host pair
 *   under 4.5:1 is kept and warned about on the console, once);
 * - `--_auto-primary-text`: the primary colour moved towards black or white
 *   until it reads on the surface, for outline buttons and links.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AA_TEXT_CONTRAST, contrast, readableOn, rgbText, textOn } from '../theme/contrast.js';
import { resolveColour } from '../theme/resolve-colour.js';

const warned = new Set<string>();
const AUTO_PROPERTIES = ['--_auto-on-primary', '--_auto-primary-text'] as const;

export class ReadableColours implements ReactiveController {
  private computedFor = '';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** The element that carries the theme tokens (the widget's box). */
    private readonly box: () => HTMLElement | null | undefined,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const box = this.box();
    if (!box) return;
    const styles = getComputedStyle(box);
    const read = (name: string) => styles.getPropertyValue(name).trim();
    const hostOnPrimary = getComputedStyle(this.host).getPropertyValue('--vlens-color-on-primary').trim();
    const [primary, surface, onPrimary] = [read('--_primary'), read('--_surface'), read('--_on-primary')];
    const key = [primary, surface, onPrimary, hostOnPrimary].join('|');
    if (key === this.computedFor) return;
    this.computedFor = key;
    const chosen = this.choose(primary, surface, onPrimary, Boolean(hostOnPrimary));
    for (const name of AUTO_PROPERTIES) {
      if (chosen[name]) box.style.setProperty(name, chosen[name]);
      else box.style.removeProperty(name);
    }
  }

  private choose(
    primaryText: string,
    surfaceText: string,
    onPrimaryText: string,
    hostSetOnPrimary: boolean,
  ): Record<string, string> {
    const primary = resolveColour(primaryText)?.rgb;
    const surface = resolveColour(surfaceText)?.rgb;
    const onPrimary = resolveColour(onPrimaryText)?.rgb;
    const chosen: Record<string, string> = {};
    if (!primary) return chosen;
    if (onPrimary && contrast(onPrimary, primary) < AA_TEXT_CONTRAST) {
      if (!hostSetOnPrimary) chosen['--_auto-on-primary'] = rgbText(textOn(primary));
      else
        warnOnce(
          `--vlens-color-on-primary ${onPrimaryText} on --vlens-color-primary ${primaryText}`,
          contrast(onPrimary, primary),
        );
    }
    if (surface && contrast(primary, surface) < AA_TEXT_CONTRAST)
      chosen['--_auto-primary-text'] = rgbText(readableOn(primary, surface));
    return chosen;
  }
}

function warnOnce(pair: string, ratio: number): void {
  if (warned.has(pair)) return;
  warned.add(pair);
  console.warn(
    `<vlens-register>: ${pair} is ${ratio.toFixed(2)}:1, under the 4.5:1 text needs; set a pair that reaches it.`,
  );
}
