/**
 * The demo page's live funnel: after a registration through the page's widget, its table shows the
 * count the proxy's metrics hold (the dev server installs the OpenTelemetry SDK as `npm start` does and
 * serves /demo-funnel.json from it).
 */
import { expect } from '@open-wc/testing';
import { freshStandIn, lightFieldReady, openDemoPage, registerByPhone, uniquePhone } from './helpers.js';
import { waitUntil } from './wait.js';

interface FunnelRow {
  country: string;
  codeSent: number;
  phoneVerified: number;
  emailVerified: number;
  registered: number;
}

/** The funnel's row for Egypt as the endpoint serves it now (zeros before any send). */
async function egypt(): Promise<FunnelRow> {
  const { countries } = (await (await fetch('/demo-funnel.json', { cache: 'no-store' })).json()) as {
    countries: FunnelRow[];
  };
  return (
    countries.find((row) => row.country === 'EG') ?? {
      country: 'EG',
      codeSent: 0,
      phoneVerified: 0,
      emailVerified: 0,
      registered: 0,
    }
  );
}

/** The demo table's cells of the row for `country`, as text ([] when there is no such row). */
const rowOf = (doc: Document, country: string) =>
  [...doc.querySelectorAll('#funnel tbody tr')]
    .map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''))
    .find((cells) => cells[0] === country) ?? [];

describe('the demo page’s live funnel', () => {
  beforeEach(freshStandIn);

  it('shows the registration in its country’s row once the widget registers', async () => {
    const before = await egypt();
    const { doc, el } = await openDemoPage('/demo/index.html');
    await waitUntil(() => !doc.querySelector<HTMLElement>('#funnel')!.hidden, 'the funnel section is shown');

    const phone = await uniquePhone();
    await lightFieldReady(el);
    await registerByPhone(el, phone);

    const expected = [
      'EG',
      String(before.codeSent + 1),
      String(before.phoneVerified + 1),
      String(before.emailVerified),
      String(before.registered + 1),
    ];
    await waitUntil(() => rowOf(doc, 'EG')[4] === expected[4], 'the funnel shows the registration');
    expect(rowOf(doc, 'EG')).to.deep.equal(expected);
  });
});
