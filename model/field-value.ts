/**
 * The values single-valued fields may hold, per field kind, as zod schemas: the one place that
 * says what a valid date, choice, person or yes/no is. Used when writing, importing and
 * validating a document.
 */
import * as z from 'zod';
import type { FieldSpec } from './template/form.ts';
import { ONE_LINE_TEXT } from './wire/limits.ts';

/** Longest single-valued entry, in characters (a name or a short label, never a narrative). */
export const MAX_SHORT_VALUE = 500;

/** A calendar date as YYYY-MM-DD that exists (no 2026-02-30). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a real calendar date');

/** A single-valued field's value; `null` records that someone cleared the field. */
export type RegisterValue = string | boolean | null;

/** Control characters are refused before trimming, which would hide a trailing one (a tab, a vertical tab). */
const shortString = z
  .string()
  .regex(ONE_LINE_TEXT, 'contains a control character; a value is one line of printable characters')
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_SHORT_VALUE);

/** The zod schema of a single-valued field's value (null means cleared). */
export function valueSchema(field: FieldSpec): z.ZodType<RegisterValue> {
  let schema = schemas.get(field);
  if (!schema) {
    schema = buildValueSchema(field);
    schemas.set(field, schema);
  }
  return schema;
}

/** Schemas by field spec object: specs are immutable data, so each is built once. */
const schemas = new WeakMap<FieldSpec, z.ZodType<RegisterValue>>();

function buildValueSchema(field: FieldSpec): z.ZodType<RegisterValue> {
  switch (field.kind) {
    case 'date':
      return IsoDate.nullable();
    case 'boolean':
      return z.boolean().nullable();
    case 'choice':
      return z.enum(field.options as [string, ...string[]]).nullable();
    case 'string':
    case 'person':
      return shortString.nullable();
    case 'text':
      throw new TypeError(`field "${field.id}" is text, not single-valued`);
  }
}

/** Returns why `value` cannot go in `field`, or undefined when it can. */
export function valueProblem(field: FieldSpec, value: unknown): string | undefined {
  const result = valueSchema(field).safeParse(value);
  return result.success ? undefined : result.error.issues.map((i) => i.message).join('; ');
}
