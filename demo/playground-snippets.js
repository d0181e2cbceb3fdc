// The playground's "copy the snippet" text: the chosen settings as each host writes them, following the
// recipes of the README (the ones that keep the token on a server-rendered page). No DOM: plain strings.

/** The hosts the playground writes a snippet for, with their labels. */
export const HOSTS = {
  html: 'Script tag',
  react: 'React',
  next: 'Next.js',
  vue: 'Vue',
  nuxt: 'Nuxt',
  angular: 'Angular',
  svelte: 'Svelte / SvelteKit',
  astro: 'Astro',
  cms: 'CMS page',
};

/** What the widget starts with; a setting equal to its default is left out of the snippet. */
export const DEFAULTS = {
  endpoint: '/api/vlens',
  lang: 'en',
  theme: 'auto',
  primary: '',
  emailStep: 'auto',
  providers: [],
  countries: '',
  captcha: '',
};

/**
 * The widget's attributes for `settings`, in a fixed order: [attribute, value] pairs, plus the inline
 * style for a brand colour. Placeholders stand where a real value is the host's own (client ids, keys).
 */
export function attributesFor(settings) {
  const s = { ...DEFAULTS, ...settings };
  const pairs = [['endpoint', s.endpoint]];
  if (s.lang !== DEFAULTS.lang) pairs.push(['lang', s.lang]);
  if (s.theme !== DEFAULTS.theme) pairs.push(['theme', s.theme]);
  if (s.emailStep !== DEFAULTS.emailStep) pairs.push(['email-step', s.emailStep]);
  if (s.providers.length) {
    pairs.push(['oauth-providers', s.providers.join(' ')]);
    if (s.providers.includes('google')) pairs.push(['google-client-id', 'YOUR_GOOGLE_CLIENT_ID']);
    if (s.providers.includes('microsoft')) pairs.push(['microsoft-client-id', 'YOUR_MICROSOFT_CLIENT_ID']);
  }
  if (s.countries.trim()) pairs.push(['allowed-countries', s.countries.trim()]);
  if (s.captcha) pairs.push(['captcha', s.captcha], ['captcha-site-key', 'YOUR_SITE_KEY']);
  return { pairs, style: s.primary ? `--vlens-color-primary: ${s.primary}` : '' };
}

const camel = (name) => name.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());
const quote = (value) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** `name="value"` attributes, one per line when there are several, indented by `indent`. */
function markup(pairs, style, indent, extra = []) {
  const parts = [...pairs.map(([name, value]) => `${name}="${quote(value)}"`)];
  if (style) parts.push(`style="${quote(style)}"`);
  parts.push(...extra);
  return parts.length > 2 ? `\n${parts.map((p) => `${indent}  ${p}`).join('\n')}\n${indent}` : ` ${parts.join(' ')}`;
}

/** The React component's props: each attribute as its property, the brand colour as a style object. */
function reactProps(pairs, style, indent) {
  const props = pairs.map(([name, value]) => `${name === 'lang' ? 'lang' : camel(name)}="${quote(value)}"`);
  if (style) props.push(`style={{ '--vlens-color-primary': '${style.split(': ')[1]}' } as React.CSSProperties}`);
  props.push(
    "onRegistered={(e) => void fetch('/session', { method: 'POST', body: e.detail.accessToken })}",
    'onError={(e) => console.warn(e.detail.kind, e.detail.step)}',
  );
  return props.map((p) => `${indent}${p}`).join('\n');
}

const LISTEN =
  "document.querySelector('vlens-register').addEventListener('vlens-registered', (e) => sendToYourBackend(e.detail.accessToken));";

/** The snippet for `host` with `settings`. */
export function snippetFor(host, settings) {
  const { pairs, style } = attributesFor(settings);
  switch (host) {
    case 'html':
      return [
        '<script type="module" src="/dist/vlens-register.js"></script>',
        `<vlens-register${markup(pairs, style, '')}></vlens-register>`,
        '<script type="module">',
        `  ${LISTEN}`,
        '</script>',
      ].join('\n');
    case 'cms':
      return [
        '<script src="/media/vlens/vlens-register.iife.js" defer></script>',
        `<vlens-register${markup(pairs, style, '')}></vlens-register>`,
      ].join('\n');
    case 'react':
    case 'next':
      return [
        ...(host === 'next' ? ["'use client'; // app/register/sign-up.tsx: render <SignUp /> from page.tsx", ''] : []),
        "import { VlensRegister } from 'vlens-register/react';",
        '',
        'export function SignUp() {',
        '  return (',
        '    <VlensRegister',
        reactProps(pairs, style, '      '),
        '    />',
        '  );',
        '}',
      ].join('\n');
    case 'vue':
    case 'nuxt':
      return [
        '<script setup lang="ts">',
        "import 'vlens-register/vlens-register.js';",
        '',
        'function onRegistered(e: CustomEvent) {',
        "  void fetch('/session', { method: 'POST', body: e.detail.accessToken });",
        '}',
        '</script>',
        '',
        '<template>',
        `  <vlens-register${markup(pairs, style, '  ', ['@vlens-registered="onRegistered"'])}/>`,
        '</template>',
        '',
        host === 'nuxt'
          ? "<!-- nuxt.config.ts: vue: { compilerOptions: { isCustomElement: (tag) => tag === 'vlens-register' } } -->"
          : "<!-- vite.config.ts: vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'vlens-register' } } }) -->",
      ].join('\n');
    case 'angular':
      return [
        "import { Component, CUSTOM_ELEMENTS_SCHEMA } from '@angular/core';",
        "import 'vlens-register/vlens-register.js';",
        '',
        '@Component({',
        "  selector: 'app-sign-up',",
        '  schemas: [CUSTOM_ELEMENTS_SCHEMA],',
        `  template: \`<vlens-register${markup(pairs, style, '  ', ['(vlens-registered)="onRegistered($event)"'])}></vlens-register>\`,`,
        '})',
        'export class SignUpComponent {',
        '  onRegistered(event: Event) {',
        "    void fetch('/session', { method: 'POST', body: (event as CustomEvent).detail.accessToken });",
        '  }',
        '}',
      ].join('\n');
    case 'svelte':
      return [
        '<script>',
        "  import 'vlens-register/vlens-register.js';",
        '</script>',
        '',
        `<vlens-register${markup(pairs, style, '', [
          "onvlens-registered={(e) => fetch('/session', { method: 'POST', body: e.detail.accessToken })}",
        ])}></vlens-register>`,
      ].join('\n');
    case 'astro':
      return [
        `<vlens-register${markup(pairs, style, '')}></vlens-register>`,
        '<script>',
        "  import 'vlens-register/vlens-register.js';",
        `  ${LISTEN.replace("('vlens-register')", "('vlens-register')!")}`,
        '</script>',
      ].join('\n');
    default:
      throw new Error(`no snippet for the host "${host}"`);
  }
}
