/**
 * The widget's failure type, apart from the client (which brings zod and the
 * schemas): the element's first load needs it to show and report errors,
 * including a submit path that failed to load.
 */
import type { Envelope } from './schemas/response.js';
import type { VlensErrorKind } from '../events.js';

/** The widget's own deadline for one call, in ms (the `timeout` attribute's default). */
export const DEFAULT_TIMEOUT_MS = 15_000;

/** A failed call: the envelope as received (when one was), the HTTP status and the kind of failure. */
export class VlensError extends Error {
  readonly kind: VlensErrorKind;
  readonly status: number | null;
  readonly envelope: Envelope;

  constructor(
    kind: VlensErrorKind,
    message: string,
    options: { status?: number | null; envelope?: Envelope; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'VlensError';
    this.kind = kind;
    this.status = options.status ?? null;
    this.envelope = options.envelope ?? { data: null, error_code: null, error_message: null, error_descriptions: null };
  }
}
