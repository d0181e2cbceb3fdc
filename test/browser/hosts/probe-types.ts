/**
 * What a host page records (./probe.js, the first script of every host page) and the test reads
 * through the frame's window: console errors and warnings, uncaught errors, every `vlens-error`
 * seen at the document, and the `vlens-registered` details the host's OWN binding delivered.
 */
import type { VlensErrorDetail, VlensRegisteredDetail } from '../../../src/events.js';

export const ENDPOINT = '/api/vlens';

export interface HostProbe {
  /** console.error / console.warn calls, formatted. */
  console: { level: 'error' | 'warn'; text: string }[];
  /** Uncaught errors and unhandled rejections. */
  uncaught: string[];
  /** Every `vlens-error` that reached the document. */
  vlensErrors: VlensErrorDetail[];
  /** Pushed by the host's own event binding. */
  registered: VlensRegisteredDetail[];
  /** Errors the framework reported as recovered (React's onRecoverableError). */
  recovered: string[];
  /** Set by the host once it has mounted or hydrated. */
  ready: boolean;
  /** The <vlens-register> the server rendered, noted before hydration (SSR hosts). */
  serverElement: Element | null;
  /** What the host's `ref` to the widget holds (the React component host). */
  refElement?: Element | null;
  /** The React version the page runs (the React component host). */
  reactVersion?: string;
}

declare global {
  var hostProbe: HostProbe | undefined;
  /** The same probe, read through a frame's `contentWindow`. */
  interface Window {
    hostProbe?: HostProbe;
  }
}
