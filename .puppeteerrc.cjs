/**
 * Puppeteer drives Debian's Firefox ESR (/usr/bin/firefox-esr) in the browser tests; it must not
 * download a browser of its own when `npm ci` runs its install script (no network needed, none used).
 */
module.exports = { skipDownload: true };
