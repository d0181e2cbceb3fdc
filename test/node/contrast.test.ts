/** WCAG contrast arithmetic and the readable colours the widget derives from a brand colour. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contrast, readableOn, textOn, type Rgb } from '../../src/theme/contrast.js';

const hex = (text: string): Rgb => [1, 3, 5].map((i) => parseInt(text.slice(i, i + 2), 16)) as unknown as Rgb;

test('contrast matches WCAG reference values', () => {
  assert.equal(contrast([0, 0, 0], [255, 255, 255]).toFixed(2), '21.00');
  assert.equal(contrast(hex('#0b6e4f'), hex('#111827')).toFixed(2), '2.84', "the issue's dark-theme toggle");
  assert.equal(contrast(hex('#ffffff'), hex('#ffffff')), 1);
});

test('black or white on any colour reaches 4.5:1', () => {
  for (let r = 0; r <= 255; r += 15)
    for (let g = 0; g <= 255; g += 15)
      for (let b = 0; b <= 255; b += 15) {
        assert.ok(contrast(textOn([r, g, b]), [r, g, b]) >= 4.5, `${r},${g},${b}`);
      }
});

test('a brand colour as text keeps its own value when it reads, else moves just far enough', () => {
  const white = hex('#ffffff');
  const darkSurface = hex('#111827');
  assert.deepEqual(readableOn(hex('#1d4ed8'), white), hex('#1d4ed8'));
  for (const brand of ['#0b6e4f', '#ffd400', '#e4002b', '#7c3aed', '#00a3e0', '#ff6f00']) {
    for (const surface of [white, darkSurface]) {
      const text = readableOn(hex(brand), surface);
      assert.ok(contrast(text, surface) >= 4.5, `${brand} on ${surface.join(',')}`);
    }
  }
});
