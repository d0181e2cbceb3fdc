import type { Page } from 'playwright-core';

/**
 * Records what goes wrong in a Playwright page into `errors`: uncaught errors, console errors, and
 * responses of 400 and above with their path (the browser's own favicon request aside; the console's
 * "Failed to load resource" line for them is left out, as the response names the URL).
 */
export function recordPageErrors(page: Page, errors: string[] = []): string[] {
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(message.text());
  });
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    if (response.status() >= 400 && pathname !== '/favicon.ico') errors.push(`${response.status()} ${pathname}`);
  });
  return errors;
}
