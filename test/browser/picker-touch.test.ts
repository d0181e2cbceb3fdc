/**
 * The country picker on a phone (issue 23): every option of the native listbox at least 24 px high (44 px
 * where the pointer is coarse) and every country's name with its calling code shown whole — wrapped or
 * fitting, never cut — at 320 and 360 px, in English and Arabic.
 * Engines: Chromium and Firefox ESR emulate touch (`pointer: coarse`: the 44 px rows). WebKitGTK emulates
 * neither touch nor a 320 px viewport (its window is never that narrow: the page's root is made that wide,
 * see ./phone-view.ts), and draws a listbox's rows itself at its font's height (20 px), ignoring the
 * options' box styles: a row size the user agent determines, which WCAG 2.5.8 exempts; there the rows are
 * checked to be the engine's own (all one height) and the names not cut.
 */
import { expect } from '@open-wc/testing';
import { countryPanel } from '../../src/register/lazy-parts.js';
import { freshStandIn, openCountryPicker, part } from './helpers.js';
import { holdPhone, LANGS, PHONES, widgetIn } from './phone-view.js';

/** Each option's name, height and whether its content (name and calling code) fits its box. */
function rowsOf(list: HTMLSelectElement) {
  return [...list.options].map((option) => ({
    name: option.textContent.trim(),
    height: option.getBoundingClientRect().height,
    /** The height the widget's styles ask for (`min-block-size`). */
    styled: parseFloat(getComputedStyle(option).minBlockSize),
    cutAcross: option.scrollWidth - option.clientWidth,
    cutDown: option.scrollHeight - option.clientHeight,
  }));
}

describe('country picker on a phone', () => {
  before(() => countryPanel.load());
  beforeEach(freshStandIn);

  for (const { width, height } of PHONES)
    for (const lang of LANGS)
      it(`${width} px, ${lang}: options are touch-sized and no name is cut`, async () => {
        const device = await holdPhone(width, height);
        const el = await widgetIn(lang);
        await openCountryPicker(el);
        const list = part<HTMLSelectElement>(el, '[part~="country-list"]');
        const coarse = matchMedia('(pointer: coarse)').matches;
        const minimum = coarse ? 44 : 24;
        const rows = rowsOf(list);
        expect(rows.length, 'every country is offered').to.be.greaterThan(200);
        // WebKitGTK draws the rows itself (see the header): the styled height is not what it shows.
        const engineRows = rows.every((row) => row.height < row.styled - 0.5);
        if (engineRows) {
          console.info(`${width} px, ${lang}: rows drawn by the engine at ${rows[0].height} px, its own size`);
          expect(new Set(rows.map((row) => row.height)).size, 'one row height, the engine’s').to.equal(1);
        } else {
          const short = rows.filter((row) => row.height < minimum);
          expect(
            short.map((row) => `${row.name}: ${row.height} px`),
            `rows under ${minimum} px`,
          ).to.deep.equal([]);
        }
        const cut = rows.filter((row) => row.cutAcross > 0.5 || row.cutDown > 0.5);
        expect(
          cut.map((row) => `${row.name}: ${row.cutAcross} px across, ${row.cutDown} px down`),
          'cut names',
        ).to.deep.equal([]);
        expect(list.getAttribute('size'), 'a native listbox').to.match(/^\d+$/);
        expect(list.multiple).to.equal(false);
        if (!coarse)
          console.info(
            `${width} px, ${lang}: no coarse pointer here (touch emulated: ${device.touch}): 24 px rows checked`,
          );
      });
});
