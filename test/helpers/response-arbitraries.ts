/**
 * fast-check generators for what can come back from the API: near-miss
 * envelopes per path, any JSON, text that is not JSON, HTTP statuses.
 * Used by the node and browser response fuzzers.
 */
import fc from 'fast-check';
import { ALL_VLENS_PATHS, VLENS_PATHS, type VlensPath } from '../../src/api/paths.js';

export const path = fc.constantFrom(...ALL_VLENS_PATHS);
export const anyJson = fc.jsonValue({ maxDepth: 4 });
/** Values that are almost what a field holds: wrong types, edge numbers, look-alike strings. */
const oddValue = fc.oneof(
  anyJson,
  fc.constantFrom(null, 0, -1, 1.5, 1e308, -0, '', '0', 'null', 'true', 'false', '{}', [], {}, [null], { data: null }),
  fc.string({ maxLength: 20 }),
);
const requestId = fc.uuid();
const tokenish = fc.string({ minLength: 1, maxLength: 40 });

/** A well-formed `data` for the path (sometimes with extra keys). */
export function goodData(p: VlensPath) {
  if (p === VLENS_PATHS.checkExistence) return fc.record({ exists: fc.boolean() });
  if (p === VLENS_PATHS.verifyOAuth || p === VLENS_PATHS.verifyOAuthForRegister) {
    return fc.record(
      {
        oAuthTokenVerificationRequestId: fc.option(requestId),
        isVerified: fc.boolean(),
        email: fc.option(fc.emailAddress()),
      },
      { requiredKeys: [] },
    );
  }
  return fc.record(
    {
      isEmailConfirmationRequired: fc.boolean(),
      isPhoneNumberConfirmed: fc.boolean(),
      phoneNumberOtpRequestId: fc.option(requestId),
      emailOtpRequestId: fc.option(requestId),
      accessToken: fc.option(tokenish),
      expireInSeconds: fc.option(fc.integer()),
      user: fc.option(
        fc.record(
          { id: fc.integer(), phoneNumber: fc.option(fc.string()), fullName: fc.option(fc.string()) },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: [] },
  );
}

/** A success or error envelope for the path, then (often) one field replaced, removed or added. */
export function nearEnvelope(p: VlensPath) {
  const base = fc.oneof(
    goodData(p).map((data) => ({ data, error_code: null, error_message: null, error_descriptions: null })),
    fc
      .record({
        code: fc.oneof(fc.integer({ min: 1, max: 9999 }), fc.constant(0)),
        message: fc.string(),
        descriptions: anyJson,
      })
      .map(({ code, message, descriptions }) => ({
        data: null,
        error_code: code,
        error_message: message,
        error_descriptions: descriptions,
      })),
  );
  const key = fc.constantFrom(
    'data',
    'error_code',
    'error_message',
    'error_descriptions',
    'extra',
    'exists',
    'constructor',
    'toString',
  );
  const mutation = fc.oneof(
    fc.constant(undefined),
    fc.record({ op: fc.constant('set' as const), key, value: oddValue }),
    fc.record({ op: fc.constant('drop' as const), key }),
    fc.record({
      op: fc.constant('data-field' as const),
      key: fc.constantFrom('exists', 'isVerified', 'user', 'accessToken', 'phoneNumberOtpRequestId'),
      value: oddValue,
    }),
  );
  return fc.tuple(base, mutation).map(([envelope, m]) => {
    const copy: Record<string, unknown> = structuredClone(envelope);
    if (m?.op === 'set') copy[m.key] = m.value;
    if (m?.op === 'drop') delete copy[m.key];
    if (m?.op === 'data-field' && copy.data && typeof copy.data === 'object')
      (copy.data as Record<string, unknown>)[m.key] = m.value;
    return copy;
  });
}

/** Response text: JSON of anything, near-miss envelopes, and text that is not JSON at all. */
export function responseText(p: VlensPath) {
  return fc.oneof(
    { weight: 4, arbitrary: nearEnvelope(p).map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: anyJson.map((v) => JSON.stringify(v)) },
    {
      weight: 1,
      arbitrary: nearEnvelope(p).map(
        (v) => `{"__proto__":{"polluted":true,"data":{"exists":true}},${JSON.stringify(v).slice(1)}`,
      ),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(nearEnvelope(p), fc.nat()).map(([v, cut]) => JSON.stringify(v).slice(0, cut % 60)),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
    { weight: 1, arbitrary: nearEnvelope(p).map((v) => `\uFEFF${JSON.stringify(v)}`) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('', 'null', 'true', '0', '"data"', '<html>502 Bad Gateway</html>', '{"data":', 'NaN'),
    },
  );
}

export const status = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      200,
      201,
      202,
      204,
      400,
      401,
      403,
      404,
      409,
      410,
      413,
      415,
      422,
      429,
      500,
      502,
      503,
      504,
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 599 }) },
);
