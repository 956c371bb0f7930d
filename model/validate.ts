/**
 * Checks a live document against its DocSpec and lists every problem with its path. The
 * server runs it on the document an update would produce, and refuses the update when the
 * list is not empty (DESIGN decision 6). It looks at the Yjs structure itself, so it finds
 * what the JSON form would hide: wrong Yjs types, unknown keys and roots, formatted or
 * embedded content in text, malformed writes of single-valued fields.
 */
import * as Y from 'yjs';
import * as z from 'zod';
import { DocMeta, META_ROOT, type DocSpec } from './doc-spec.ts';
import { MAX_ENTRIES, MAX_ID } from './doc-json.ts';
import { valueSchema } from './field-value.ts';
import { rowSpec, type RecordSpec } from './record-spec.ts';
import type { FieldSpec } from './template/form.ts';
import { controlCharacterMessage, hasControlCharacters, PLAN_LIMITS } from './wire/limits.ts';

/**
 * One thing wrong with a document: where (dotted path) and what. `limit` marks a problem of size
 * (a text too long, a table with too many rows: `wire/limits.ts`), which the server refuses with
 * its own close code, so that a person is told the plan is full rather than malformed.
 */
export interface Problem {
  readonly path: string;
  readonly message: string;
  readonly limit?: true;
}

const Entry = z
  .object({
    value: z.unknown(),
    by: z
      .string()
      .min(1)
      .max(200)
      .refine((s) => !hasControlCharacters(s), 'a writer is named without control characters'),
    at: z.iso.datetime(),
  })
  .strict();

/**
 * Every problem found in `doc` for `spec`; an empty list means the document is valid. With
 * `only`, the spec's parts are checked only when named there (the meta and unknown parts always
 * are): for a caller that knows the other parts are unchanged since they were last found valid.
 */
export function validate(doc: Y.Doc, spec: DocSpec, only?: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  const add: Add = (path, message, limit) => {
    problems.push(limit ? { path, message, limit } : { path, message });
  };
  const known = new Set([META_ROOT, ...spec.roots.map((r) => r.name)]);
  for (const name of doc.share.keys()) {
    if (!known.has(name)) add(name, 'unknown part of the document');
  }

  const meta = rootMap(doc, META_ROOT, add);
  if (meta) {
    const parsed = DocMeta.safeParse(meta.toJSON());
    if (!parsed.success) for (const i of parsed.error.issues) add(`meta.${i.path.join('.')}`, i.message);
    else if (parsed.data.format !== spec.format) add('meta.format', `expected "${spec.format}"`);
  }

  for (const root of spec.roots) {
    if (only && !only.has(root.name)) continue;
    if (root.kind === 'list') {
      const list = rootArray(doc, root.name, add);
      if (list) checkRows(list, root.record, root.name, add);
    } else {
      const map = rootMap(doc, root.name, add);
      if (map) checkRecord(map, root.record, root.name, add);
    }
  }
  return problems;
}

type Add = (path: string, message: string, limit?: true) => void;

/** A root that an update defined with array content cannot be read as a map; report it instead of throwing. */
function rootMap(doc: Y.Doc, name: string, add: Add): Y.Map<unknown> | undefined {
  try {
    const map = doc.getMap<unknown>(name);
    if (map._start !== null) add(name, 'holds list content where a record is expected');
    return map;
  } catch {
    add(name, 'is not a record');
    return undefined;
  }
}

function rootArray(doc: Y.Doc, name: string, add: Add): Y.Array<unknown> | undefined {
  try {
    const array = doc.getArray<unknown>(name);
    if (array._map.size > 0) add(name, 'holds record content where a list is expected');
    return array;
  } catch {
    add(name, 'is not a list');
    return undefined;
  }
}

function checkRows(array: Y.Array<unknown>, spec: RecordSpec, path: string, add: Add): void {
  if (array.length > PLAN_LIMITS.rowsPerTable) add(path, `holds ${array.length} rows; the most a plan keeps is ${PLAN_LIMITS.rowsPerTable}`, true);
  const ids = new Set<string>();
  array.toArray().forEach((row, i) => {
    const at = `${path}.${i}`;
    if (!(row instanceof Y.Map)) return add(at, 'is not a record');
    const record = row as Y.Map<unknown>;
    const id = record.get('id');
    if (typeof id === 'string') {
      if (ids.has(id)) add(`${at}.id`, `duplicate id "${id}"`);
      ids.add(id);
    }
    checkRecord(record, spec, at, add);
  });
}

function checkRecord(map: Y.Map<unknown>, spec: RecordSpec, path: string, add: Add): void {
  const id = map.get('id');
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID) add(`${path}.id`, `must be text of 1 to ${MAX_ID} characters`);
  const expected = new Set(['id', ...spec.fields.map((f) => f.id), ...spec.tables.map((t) => t.id)]);
  for (const key of map.keys()) if (!expected.has(key)) add(`${path}.${key}`, 'unknown field');

  for (const field of spec.fields) {
    const value = map.get(field.id);
    const at = `${path}.${field.id}`;
    if (field.kind === 'text') {
      if (value instanceof Y.Text) checkText(value, at, add);
      else add(at, 'missing or not text');
    } else if (value instanceof Y.Map) {
      checkRegister(value as Y.Map<unknown>, field, at, add);
    } else {
      add(at, `missing or not a single-valued ${field.kind} field`);
    }
  }
  for (const table of spec.tables) {
    const value = map.get(table.id);
    const at = `${path}.${table.id}`;
    if (value instanceof Y.Array) checkRows(value as Y.Array<unknown>, rowSpec(table), at, add);
    else add(at, 'missing or not a table');
  }
}

function checkText(text: Y.Text, path: string, add: Add): void {
  if (text.length > PLAN_LIMITS.textChars) add(path, `is ${text.length} characters long; the most a text field holds is ${PLAN_LIMITS.textChars}`, true);
  for (const op of text.toDelta() as { insert: unknown; attributes?: unknown }[]) {
    if (typeof op.insert !== 'string') return add(path, 'contains embedded content; only plain text is allowed');
    if (op.attributes !== undefined) return add(path, 'contains formatting; only plain text is allowed');
    if (hasControlCharacters(op.insert, true)) return add(path, controlCharacterMessage(op.insert, true));
  }
}

function checkRegister(map: Y.Map<unknown>, field: FieldSpec, path: string, add: Add): void {
  if (map.size > MAX_ENTRIES) add(path, `keeps more than ${MAX_ENTRIES} concurrent writes`);
  const value = valueSchema(field);
  for (const [id, raw] of map.entries()) {
    const at = `${path}.${id}`;
    if (id.length === 0 || id.length > MAX_ID) add(at, `write ids are 1 to ${MAX_ID} characters`);
    const entry = Entry.safeParse(raw);
    if (!entry.success) {
      add(at, `malformed write: ${entry.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
      continue;
    }
    const v = value.safeParse(entry.data.value);
    if (!v.success) add(at, `"${field.label}": ${v.error.issues.map((i) => i.message).join('; ')}`);
  }
}
