/**
 * Restoring a named version of a child's plan as a new change that keeps the history: the
 * change that turns the live document into the version's content is computed and applied like
 * any other edit, through a Hocuspocus direct connection whose context names the user and the
 * action `restore`, so connected clients receive it live, the storage extension appends it, and
 * the audit log records it as that user's restore. Nothing earlier is rewritten or dropped: the
 * edits made since the version stay in the log and the audit chain.
 *
 * The change is written through the typed model, part by part, so only what differs changes:
 * text by one deletion and one insertion between the common prefix and suffix
 * (RecordView.replaceText), single-valued fields by replacing the kept writes that differ (the
 * version's writes come back with their writer and time, conflicts included), rows by id: rows
 * absent from the version are removed, rows it holds are updated in place, or re-inserted whole
 * (same id) when missing or out of order. The `meta` root is never touched.
 */
import type { Hocuspocus } from '@hocuspocus/server';
import * as Y from 'yjs';
import { liveContext, type PlanContext } from '../../model/context.ts';
import { exportDoc, type DocJson } from '../../model/doc-json.ts';
import { DocMeta, META_ROOT, type DocSpec } from '../../model/doc-spec.ts';
import { buildRecord, recordContent, type RecordJson } from '../../model/record-json.ts';
import { rowSpec, type RecordSpec } from '../../model/record-spec.ts';
import { RecordView } from '../../model/record-view.ts';
import { createRegister, registerEntries, type RegisterEntry } from '../../model/register.ts';
import { validate } from '../../model/validate.ts';
import { planOf } from '../children/child-documents.ts';

/**
 * Writes `target` (a plan in its plain-JSON form, for the same spec) into `doc` so that
 * `exportDoc(doc, spec)` equals `target` outside `meta`. Makes no change where the two already
 * agree. Runs in one transaction of `ctx`'s origin, or in the caller's when one is open.
 */
export function writeVersionInto(doc: Y.Doc, spec: DocSpec, target: DocJson, ctx: PlanContext): void {
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

/** Who restores, as the server authenticated them. */
export interface Restorer {
  readonly username: string;
  /** Full name, written as the actor of any new write. */
  readonly name: string;
}

/** A restore done (`changed` false when the plan already held the version; `bytes` of the change), or why not. */
export type RestoreResult =
  | { readonly ok: true; readonly changed: boolean; readonly bytes: number }
  | { readonly ok: false; readonly reason: string };

/**
 * The version `state` (a Y.encodeStateAsUpdate) as the plan JSON to restore, or why it cannot be
 * restored into a document whose meta is `liveMeta`.
 */
export function versionContent(state: Uint8Array, liveMeta: unknown): { ok: true; json: DocJson; spec: DocSpec } | { ok: false; reason: string } {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const plan = planOf(doc);
    if (!plan) return { ok: false, reason: 'The saved version cannot be read as a plan (its templates are missing from this server).' };
    const meta = DocMeta.safeParse(liveMeta);
    if (!meta.success || meta.data.childId !== plan.meta()?.childId) return { ok: false, reason: "The saved version belongs to another child's plan." };
    if (JSON.stringify(meta.data.templates) !== JSON.stringify(plan.meta()?.templates)) {
      return { ok: false, reason: 'The saved version was made from other templates than the plan now uses, so it cannot be restored over it. Export it instead.' };
    }
    return { ok: true, json: exportDoc(doc, plan.spec), spec: plan.spec };
  } finally {
    doc.destroy();
  }
}

/**
 * Restores `state` into the live document `name` as a change by `user`, and resolves once the
 * change is on disk (`durable`, the storage extension's barrier). The change is made first on a
 * copy and checked with the model's `validate`; only a valid result is applied, in one
 * transaction of a direct connection with context `{ username, action: 'restore' }`. A
 * version equal to the live content changes nothing (`changed: false`, and no audit entry).
 */
export async function restoreVersion(
  hocuspocus: Hocuspocus,
  name: string,
  state: Uint8Array,
  user: Restorer,
  durable: (name: string) => Promise<void> | undefined,
): Promise<RestoreResult> {
  const connection = await hocuspocus.openDirectConnection(name, { username: user.username, action: 'restore' });
  let result: RestoreResult = { ok: false, reason: 'The restore did not run.' };
  try {
    await connection.transact((live) => {
      const content = versionContent(state, live.getMap(META_ROOT).toJSON());
      if (!content.ok) {
        result = content;
        return;
      }
      const copy = new Y.Doc();
      try {
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(live));
        let change: Uint8Array | undefined;
        copy.on('update', (update: Uint8Array) => void (change = update));
        writeVersionInto(copy, content.spec, content.json, liveContext(user.name, 'restore'));
        const problems = validate(copy, content.spec);
        if (problems.length > 0) {
          result = { ok: false, reason: `Restoring would leave the plan invalid: ${problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`).join('; ')}.` };
          return;
        }
        if (change) Y.applyUpdate(live, change);
        result = { ok: true, changed: change !== undefined, bytes: change?.length ?? 0 };
      } finally {
        copy.destroy();
      }
    });
    await durable(name);
  } finally {
    await connection.disconnect();
  }
  return result;
}
