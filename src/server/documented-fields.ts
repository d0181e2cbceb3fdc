/**
 * What reaches the browser: per path, only the fields the response schemas
 * document, at any depth. An undocumented key is dropped whatever its name
 * (`otpCode`, `verificationCode`, `code`…); a documented scalar that arrives
 * as an object or array is dropped too. The named OTP list (isOtpField) is
 * applied afterwards as a second guard.
 */
import type * as z from 'zod/mini';
import type { VlensPath } from '../api/paths.js';
import { isOtpField, responseSchemas } from '../api/schemas.js';

/** A compiled allowlist: a scalar, free-form content, an object's documented keys, or an array's element. */
export type FieldShape =
  | { kind: 'scalar' }
  | { kind: 'free' }
  | { kind: 'object'; fields: ReadonlyMap<string, FieldShape> }
  | { kind: 'array'; element: FieldShape };

const SCALARS = new Set(['string', 'number', 'boolean', 'enum', 'literal', 'bigint', 'null']);
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'readonly', 'nonoptional', 'catch', 'prefault']);

interface SchemaDef {
  type: string;
  shape?: Record<string, z.core.SomeType>;
  innerType?: z.core.SomeType;
  element?: z.core.SomeType;
}

/** Reads a zod (mini) schema into the fields it documents. Throws on a schema kind it cannot read. */
export function fieldShapeOf(schema: z.core.SomeType): FieldShape {
  const def = (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
  if (WRAPPERS.has(def.type)) return fieldShapeOf(def.innerType!);
  if (SCALARS.has(def.type)) return { kind: 'scalar' };
  if (def.type === 'unknown' || def.type === 'any') return { kind: 'free' };
  if (def.type === 'array') return { kind: 'array', element: fieldShapeOf(def.element!) };
  if (def.type === 'object') {
    return {
      kind: 'object',
      fields: new Map(Object.entries(def.shape!).map(([key, inner]) => [key, fieldShapeOf(inner)])),
    };
  }
  throw new Error(`documented-fields: cannot read a '${def.type}' schema`);
}

/**
 * `value` cut down to `shape`: unknown keys dropped at any depth, values of
 * the wrong kind dropped; free-form content keeps its keys but loses any OTP
 * field. Returns undefined for a value that does not fit at all.
 */
export function keepDocumented(shape: FieldShape, value: unknown): unknown {
  switch (shape.kind) {
    case 'scalar':
      return value === null || typeof value !== 'object' ? value : undefined;
    case 'free':
      return withoutOtpFields(value);
    case 'array':
      return Array.isArray(value)
        ? value.map((item) => keepDocumented(shape.element, item)).filter((v) => v !== undefined)
        : value === null
          ? null
          : undefined;
    case 'object': {
      if (value === null) return null;
      if (typeof value !== 'object' || Array.isArray(value)) return undefined;
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) {
        const field = shape.fields.get(key);
        if (!field || isOtpField(key)) continue;
        const kept = keepDocumented(field, inner);
        if (kept !== undefined) out[key] = kept;
      }
      return out;
    }
  }
}

/** A copy of `value` without any OTP field (see isOtpField), at any depth. */
export function withoutOtpFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutOtpFields);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (!isOtpField(key)) out[key] = withoutOtpFields(inner);
  }
  return out;
}

const SHAPES = new Map<VlensPath, FieldShape>(
  Object.entries(responseSchemas().byPath).map(([path, schema]) => [path as VlensPath, fieldShapeOf(schema)]),
);

/**
 * The envelope `path` answered, as the browser may see it: documented
 * fields only. `error_descriptions` is free-form in Vlens's schema, so it
 * passes (without OTP fields) on failures only, where it explains the error.
 */
export function documentedResponse(path: VlensPath, envelope: object, failed: boolean): Record<string, unknown> {
  const kept = keepDocumented(SHAPES.get(path)!, envelope) as Record<string, unknown>;
  if (!failed) delete kept.error_descriptions;
  return kept;
}
