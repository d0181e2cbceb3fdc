// CAPTCHA demo: asks the proxy which provider it verifies (GET /api/vlens/config) and gives the widget that
// provider with the stand-in's fake script, so the whole path runs offline (npm start with CAPTCHA_PROVIDER set).
const widget = document.getElementById('widget');
const note = document.getElementById('captcha-note');

const config = await fetch('/api/vlens/config').then(
  (response) => (response.ok ? response.json() : null),
  () => null,
);
if (config?.captcha) {
  const { provider, siteKey } = config.captcha;
  widget.setAttribute('captcha-script-src', `/fake-captcha/${provider}/api.js`);
  widget.setAttribute('captcha-site-key', siteKey);
  widget.setAttribute('captcha', provider);
  note.textContent = `The proxy verifies ${provider} tokens; the widget gets them from the stand-in's fake ${provider} script.`;
} else {
  note.textContent =
    'The proxy has no CAPTCHA: start it with CAPTCHA_PROVIDER=turnstile (or hcaptcha, recaptcha) npm start.';
}
