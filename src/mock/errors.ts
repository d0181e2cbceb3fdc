/**
 * The stand-in's error table: one `error_code`, English message and 4xx
 * status per refusal. Vlens does not document its codes, so these are the
 * stand-in's own; clients must fall back to `error_message` for codes they
 * do not know.
 */
import type { Envelope } from '../api/schemas.js';
import type { StandInSettings } from './types.js';

export const STAND_IN_ERRORS = {
  invalidInput: { code: 1001, status: 400, message: 'The request is invalid.' },
  unauthorized: { code: 1002, status: 401, message: 'A valid ApiKey header is required.' },
  notFound: { code: 1003, status: 404, message: 'There is no such endpoint.' },
  invalidCode: { code: 2001, status: 400, message: 'The verification code is wrong.' },
  codeExpired: { code: 2002, status: 410, message: 'The verification code has expired. Request a new one.' },
  tooManyTries: { code: 2003, status: 429, message: 'Too many wrong tries. Request a new code.' },
  unknownRequestId: {
    code: 2004,
    status: 404,
    message: 'The verification request is unknown or was replaced by a newer one.',
  },
  phoneNotVerified: { code: 3001, status: 422, message: 'The phone number has not been verified.' },
  emailNotVerified: { code: 3002, status: 422, message: 'The email address has not been verified.' },
  alreadyRegistered: { code: 3003, status: 409, message: 'An account with this phone number or email already exists.' },
  invalidOAuthToken: { code: 4001, status: 422, message: 'The sign-in token could not be verified.' },
} as const satisfies Record<string, { code: number; status: number; message: string }>;

export type StandInErrorName = keyof typeof STAND_IN_ERRORS;

/** A refusal a handler returns: which error, and what goes into `error_descriptions`. */
export interface StandInRefusal {
  error: StandInErrorName;
  details?: Record<string, unknown>;
}

/** The envelope and HTTP status of a refusal under the current `errorStatus` setting. */
export function errorEnvelope(
  refusal: StandInRefusal,
  errorStatus: StandInSettings['errorStatus'],
): { status: number; body: Envelope<null> } {
  const entry = STAND_IN_ERRORS[refusal.error];
  return {
    status: errorStatus === 200 ? 200 : entry.status,
    body: {
      data: null,
      error_code: entry.code,
      error_message: entry.message,
      error_descriptions: refusal.details ?? null,
    },
  };
}

/** Thrown by `handle` when a `reset` fault is active: the server must drop the socket without answering. */
export class StandInResetError extends Error {
  constructor() {
    super('Injected fault: connection reset');
    this.name = 'StandInResetError';
  }
}
