/**
 * Follows the page's language: the element's `lang`, else the nearest
 * ancestor's (across shadow roots), else the document's. One
 * `MutationObserver` per page (as localisation libraries do) watches `lang`
 * attributes in the document and in the shadow roots that hold a widget, and
 * asks a widget to re-render only when its resolved language changed.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { localeOf, type VlensLocale } from '../i18n/index.js';
import { languageOf } from '../i18n/language-of.js';

type Host = ReactiveControllerHost & HTMLElement;

const watchers = new Set<LangObserver>();
/** Roots observed so far (a root is never unobserved; a detached one is simply never mutated). */
const observedRoots = new WeakSet<Node>();
let observer: MutationObserver | undefined;

const OPTIONS: MutationObserverInit = { attributes: true, attributeFilter: ['lang'], subtree: true };

function observe(root: Node): void {
  if (observedRoots.has(root)) return;
  observer ??= new MutationObserver(() => {
    for (const watcher of watchers) watcher.check();
  });
  observer.observe(root, OPTIONS);
  observedRoots.add(root);
}

export class LangObserver implements ReactiveController {
  private resolved: string | undefined;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  /** The language tag in effect for the host now. */
  get lang(): string {
    return this.resolved ?? languageOf(this.host);
  }

  /** `en` or `ar`. */
  get locale(): VlensLocale {
    return localeOf(this.lang);
  }

  hostConnected(): void {
    this.resolved = languageOf(this.host);
    watchers.add(this);
    observe(this.host.ownerDocument.documentElement);
    // Every shadow root between the host and the document: a `lang` set inside one is the nearest ancestor's too.
    for (let root = this.host.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) observe(root);
  }

  hostDisconnected(): void {
    watchers.delete(this);
  }

  /** Re-renders the host when its resolved language changed. */
  check(): void {
    const now = languageOf(this.host);
    if (now === this.resolved) return;
    this.resolved = now;
    this.host.requestUpdate();
  }
}
