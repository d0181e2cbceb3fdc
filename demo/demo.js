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

// The registration funnel per country, read from the proxy's metrics by `npm start` (/demo-funnel.json);
// the section stays hidden where that endpoint does not exist.
const funnel = document.getElementById('funnel');
async function showFunnel() {
  const response = await fetch('/demo-funnel.json', { cache: 'no-store' }).catch(() => undefined);
  if (!response?.ok) return;
  const { countries } = await response.json();
  const rows = countries.map((row) => {
    const tr = document.createElement('tr');
    for (const value of [row.country, row.codeSent, row.phoneVerified, row.emailVerified, row.registered]) {
      const td = document.createElement('td');
      td.textContent = String(value);
      tr.append(td);
    }
    return tr;
  });
  funnel.querySelector('tbody').replaceChildren(...rows);
  funnel.hidden = false;
}
for (const type of ['vlens-step-change', 'vlens-registered']) widget.addEventListener(type, () => void showFunnel());
void showFunnel();

document.getElementById('lang-en').addEventListener('click', () => setLang('en'));
document.getElementById('lang-ar').addEventListener('click', () => setLang('ar'));
function setLang(lang) {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  widget.requestUpdate?.();
}
