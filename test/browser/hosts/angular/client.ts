/** Hydrates the server-rendered Angular app (JIT: @angular/compiler compiles the component here). */
import '@angular/compiler';
import { bootstrapApplication } from '@angular/platform-browser';
import { AppComponent, appConfig } from './app.js';

globalThis.hostProbe!.serverElement = document.querySelector('vlens-register');
const app = await bootstrapApplication(AppComponent, appConfig);
await app.whenStable();
globalThis.hostProbe!.ready = true;
