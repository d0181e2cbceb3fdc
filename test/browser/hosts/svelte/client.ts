/** Hydrates the server-rendered Svelte component (compiled for the browser by host-pages.mjs). */
import { hydrate } from 'svelte';
import Registration from './Registration.svelte';
import { ENDPOINT } from '../probe-types.js';

globalThis.hostProbe!.serverElement = document.querySelector('vlens-register');
hydrate(Registration, { target: document.getElementById('app')!, props: { endpoint: ENDPOINT } });
