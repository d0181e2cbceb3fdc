/**
 * What a screen reader gets at every step (issue 23): the widget's accessibility tree (roles, names,
 * descriptions, values and states), read with the runner's `a11ySnapshot` command at 320 px with touch,
 * in English and Arabic, compared with the committed expectation in ./__snapshots__/a11y-tree.test.snap.js
 * so a changed name, role or description is seen in review. After an intended change:
 * `bash scripts/browser-tests.sh chromium test/browser/a11y-tree.test.ts --update-snapshots`, then read the diff.
 * The tree does not depend on the width (360 px is covered by the other files of issue 23).
 * Engines: Chromium reads the tree through the DevTools protocol (./device-commands.mjs). Firefox ESR
 * (Puppeteer over WebDriver BiDi) and WebKitGTK (WebDriver classic) expose no accessibility tree to the
 * runner: there the test is skipped, saying so.
 */
import { a11ySnapshot, compareSnapshot } from '@web/test-runner-commands';
import { expect } from '@open-wc/testing';
import {
  enterCodeFor,
  field,
  freshStandIn,
  interact,
  part,
  standIn,
  submitButton,
  type,
  uniquePhone,
  waitForStep,
  wrongCodeFor,
} from './helpers.js';
import { holdPhone, LANGS, press, widgetIn } from './phone-view.js';
import { waitUntil } from './wait.js';

interface AxNode {
  role: string;
  name?: string;
  description?: string;
  value?: string | number;
  children?: AxNode[];
  [state: string]: unknown;
}

/** The tree with what changes from run to run replaced: the number, the address, a code, the seconds left. */
function stable(node: AxNode, known: { phone: string; email: string }): AxNode {
  const text = (value: unknown) =>
    typeof value === 'string'
      ? value
          .replaceAll(known.phone, '{phone}')
          .replaceAll(known.email, '{email}')
          .replace(/\b\d{6}\b/g, '{code}')
          .replace(/\d+(?= s\b| ثانية)/g, '{seconds}')
      : value;
  const out: AxNode = { role: node.role };
  for (const [key, value] of Object.entries(node)) if (key !== 'children' && key !== 'role') out[key] = text(value);
  if (node.children) out.children = node.children.map((child) => stable(child, known));
  return out;
}

describe('the accessibility tree of each step', () => {
  beforeEach(freshStandIn);

  for (const lang of LANGS)
    it(`${lang}: every step's tree is the committed one`, async function (this: { skip(): void }) {
      const engine = /Firefox\//.test(navigator.userAgent)
        ? 'firefox'
        : /Chrome\//.test(navigator.userAgent)
          ? 'chromium'
          : 'webkit';
      // Firefox ESR over WebDriver BiDi and WebKitGTK over WebDriver classic give the runner no tree:
      // the command fails there, and the test says so by skipping.
      const probe = await a11ySnapshot({ selector: 'body' }).then(
        () => null,
        (error: unknown) => String(error),
      );
      if (probe !== null && engine !== 'chromium') {
        console.info(`${engine}: no accessibility tree for the runner (${probe})`);
        return this.skip();
      }
      await holdPhone(320, 568);
      await standIn.configure({ emailRequired: true });
      const el = await widgetIn(lang, { emailStep: 'required', password: 'required' });
      const phone = await uniquePhone();
      const email = `tree-${lang}-${phone.slice(-4)}@example.com`;
      const known = { phone, email };
      const snap = async (step: string) => {
        await el.updateComplete;
        const tree = (await a11ySnapshot({ selector: 'vlens-register' })) as unknown as AxNode;
        expect(tree, `${step}: a tree`).to.be.an('object');
        await compareSnapshot({
          name: `${engine} ${lang} ${step}`,
          content: JSON.stringify(stable(tree, known), null, 2),
        });
      };

      interact(el);
      await snap('phone');
      type(el, '#phone', '12');
      await press(submitButton(el));
      await snap('phone, a number too short');
      type(el, '#phone', phone);
      await press(submitButton(el));
      await waitForStep(el, 'phone-code');
      await snap('phone-code');
      field(el).value = await wrongCodeFor(phone);
      await press(submitButton(el));
      await waitUntil(() => part(el, '[slot="status"]').dataset.tone === 'error', 'the refusal shows');
      await snap('phone-code, a wrong code');
      await enterCodeFor(el, phone);
      await waitForStep(el, 'email');
      await snap('email');
      type(el, '#email', email);
      await press(submitButton(el));
      await waitForStep(el, 'email-code');
      await snap('email-code');
      await enterCodeFor(el, email);
      await waitForStep(el, 'finish');
      await snap('finish');
      type(el, '#password', 'a-long-enough-password');
      await press(submitButton(el));
      await waitForStep(el, 'done');
      await snap('done');
    });
});
