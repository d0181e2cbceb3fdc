/**
 * The proxy's CPU per request with and without the built-in CAPTCHA check:
 * the same proxy (`FORWARDERS.ours`) twice, once with Turnstile verification
 * against the stand-in's fake siteverify (its own process, on loopback),
 * under the same sends, each carrying a token. The difference is what one
 * verify call (form body, HTTP round trip, JSON answer) costs the proxy.
 */
import { CAPTCHA_TOKEN_HEADER } from '../../src/api/paths.js';
import { fakeCaptchaVerifyUrl } from '../../src/mock/captcha.js';
import { forkServer } from './child-server.js';
import {
  FORWARDERS,
  measureProxyCost,
  SEND_REQUESTS,
  variantCostTable,
  type CostFigures,
  type LoadOptions,
} from './proxy.js';

/** Measures both variants in interleaved rounds; the fake verify endpoint runs for the whole measurement. */
export async function measureCaptchaCost(load: LoadOptions = {}): Promise<CostFigures[]> {
  const fake = await forkServer({ role: 'fake-captcha', apiKey: 'unused' });
  try {
    const verifyUrl = fakeCaptchaVerifyUrl(fake.url, 'turnstile');
    const requests = SEND_REQUESTS.map((request) => ({
      ...request,
      headers: { ...request.headers, [CAPTCHA_TOKEN_HEADER]: 'fake-turnstile.vlens_send.bench@127.0.0.1' },
    }));
    return await measureProxyCost(
      {
        'without CAPTCHA': FORWARDERS.ours,
        'with Turnstile verification': (upstream) => ({ ...FORWARDERS.ours(upstream), captchaVerifyUrl: verifyUrl }),
      },
      { ...load, requests },
    );
  } finally {
    await fake.stop();
  }
}

/** The two rows side by side, medians over the rounds. */
export function captchaCostTable(figures: CostFigures[]): string {
  return [
    variantCostTable(figures, 'Our proxy, StepVerifyPhone sends', 'without'),
    '',
    'The CAPTCHA row verifies every send with the fake Turnstile siteverify (another process on loopback); ' +
      "a real provider adds its network round trip to the latency, not to the proxy's CPU.",
  ].join('\n');
}
