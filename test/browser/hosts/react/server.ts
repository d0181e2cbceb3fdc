/** What the dev server renders for the React page (bundled for Node by host-pages.mjs). */
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { App } from './app.js';

export const renderApp = (): string => renderToString(createElement(App));
