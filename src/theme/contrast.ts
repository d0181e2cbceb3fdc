/**
 * WCAG 2 contrast arithmetic on sRGB colours (0-255 channels): relative
 * luminance, contrast ratio, and the two choices the widget makes so every
 * text stays readable on any brand colour.
 */

/** `[r, g, b]`, each 0-255. */
export type Rgb = readonly [number, number, number];

/** The contrast WCAG AA asks of body text. */
export const AA_TEXT_CONTRAST = 4.5;

const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [255, 255, 255];

/** WCAG 2 relative luminance. */
export function luminance([r, g, b]: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio, 1 to 21. */
export function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** True for a colour that black text reads better on than white (so it counts as a light background). */
export function isLight(colour: Rgb): boolean {
  return contrast(colour, BLACK) >= contrast(colour, WHITE);
}

/** Black or white, whichever contrasts more with `background`: at least 4.58:1 for any colour. */
export function textOn(background: Rgb): Rgb {
  return isLight(background) ? BLACK : WHITE;
}

/** `a` moved `amount` (0-1) of the way to `b`, in sRGB. */
export function mix(a: Rgb, b: Rgb, amount: number): Rgb {
  return [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * amount)) as unknown as Rgb;
}

/**
 * `colour` as text on `background`: itself when it reaches 4.5:1, else moved step by step towards the
 * readable end (black or white) until it does, keeping as much of the brand colour as possible.
 */
export function readableOn(colour: Rgb, background: Rgb): Rgb {
  if (contrast(colour, background) >= AA_TEXT_CONTRAST) return colour;
  const target = textOn(background);
  for (let step = 1; step <= 20; step++) {
    const moved = mix(colour, target, step / 20);
    if (contrast(moved, background) >= AA_TEXT_CONTRAST) return moved;
  }
  return target;
}

export function rgbText([r, g, b]: Rgb): string {
  return `rgb(${r}, ${g}, ${b})`;
}
