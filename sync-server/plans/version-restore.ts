/**
 * Restoring a named version of a child's plan as a new change that keeps the history: the
 * change that turns the live document into the version's content is computed and applied like
 * any other edit, through a Hocuspocus direct connection whose context names the user and the
 * action `restore`, so connected clients receive it live, the storage extension appends it, and
 * the audit log records it as that user's restore. Nothing earlier is rewritten or dropped: the
 * edits made since the version stay in the log and the audit chain.
 *
 * The change is written through the typed model by `writeJsonInto` (model/write-json.ts), part
 * by part, so only what differs changes; the `meta` root is never touched. The same works for
 * a child's restricted document (`kind` 'restricted'), versioned beside its plan.
 */
import * as Y from 'yjs';
import { liveContext } from '../../model/context.ts';
import { exportDoc, type DocJson } from '../../model/doc-json.ts';
import { DocMeta, META_ROOT, type DocSpec } from '../../model/doc-spec.ts';
import { RESTRICTED_SPEC } from '../../model/restricted-spec.ts';
import { validate } from '../../model/validate.ts';
import { writeJsonInto } from '../../model/write-json.ts';
import { planOf } from './child-documents.ts';
import type { Durable, PlanHost } from './plan-host.ts';

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

/** Which of a child's documents a version is of: the plan, or its restricted document. */
export type VersionedKind = 'plan' | 'restricted';

/** A plan's spec and meta, or undefined when the document is not a plan this server can read. */
function planOpened(doc: Y.Doc): { spec: DocSpec; meta: DocMeta } | undefined {
  const plan = planOf(doc);
  const meta = plan?.meta();
  return plan && meta ? { spec: plan.spec, meta } : undefined;
}

/** A restricted document's spec and meta, or undefined when the document is not one. */
export function restrictedOpened(doc: Y.Doc): { spec: DocSpec; meta: DocMeta } | undefined {
  const meta = DocMeta.safeParse(doc.getMap(META_ROOT).toJSON());
  return meta.success && meta.data.format === RESTRICTED_SPEC.format ? { spec: RESTRICTED_SPEC, meta: meta.data } : undefined;
}

/**
 * The version `state` (a Y.encodeStateAsUpdate) as the plan JSON to restore, or why it cannot be
 * restored into a document whose meta is `liveMeta`.
 */
export function versionContent(state: Uint8Array, liveMeta: unknown, kind: VersionedKind = 'plan'): { ok: true; json: DocJson; spec: DocSpec } | { ok: false; reason: string } {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const opened = kind === 'plan' ? planOpened(doc) : restrictedOpened(doc);
    if (!opened) return { ok: false, reason: `The saved version cannot be read as ${kind === 'plan' ? 'a plan (its templates are missing from this server)' : 'a restricted document'}.` };
    const meta = DocMeta.safeParse(liveMeta);
    if (!meta.success || meta.data.childId !== opened.meta.childId) return { ok: false, reason: "The saved version belongs to another child's plan." };
    if (JSON.stringify(meta.data.templates) !== JSON.stringify(opened.meta.templates)) {
      return { ok: false, reason: 'The saved version was made from other templates than the plan now uses, so it cannot be restored over it. Export it instead.' };
    }
    return { ok: true, json: exportDoc(doc, opened.spec), spec: opened.spec };
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
  host: PlanHost,
  name: string,
  state: Uint8Array,
  user: Restorer,
  durable: Durable,
  kind: VersionedKind = 'plan',
): Promise<RestoreResult> {
  const connection = await host.openDirectConnection(name, { username: user.username, action: 'restore' });
  let result: RestoreResult = { ok: false, reason: 'The restore did not run.' };
  try {
    await connection.transact((live) => {
      const content = versionContent(state, live.getMap(META_ROOT).toJSON(), kind);
      if (!content.ok) {
        result = content;
        return;
      }
      const copy = new Y.Doc();
      try {
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(live));
        let change: Uint8Array | undefined;
        copy.on('update', (update: Uint8Array) => void (change = update));
        writeJsonInto(copy, content.spec, content.json, liveContext(user.name, 'restore'));
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
