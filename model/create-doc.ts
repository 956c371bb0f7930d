/**
 * Making a document: every field and table of every part is created in one go, on the server,
 * before anyone edits (DESIGN decision 5: two clients creating the same field concurrently
 * would lose one of them). The document is built through its plain-JSON form, so a new
 * document and an imported one are made by the same code.
 */
import type * as Y from 'yjs';
import type { PlanContext } from './context.ts';
import { importDoc, type DocJson } from './doc-json.ts';
import { SCHEMA_VERSION, type DocSpec, type TemplateRef } from './doc-spec.ts';
import { valueProblem } from './field-value.ts';
import { blankRecord, type RecordJson } from './record-json.ts';
import { fieldOf, type RecordSpec } from './record-spec.ts';
import type { RowInput } from './record-view.ts';

/** A blank document's JSON: every record created, lists empty. */
export function blankDocJson(spec: DocSpec, childId: string, templates: readonly TemplateRef[], ctx: PlanContext): DocJson {
  const json: DocJson = {
    meta: {
      format: spec.format,
      schemaVersion: SCHEMA_VERSION,
      childId,
      createdAt: ctx.now().toISOString(),
      createdBy: ctx.actor,
      templates: [...templates],
    },
  };
  for (const root of spec.roots) json[root.name] = root.kind === 'list' ? [] : blankRecord(root.record, root.name);
  return json;
}

/**
 * Fills a record's JSON with initial values written by `ctx.actor`. Throws RangeError for a
 * value the field cannot hold (the caller validated user input already).
 */
export function fillRecordJson(record: RecordJson, spec: RecordSpec, values: RowInput, ctx: PlanContext): void {
  for (const [id, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const field = fieldOf(spec, id);
    if (field.kind === 'text') {
      if (typeof value !== 'string') throw new RangeError(`"${id}" takes text`);
      record[id] = value;
      continue;
    }
    const problem = valueProblem(field, value);
    if (problem) throw new RangeError(`"${field.label}" (${id}): ${problem}`);
    record[id] = [{ id: ctx.newId(), value, by: ctx.actor, at: ctx.now().toISOString() }];
  }
}

/** Makes a Y.Doc from a JSON form that the caller built; throws if it does not validate (a programmer error). */
export function docFromJson(json: DocJson, spec: DocSpec, origin: unknown): Y.Doc {
  const result = importDoc(json, spec, origin);
  if (!result.ok) throw new Error(`made an invalid ${spec.format} document: ${result.problems.join('; ')}`);
  return result.doc;
}
