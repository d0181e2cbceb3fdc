/**
 * Whether the page behind the widget is dark, for `theme="auto"`: the first
 * background colour set on an ancestor (across shadow roots) decides; with
 * none, the page's `color-scheme` (CSS or `<meta name="color-scheme">`) with
 * the system preference where the page allows both; a page that sets nothing
 * is light, whatever the system prefers.
 *
 * One shared `MutationObserver` on the `<html>` and `<body>` attributes (class,
 * style, data-theme … toggles) and one `prefers-color-scheme` listener re-check
 * every widget.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isLight } from '../theme/contrast.js';
import { resolveColour } from '../theme/resolve-colour.js';

type Host = ReactiveControllerHost & HTMLElement;

const watchers = new Set<PageScheme>();
let observer: MutationObserver | undefined;
let systemDark: MediaQueryList | undefined;
const watchedDocuments = new WeakSet<Document>();

function checkAll(): void {
  for (const watcher of watchers) watcher.check();
}

function watch(document: Document): void {
  if (!systemDark) {
    systemDark = matchMedia('(prefers-color-scheme: dark)');
    systemDark.addEventListener('change', checkAll);
  }
  if (watchedDocuments.has(document)) return;
  watchedDocuments.add(document);
  observer ??= new MutationObserver(checkAll);
  observer.observe(document.documentElement, { attributes: true });
  if (document.body) observer.observe(document.body, { attributes: true });
  // <meta name="color-scheme"> added or changed later.
  observer.observe(document.head ?? document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['content'],
  });
}

/** The flat-tree parent: the parent element, else the shadow root's host. */
function parentOf(node: Element): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** True when the page behind `element` is dark. */
export function pageIsDark(element: Element): boolean {
  for (let node = parentOf(element); node; node = parentOf(node)) {
    const background = resolveColour(getComputedStyle(node).backgroundColor);
    if (background && background.alpha > 0.5) return !isLight(background.rgb);
  }
  const document = element.ownerDocument;
  const meta = document.querySelector('meta[name="color-scheme"]')?.getAttribute('content') ?? '';
  const scheme = `${getComputedStyle(document.documentElement).colorScheme} ${meta}`.toLowerCase();
  if (!/\bdark\b/.test(scheme)) return false;
  return !/\blight\b/.test(scheme) || matchMedia('(prefers-color-scheme: dark)').matches;
}

export class PageScheme implements ReactiveController {
  private dark = false;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  /** The page behind the widget is dark. */
  get isDark(): boolean {
    return this.dark;
  }

  hostConnected(): void {
    watchers.add(this);
    watch(this.host.ownerDocument);
    this.dark = pageIsDark(this.host);
  }

  hostDisconnected(): void {
    watchers.delete(this);
  }

  /** Re-reads the page; re-renders the host when it changed. */
  check(): void {
    const dark = pageIsDark(this.host);
    if (dark === this.dark) return;
    this.dark = dark;
    this.host.requestUpdate();
  }
}
