/**
 * Any CSS colour the browser understands (`#0b6e4f`, `rebeccapurple`,
 * `oklch(…)`, `color-mix(…)`) as sRGB bytes and alpha, by painting one pixel
 * on a small canvas; `rgb()`/`rgba()` strings, what computed styles mostly
 * give, and hex colours, what theme tokens mostly are, are read directly
 * (the canvas costs milliseconds on the first screen).
 */
import type { Rgb } from './contrast.js';

export interface Rgba {
  rgb: Rgb;
  /** 0-1. */
  alpha: number;
}

const HEX = /^#([\da-f]{3,4}|[\da-f]{6}|[\da-f]{8})$/i;
const RGB_FUNCTION = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/i;

let context: CanvasRenderingContext2D | null | undefined;
const cache = new Map<string, Rgba | null>();

/** The colour `text` names, or null when it is not a colour (or the runtime cannot paint). */
export function resolveColour(text: string): Rgba | null {
  const key = text.trim();
  if (!key) return null;
  if (cache.has(key)) return cache.get(key)!;
  const resolved = readHex(key) ?? readRgbFunction(key) ?? paint(key);
  if (cache.size > 200) cache.clear();
  cache.set(key, resolved);
  return resolved;
}

function readHex(text: string): Rgba | null {
  const digits = HEX.exec(text)?.[1];
  if (!digits) return null;
  const full = digits.length > 4 ? digits : [...digits].map((digit) => digit + digit).join('');
  const [r, g, b, a = 255] = (full.match(/../g) ?? []).map((pair) => parseInt(pair, 16));
  return { rgb: [r, g, b], alpha: a / 255 };
}

function readRgbFunction(text: string): Rgba | null {
  const match = RGB_FUNCTION.exec(text);
  if (!match) return null;
  const alphaText = match[4];
  const alpha =
    alphaText === undefined ? 1 : alphaText.endsWith('%') ? parseFloat(alphaText) / 100 : parseFloat(alphaText);
  return {
    rgb: [Number(match[1]), Number(match[2]), Number(match[3])].map((c) => Math.round(c)) as unknown as Rgb,
    alpha,
  };
}

function paint(text: string): Rgba | null {
  context ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  // An invalid colour leaves fillStyle unchanged: set a sentinel first and compare.
  context.fillStyle = '#010203';
  context.fillStyle = text;
  if (context.fillStyle === '#010203' && !/^#010203$/i.test(text)) return null;
  context.clearRect(0, 0, 1, 1);
  context.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
  return { rgb: [r, g, b], alpha: a / 255 };
}
