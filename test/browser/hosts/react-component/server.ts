/** What the dev server renders for the React component page (bundled for Node by host-pages.mjs). */
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { App, type View } from './app.js';

export const renderApp = (start: View): string => renderToString(h(App, { start }));
