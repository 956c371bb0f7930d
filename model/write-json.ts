/**
 * Writing a plan's plain-JSON form back into a live plan document as one ordinary change, so
 * that only what differs changes and the history is kept: text by one deletion and one
 * insertion between the common prefix and suffix (RecordView.replaceText), single-valued fields
 * by replacing the kept writes that differ (the target's writes come back with their writer and
 * time, conflicts included), rows by id: rows absent from the target are removed, rows it holds
 * are updated in place, or re-inserted whole (same id) when missing or out of order. The `meta`
 * root is never touched. Used to restore a named version; pure model, no I/O.
 */
import * as Y from 'yjs';
import type { PlanContext } from './context.ts';
import type { DocJson } from './doc-json.ts';
import type { DocSpec } from './doc-spec.ts';
import { buildRecord, recordContent, type RecordJson } from './record-json.ts';
import { rowSpec, type RecordSpec } from './record-spec.ts';
import { RecordView } from './record-view.ts';
import { createRegister, registerEntries, type RegisterEntry } from './register.ts';

/**
 * Writes `target` (a plan in its plain-JSON form, for the same spec) into `doc` so that
 * `exportDoc(doc, spec)` equals `target` outside `meta`. Makes no change where the two already
 * agree. Runs in one transaction of `ctx`'s origin, or in the caller's when one is open.
 */
export function writeJsonInto(doc: Y.Doc, spec: DocSpec, target: DocJson, ctx: PlanContext): void {
  doc.transact(() => {
    for (const root of spec.roots) {
      const json = target[root.name];
      if (root.kind === 'list') restoreRows(doc.getArray<Y.Map<unknown>>(root.name), root.record, (json as RecordJson[] | undefined) ?? [], ctx);
      else if (json) restoreRecord(doc.getMap<unknown>(root.name), root.record, json as RecordJson, ctx);
    }
  }, ctx.origin ?? ctx);
}

function restoreRecord(map: Y.Map<unknown>, spec: RecordSpec, json: RecordJson, ctx: PlanContext): void {
  let fresh: Map<string, unknown> | undefined;
  const freshValue = (key: string): unknown => (fresh ??= new Map(recordContent(spec, json))).get(key);
  if (map.get('id') !== json.id) map.set('id', json.id);
  const view = new RecordView(map, spec, ctx);
  for (const field of spec.fields) {
    const current = map.get(field.id);
    if (field.kind === 'text') {
      if (current instanceof Y.Text) view.replaceText(field.id, typeof json[field.id] === 'string' ? (json[field.id] as string) : '');
      else map.set(field.id, freshValue(field.id));
    } else {
      const wanted = Array.isArray(json[field.id]) ? (json[field.id] as RegisterEntry[]) : [];
      if (current instanceof Y.Map) restoreRegister(current, wanted);
      else map.set(field.id, createRegister(wanted));
    }
  }
  for (const table of spec.tables) {
    const current = map.get(table.id);
    const rows = Array.isArray(json[table.id]) ? (json[table.id] as RecordJson[]) : [];
    if (current instanceof Y.Array) restoreRows(current as Y.Array<Y.Map<unknown>>, rowSpec(table), rows, ctx);
    else map.set(table.id, freshValue(table.id));
  }
}

/** Keeps the writes the version also kept, removes the others, adds the version's missing ones. */
function restoreRegister(map: Y.Map<unknown>, wanted: readonly RegisterEntry[]): void {
  const byId = new Map(wanted.map((e) => [e.id, e]));
  const have = new Map(registerEntries(map).map((e) => [e.id, e]));
  for (const [id] of have) if (!byId.has(id)) map.delete(id);
  for (const e of wanted) {
    const prior = have.get(e.id);
    if (prior && prior.value === e.value && prior.by === e.by && prior.at === e.at) continue;
    map.set(e.id, { value: e.value, by: e.by, at: e.at });
  }
}

/** Rows by id, in the version's order; a row's identity is kept whenever it is already in place. */
function restoreRows(array: Y.Array<Y.Map<unknown>>, spec: RecordSpec, rows: readonly RecordJson[], ctx: PlanContext): void {
  const wanted = new Set(rows.map((r) => r.id));
  for (let i = array.length - 1; i >= 0; i--) {
    if (!wanted.has(idOf(array.get(i)) as string)) array.delete(i, 1);
  }
  rows.forEach((row, i) => {
    const live = i < array.length ? array.get(i) : undefined;
    if (live && idOf(live) === row.id) {
      restoreRecord(live, spec, row, ctx);
      return;
    }
    const later = array.toArray().findIndex((m, j) => j > i && idOf(m) === row.id);
    if (later >= 0) array.delete(later, 1);
    array.insert(i, [buildRecord(spec, row)]);
  });
  // Whatever is left after the version's rows repeats an id (never made by the model, but a
  // document may hold one): the version has no such row.
  if (array.length > rows.length) array.delete(rows.length, array.length - rows.length);
}

function idOf(row: unknown): unknown {
  return row instanceof Y.Map ? row.get('id') : undefined;
}
