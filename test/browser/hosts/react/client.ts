/** Hydrates the server-rendered React app (bundled by esbuild in host-pages.mjs with React's build switch set). */
import { createElement } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { App } from './app.js';

globalThis.hostProbe!.serverElement = document.querySelector('vlens-register');
hydrateRoot(document.getElementById('root')!, createElement(App));
