/**
 * The fonts the screenshots are taken with, brought by the test suite itself (npm's
 * @fontsource/noto-sans and @fontsource/noto-sans-arabic, served by the test runner from
 * node_modules), so the same pixels come out whatever fonts the machine has installed.
 * Test code only: the widget keeps the host's fonts (`--vlens-font-family`).
 */

/** The weights the widget uses: text, field labels (600) and headings (bold). */
const WEIGHTS = [400, 600, 700] as const;
const PACKAGES = ['@fontsource/noto-sans', '@fontsource/noto-sans-arabic'] as const;

/** Latin first, Arabic for what Latin lacks; nothing is left to the system's fonts in the pictures. */
export const TEST_FONT_FAMILY = "'Noto Sans', 'Noto Sans Arabic'";

let loaded: Promise<void> | undefined;

/** Adds the @font-face rules once and waits until every face the pictures use has loaded. */
export function loadTestFonts(): Promise<void> {
  loaded ??= (async () => {
    await Promise.all(
      PACKAGES.flatMap((pkg) =>
        WEIGHTS.map(
          (weight) =>
            new Promise<void>((resolve, reject) => {
              const link = document.createElement('link');
              link.rel = 'stylesheet';
              link.href = `/node_modules/${pkg}/${weight}.css`;
              link.onload = () => resolve();
              link.onerror = () => reject(new Error(`${link.href} did not load`));
              document.head.append(link);
            }),
        ),
      ),
    );
    // Latin with its punctuation, and Arabic with its digits, in every weight; a face that does not
    // load is an error, never a silent fallback to the system's fonts.
    const samples = { 'Noto Sans': 'Aa+0…–', 'Noto Sans Arabic': 'أبت ٠١٢' };
    await Promise.all(
      WEIGHTS.flatMap((weight) =>
        Object.entries(samples).map(async ([family, text]) => {
          const faces = await document.fonts.load(`${weight} 16px '${family}'`, text);
          if (faces.length === 0) throw new Error(`${family} ${weight} did not load`);
        }),
      ),
    );
  })();
  return loaded;
}

/** Waits for every face the rendered text asked for (a subset first used by a new step). */
export async function fontsSettled(): Promise<void> {
  await document.fonts.ready;
}
