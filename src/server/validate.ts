/**
 * The body stages: read the request body within its size cap, then check it
 * against the path's schema (unknown keys dropped) and normalise its phone
 * number to libphonenumber's E.164, which every later stage keys on.
 */
import { firstIssueField, REQUEST_SCHEMAS } from '../api/schemas.js';
import type { CallContext } from './call-context.js';
import { checkPhone } from './canonical.js';
import { maskPhone } from './log.js';
import { ProxyRefusal } from './refusal.js';

/** Stage: the body as text, JSON only, at most `maxBodyBytes`. */
export function createReadBody(maxBodyBytes: number) {
  return async function readBody(call: CallContext): Promise<void> {
    const { request } = call;
    if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? '')) {
      throw new ProxyRefusal(415, 'Requests must be application/json');
    }
    const declared = Number(request.headers.get('content-length'));
    if (declared > maxBodyBytes) throw new ProxyRefusal(413, 'The request body is too large');
    const raw = await request.readText(maxBodyBytes).catch(() => {
      // A client that goes away (or a server timeout that drops it) mid-body.
      throw new ProxyRefusal(400, 'The request body could not be read');
    });
    if (raw === null) throw new ProxyRefusal(413, 'The request body is too large');
    call.raw = raw;
  };
}

/** Stage: JSON, the path's schema, and one spelling per handset. */
export function validate(call: CallContext): void {
  let json: unknown;
  try {
    json = JSON.parse(call.raw);
  } catch {
    throw new ProxyRefusal(400, 'The request body is not valid JSON');
  }
  const parsed = REQUEST_SCHEMAS[call.path].safeParse(json);
  if (!parsed.success) {
    const { field, message } = firstIssueField(parsed.error);
    throw new ProxyRefusal(400, `Invalid ${field}: ${message}`, field);
  }
  const body = parsed.data as Record<string, unknown>;
  if (typeof body.phoneNumber === 'string') {
    // One handset, one spelling: every limit, proof, log line and the upstream call use libphonenumber's E.164.
    const phone = checkPhone(body.phoneNumber);
    call.entry.phone = maskPhone(phone.ok ? phone.e164 : body.phoneNumber);
    if (!phone.ok) throw new ProxyRefusal(400, `Invalid phoneNumber: ${phone.message}`, 'phoneNumber');
    body.phoneNumber = phone.e164;
    call.country = phone.country;
  }
  call.body = body;
}
