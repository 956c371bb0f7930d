/**
 * The plain-JSON form of a whole document, its zod schema (generated from the DocSpec, so it
 * names every field) and the conversions: export a Y.Doc, import into a new Y.Doc. Export then
 * import then export gives the same JSON: ids, conflicts and text are all kept.
 */
import * as Y from 'yjs';
import * as z from 'zod';
import { DocMeta, META_ROOT, type DocSpec } from './doc-spec.ts';
import { valueSchema } from './field-value.ts';
import { buildRecord, recordContent, recordToJson, type RecordJson } from './record-json.ts';
import { rowSpec, type RecordSpec } from './record-spec.ts';
import type { FieldSpec } from './template/form.ts';
import { MULTI_LINE_TEXT, ONE_LINE_TEXT, PLAN_LIMITS } from './wire/limits.ts';

/** Longest text field, in characters: far more than any minute, far less than memory (`wire/limits.ts`). */
export const MAX_TEXT = PLAN_LIMITS.textChars;
/** Longest id of a row or a write. */
export const MAX_ID = 100;
/** Most writes a single-valued field may keep at once (concurrent conflicting writes). */
export const MAX_ENTRIES = 64;

export interface DocJson {
  meta: DocMeta;
  [root: string]: DocMeta | RecordJson | RecordJson[];
}

const RowId = z.string().min(1).max(MAX_ID);

function entrySchema(field: FieldSpec) {
  return z
    .object({
      id: RowId,
      value: valueSchema(field),
      by: z.string().min(1).max(200).regex(ONE_LINE_TEXT, 'a writer is named without control characters'),
      at: z.iso.datetime(),
    })
    .strict();
}

function fieldSchema(field: FieldSpec): z.ZodType {
  const base =
    field.kind === 'text'
      ? z.string().max(MAX_TEXT).regex(MULTI_LINE_TEXT, 'contains a control character; only printable characters, new lines and tabs are allowed')
      : z.array(entrySchema(field)).max(MAX_ENTRIES);
  return base.describe(`${field.label} (${field.kind})`);
}

/** zod schema of one record's JSON form. */
export function recordJsonSchema(spec: RecordSpec): z.ZodType<RecordJson> {
  const shape: Record<string, z.ZodType> = { id: RowId };
  for (const field of spec.fields) shape[field.id] = fieldSchema(field);
  for (const table of spec.tables) {
    shape[table.id] = z
      .array(recordJsonSchema(rowSpec(table)))
      .max(PLAN_LIMITS.rowsPerTable)
      .describe(table.label)
      .refine((rows) => new Set(rows.map((r) => r.id)).size === rows.length, 'row ids must be unique');
  }
  return z.object(shape).strict() as unknown as z.ZodType<RecordJson>;
}

/** zod schema of a whole document's JSON form for `spec`. */
export function docJsonSchema(spec: DocSpec): z.ZodType<DocJson> {
  const shape: Record<string, z.ZodType> = {
    meta: DocMeta.refine((m) => m.format === spec.format, `format must be "${spec.format}"`),
  };
  for (const root of spec.roots) {
    const record = recordJsonSchema(root.record);
    // A list may be left out (a plan exported before the list existed): it is empty.
    shape[root.name] = (root.kind === 'list'
      ? z.array(record).max(PLAN_LIMITS.rowsPerTable).refine((rows) => new Set(rows.map((r) => r.id)).size === rows.length, 'record ids must be unique').default([])
      : record
    ).describe(root.label);
  }
  return z.object(shape).strict() as unknown as z.ZodType<DocJson>;
}

/** The JSON Schema (draft 2020-12) of a document's plain-JSON form, for integrators. */
export function docJsonSchemaDocument(spec: DocSpec): Record<string, unknown> {
  return z.toJSONSchema(docJsonSchema(spec), { target: 'draft-2020-12', unrepresentable: 'any' });
}

/** Reads a whole document into its plain-JSON form. */
export function exportDoc(doc: Y.Doc, spec: DocSpec): DocJson {
  const meta = doc.getMap(META_ROOT).toJSON() as DocMeta;
  const json: DocJson = { meta };
  for (const root of spec.roots) {
    json[root.name] =
      root.kind === 'list'
        ? doc.getArray<Y.Map<unknown>>(root.name).toArray().map((m) => recordToJson(root.record, m))
        : recordToJson(root.record, doc.getMap(root.name));
  }
  return json;
}

export type ImportResult = { ok: true; doc: Y.Doc } | { ok: false; problems: string[] };

/**
 * Makes a new document from plain JSON, after checking it against the schema; problems are
 * listed as "path: message" and nothing is made. `origin` marks the creating transaction.
 */
export function importDoc(data: unknown, spec: DocSpec, origin: unknown = 'import'): ImportResult {
  const parsed = docJsonSchema(spec).safeParse(data);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`) };
  }
  const json = parsed.data;
  const doc = new Y.Doc();
  doc.transact(() => {
    const meta = doc.getMap<unknown>(META_ROOT);
    for (const [key, value] of Object.entries(json.meta)) meta.set(key, value);
    for (const root of spec.roots) {
      if (root.kind === 'list') {
        const rows = json[root.name] as RecordJson[];
        doc.getArray<Y.Map<unknown>>(root.name).push(rows.map((r) => buildRecord(root.record, r)));
      } else {
        const target = doc.getMap<unknown>(root.name);
        for (const [key, value] of recordContent(root.record, json[root.name] as RecordJson)) target.set(key, value);
      }
    }
  }, origin);
  return { ok: true, doc };
}
