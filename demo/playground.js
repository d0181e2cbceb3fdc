// Playground: the settings form drives a live widget (made again on every change, so it shows exactly what
// the snippet describes), every vlens-* event is logged (the token shortened, never printed in full), and
// the snippet for the chosen host is written from the same settings (playground-snippets.js).
import { createDevIdTokenProvider } from './dev-sign-in.js';
import { logEvents, writeEntry } from './event-log.js';
import { HOSTS, snippetFor } from './playground-snippets.js';

const form = document.getElementById('settings');
const stage = document.getElementById('stage');
const log = document.getElementById('log');
const hostSelect = document.getElementById('host');
const snippet = document.getElementById('snippet');
const copyStatus = document.getElementById('copy-status');

for (const [value, label] of Object.entries(HOSTS)) hostSelect.add(new Option(label, value));

/** The form's settings, in the shape playground-snippets.js takes. */
function settings() {
  const data = new FormData(form);
  return {
    endpoint: String(data.get('endpoint') ?? '').trim() || '/api/vlens',
    lang: String(data.get('lang')),
    theme: String(data.get('theme')),
    primary: data.get('brand-on') ? String(data.get('brand')) : '',
    emailStep: String(data.get('email-step')),
    providers: data.getAll('provider').map(String),
    countries: String(data.get('countries') ?? ''),
    captcha: String(data.get('captcha')),
  };
}

/** A new widget with `current`'s settings; the offline stand-ins for sign-in and CAPTCHA where chosen. */
function makeWidget(current) {
  const widget = document.createElement('vlens-register');
  widget.id = 'widget';
  widget.setAttribute('endpoint', current.endpoint);
  widget.setAttribute('lang', current.lang);
  if (current.theme !== 'auto') widget.setAttribute('theme', current.theme);
  if (current.primary) widget.style.setProperty('--vlens-color-primary', current.primary);
  widget.setAttribute('email-step', current.emailStep);
  if (current.providers.length) {
    widget.setAttribute('oauth-providers', current.providers.join(' '));
    widget.idTokenProvider = createDevIdTokenProvider({ endpoint: '/dev-oauth', defaultEmail: 'someone@example.com' });
  }
  if (current.countries.trim()) widget.setAttribute('allowed-countries', current.countries.trim());
  if (current.captcha) {
    widget.setAttribute('captcha', current.captcha);
    widget.setAttribute('captcha-site-key', 'fake-captcha-site-key');
    widget.setAttribute('captcha-script-src', `/fake-captcha/${current.captcha}/api.js`);
  }
  logEvents(widget, log);
  return widget;
}

function showSnippet() {
  snippet.textContent = snippetFor(hostSelect.value, settings());
  copyStatus.textContent = '';
}

function apply() {
  const current = settings();
  stage.replaceChildren(makeWidget(current));
  writeEntry(log, 'settings', current);
  showSnippet();
}

form.addEventListener('change', apply);
form.addEventListener('submit', (event) => {
  event.preventDefault();
  apply();
});
hostSelect.addEventListener('change', showSnippet);
document.getElementById('clear-log').addEventListener('click', () => log.replaceChildren());

document.getElementById('copy').addEventListener('click', async () => {
  const text = snippet.textContent;
  try {
    await navigator.clipboard.writeText(text);
    copyStatus.textContent = 'Copied.';
  } catch {
    // No clipboard permission (an insecure origin, or a browser that asks): select it for Ctrl-C.
    getSelection().selectAllChildren(snippet);
    copyStatus.textContent = 'Selected: press Ctrl-C (⌘-C) to copy.';
  }
});

apply();
globalThis.pageReady = true;
