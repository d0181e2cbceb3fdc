// Server commands that make a test page look like a phone and read what a screen reader gets:
// - `device:emulate` { width, height, touch, scale }: the viewport, touch input and device scale; answers
//   what this engine could emulate ({ viewport, touch, scale }), so a test can say what it could not;
// - `a11y-snapshot` { selector }: the accessibility tree under `selector` ("interesting" nodes: role, name,
//   description, value and states), the command @web/test-runner-commands' `a11ySnapshot()` sends.
//
// Per engine (one launcher each, see ./engines.mjs):
// - Chromium (Playwright): all through the DevTools protocol: Emulation.setDeviceMetricsOverride (width,
//   height, scale 3), Emulation.setTouchEmulationEnabled (touch points, `pointer: coarse`),
//   Accessibility.getFullAXTree. (Playwright 1.65 no longer has `page.accessibility`, which the runner's
//   own a11ySnapshot plugin calls, so the tree is read here.) Taps are not offered: touches sent with
//   Input.dispatchTouchEvent landed 52 px off after an earlier widget left the page (headless Chromium's
//   input routing kept an old offset), so tests press buttons from the keyboard in every engine.
// - Firefox ESR (Puppeteer over WebDriver BiDi): the viewport and scale with `page.setViewport` (without
//   `hasTouch`, which reloads the page), touch points with BiDi `emulation.setTouchOverride` where the
//   browser has it; Puppeteer's accessibility snapshot needs the DevTools protocol and is not available
//   over BiDi.
// - WebKitGTK (WebDriver classic): nothing (MiniBrowser's window is never narrower than about 450 px;
//   no device scale, no touch emulation, no accessibility tree over WebDriver).

/** The node properties a snapshot keeps (true or a value), as Puppeteer's snapshot names them. */
const STATES = ['focused', 'disabled', 'invalid', 'required', 'expanded', 'selected', 'checked', 'busy', 'readonly'];
/** Roles that only group or lay out: left out, their children kept (as Puppeteer's "interesting only" does). */
const PLAIN = new Set(['generic', 'none', 'presentation', 'LineBreak', 'InlineTextBox']);

/** One DevTools session per Playwright page, kept attached: Chromium drops a session's overrides when it detaches. */
const sessions = new WeakMap();
async function cdpOf(session) {
  const page = session.browser.getPage(session.id);
  if (!sessions.has(page)) sessions.set(page, page.context().newCDPSession(page));
  return { page, cdp: await sessions.get(page) };
}

/** Chromium's full accessibility tree under the node `selector` matches, reduced to what a person meets. */
async function chromiumSnapshot(session, selector) {
  const { cdp } = await cdpOf(session);
  const { result } = await cdp.send('Runtime.evaluate', {
    expression: `document.querySelector(${JSON.stringify(selector)})`,
  });
  if (!result.objectId) throw new Error(`a11y-snapshot: nothing matches ${selector}`);
  const { node } = await cdp.send('DOM.describeNode', { objectId: result.objectId });
  await cdp.send('Runtime.releaseObject', { objectId: result.objectId });
  const { nodes } = await cdp.send('Accessibility.getFullAXTree', {});
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const root = nodes.find((n) => n.backendDOMNodeId === node.backendNodeId);
  if (!root) throw new Error(`a11y-snapshot: ${selector} has no accessibility node`);
  const reduced = reduce(root, byId);
  return reduced.length === 1 ? reduced[0] : { role: 'generic', children: reduced };
}

/** An AXValue's value. */
const valueOf = (axValue) => axValue?.value;

/** An AX node and its children as Puppeteer's snapshot shape; plain containers dissolve into their children. */
function reduce(axNode, byId) {
  const children = (axNode.childIds ?? []).flatMap((id) => {
    const child = byId.get(id);
    return child ? reduce(child, byId) : [];
  });
  const role = valueOf(axNode.role) ?? '';
  if (axNode.ignored || PLAIN.has(role)) return children;
  // Text is its parent's: a static text node whose text is already the parent's name adds nothing.
  if (role === 'StaticText') return valueOf(axNode.name)?.trim() ? [{ role: 'text', name: valueOf(axNode.name) }] : [];
  const out = { role };
  const name = valueOf(axNode.name);
  if (name) out.name = name;
  const description = valueOf(axNode.description);
  if (description) out.description = description;
  const value = valueOf(axNode.value);
  if (value !== undefined && value !== '') out.value = value;
  for (const property of axNode.properties ?? []) {
    if (!STATES.includes(property.name)) continue;
    const v = valueOf(property.value);
    if (v === false || v === 'false' || v === undefined) continue;
    out[property.name] = v;
  }
  // Text that only repeats the node's own name (a button's label) is left out.
  const own = children.filter((child) => !(child.role === 'text' && child.name === name));
  if (own.length) out.children = own;
  return [out];
}

export const deviceCommands = {
  name: 'device-commands',
  async executeCommand({ command, payload, session }) {
    const type = session.browser.type;
    switch (command) {
      case 'device:emulate': {
        const { width, height, touch = true, scale = 3 } = payload;
        if (type === 'playwright') {
          const { cdp } = await cdpOf(session);
          await cdp.send('Emulation.setDeviceMetricsOverride', {
            width,
            height,
            deviceScaleFactor: scale,
            mobile: false,
          });
          await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: touch, maxTouchPoints: touch ? 5 : 1 });
          return { viewport: true, touch, scale: true };
        }
        if (type === 'puppeteer') {
          const page = session.browser.getPage(session.id);
          await page.setViewport({ width, height, deviceScaleFactor: scale });
          let touched = false;
          if (touch) {
            try {
              await page.mainFrame().browsingContext.setTouchOverride(5);
              touched = true;
            } catch {
              touched = false;
            }
          }
          return { viewport: true, touch: touched, scale: true };
        }
        // WebDriver (WebKitGTK): MiniBrowser's window is never narrower than about 450 px (and a resize
        // through its driver once hung a test file), so nothing is emulated: the test narrows the page.
        return { viewport: false, touch: false, scale: false };
      }
      case 'a11y-snapshot': {
        const selector = payload?.selector ?? 'body';
        if (type === 'playwright') return chromiumSnapshot(session, selector);
        if (type === 'puppeteer') {
          const page = session.browser.getPage(session.id);
          try {
            const root = await page.$(selector);
            return await page.accessibility.snapshot({ root: root ?? undefined });
          } catch (error) {
            throw new Error(`a11y-snapshot is not available in this engine: ${error.message}`, { cause: error });
          }
        }
        throw new Error(`a11y-snapshot is not available over ${type}`);
      }
      default:
        return undefined;
    }
  },
};
