/**
 * `startStandIn` prints every code the stand-in sends (as `npm start` does), unless it is told to hand
 * them to `onCode` or to be quiet; closing the server stops it. Real HTTP on loopback.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createVlensStandIn } from '../../src/mock/index.js';
import { startStandIn, type StartStandInOptions } from '../../src/mock/server.js';

const PHONE = '+201001234567';

/** Starts a stand-in with `options`, sends one SMS code through HTTP, and returns what was printed and heard. */
async function sendOneCode(t: test.TestContext, options: Omit<StartStandInOptions, 'onCode'> & { listen?: boolean }) {
  const printed: string[] = [];
  t.mock.method(console, 'log', (...args: unknown[]) => void printed.push(args.join(' ')));
  const heard: string[] = [];
  const standIn = createVlensStandIn();
  const server = await startStandIn(standIn, {
    ...options,
    onCode: options.listen ? ({ to, code }) => heard.push(`${to} ${code}`) : undefined,
  });
  const send = () =>
    fetch(`${server.url}/api/DigitalIdentity/Register/StepVerifyPhone`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ApiKey: 'key' },
      body: JSON.stringify({ phoneNumber: PHONE }),
    });
  assert.equal((await send()).status, 200);
  const code = standIn.control.lastCode(PHONE);
  await server.close();
  // A code sent after close (through the handler itself) is nobody's to print.
  await standIn.handle(
    new Request('http://x/api/DigitalIdentity/Register/StepVerifyPhone', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ApiKey: 'key' },
      body: JSON.stringify({ phoneNumber: PHONE }),
    }),
  );
  return { printed, heard, code };
}

test('by default every code sent is printed, once', async (t) => {
  const { printed, code } = await sendOneCode(t, {});
  assert.match(code ?? '', /^\d{6}$/);
  assert.deepEqual(printed, [`SMS code for ${PHONE}: ${code}`]);
});

test('onCode receives each code instead of the terminal', async (t) => {
  const { printed, heard, code } = await sendOneCode(t, { listen: true });
  assert.deepEqual(heard, [`${PHONE} ${code}`]);
  assert.deepEqual(printed, []);
});

test('quiet prints nothing', async (t) => {
  const { printed } = await sendOneCode(t, { quiet: true });
  assert.deepEqual(printed, []);
});
