/**
 * The position the register call carries (collect-geolocation): the flow never waits on the browser
 * longer than its own timer, whatever the browser does with the permission prompt.
 */
import { expect } from '@open-wc/testing';
import { currentPosition, POSITION_WAIT_MS } from '../../src/register/calls.js';
import { cairo, refused, withGeolocation } from './helpers.js';

describe('currentPosition (collect-geolocation)', () => {
  it('gives lat,lng when the person allows it, asking the browser for no longer than its own wait', async () => {
    const asked: PositionOptions[] = [];
    const position = await withGeolocation(
      (success, failure, options) => {
        asked.push(options!);
        cairo(success, failure, options);
      },
      () => currentPosition(new AbortController().signal),
    );
    expect(position).to.equal('30.044400,31.235700');
    expect(asked.map((o) => o.timeout)).to.deep.equal([POSITION_WAIT_MS]);
  });

  it('goes on without a position when the person refuses', async () => {
    expect(await withGeolocation(refused, () => currentPosition(new AbortController().signal))).to.equal(null);
  });

  it('goes on without a position when the prompt is never answered (its own timer, not the browser’s)', async () => {
    const started = performance.now();
    const position = await withGeolocation(
      () => {},
      () => currentPosition(new AbortController().signal, 50),
    );
    expect(position).to.equal(null);
    expect(performance.now() - started).to.be.at.least(45);
  });

  it('goes on without a position at once when the call is aborted', async () => {
    const abort = new AbortController();
    const position = withGeolocation(
      () => abort.abort(),
      () => currentPosition(abort.signal, 60_000),
    );
    expect(await position).to.equal(null);
  });
});
