// Demo page: logs every vlens-* event on the page. The token is shown shortened, never in full, and never to the console.
const widget = document.getElementById('widget');
const log = document.getElementById('log');

/** The first and last few characters of a secret. */
const shorten = (value) =>
  typeof value === 'string' && value.length > 12 ? `${value.slice(0, 6)}…${value.slice(-4)}` : value;

function write(type, detail) {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} ${type} ${JSON.stringify(detail)}`;
  item.dataset.type = type;
  log.prepend(item);
}

for (const type of ['vlens-step-change', 'vlens-error']) {
  widget.addEventListener(type, (event) => write(type, event.detail));
}
widget.addEventListener('vlens-registered', (event) => {
  const { accessToken, encryptedAccessToken, ...rest } = event.detail;
  write('vlens-registered', {
    ...rest,
    accessToken: shorten(accessToken),
    encryptedAccessToken: shorten(encryptedAccessToken),
  });
});

document.getElementById('lang-en').addEventListener('click', () => setLang('en'));
document.getElementById('lang-ar').addEventListener('click', () => setLang('ar'));
function setLang(lang) {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  widget.requestUpdate?.();
}
