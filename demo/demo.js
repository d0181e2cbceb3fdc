// Demo page: logs every vlens-* event on the page (event-log.js: the token shortened, never in full).
import { logEvents } from './event-log.js';

const widget = document.getElementById('widget');
const log = document.getElementById('log');

logEvents(widget, log, () => new Date().toLocaleTimeString());

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
