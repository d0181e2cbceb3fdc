/**
 * The React component page's script (bundled by esbuild in host-pages.mjs with React 18 or 19):
 * `ssr` hydrates the server's registration page, `nav` hydrates the server's first page and follows
 * its link (the widget is then made by a client render), `csr` renders in the browser only.
 */
import { createElement as h, version } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { App } from './app.js';

const mode = new URLSearchParams(location.search).get('mode');
const root = document.getElementById('root')!;
globalThis.hostProbe!.serverElement = document.querySelector('vlens-register');
globalThis.hostProbe!.reactVersion = version;

if (mode === 'csr') createRoot(root).render(h(App, { start: 'register' }));
else if (mode === 'nav')
  hydrateRoot(root, h(App, { start: 'home', onMounted: () => document.getElementById('go-register')!.click() }));
else hydrateRoot(root, h(App, { start: 'register' }));
