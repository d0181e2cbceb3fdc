// The demo pages' event log: every vlens-* event of a widget, newest first. The token is shown shortened,
// never in full, and never to the console.

/** The first and last few characters of a secret. */
export const shorten = (value) =>
  typeof value === 'string' && value.length > 12 ? `${value.slice(0, 6)}…${value.slice(-4)}` : value;

/** Adds one line, `type` and its detail as JSON, at the top of `log` (an `<ol>`). */
export function writeEntry(log, type, detail, time = '') {
  const item = document.createElement('li');
  item.textContent = `${time ? `${time} ` : ''}${type} ${JSON.stringify(detail)}`;
  item.dataset.type = type;
  log.prepend(item);
}

/** Logs `widget`'s three events into `log`. */
export function logEvents(widget, log, time = () => '') {
  for (const type of ['vlens-step-change', 'vlens-error']) {
    widget.addEventListener(type, (event) => writeEntry(log, type, event.detail, time()));
  }
  widget.addEventListener('vlens-registered', (event) => {
    const { accessToken, encryptedAccessToken, ...rest } = event.detail;
    writeEntry(
      log,
      'vlens-registered',
      { ...rest, accessToken: shorten(accessToken), encryptedAccessToken: shorten(encryptedAccessToken) },
      time(),
    );
  });
}
