/**
 * Children made without a running server, by the admin command line (`children create`,
 * `children import`, `import`), in the plans service's offline half: the documents
 * are built from templates in this process with `buildChildDocuments` (fields created once, on
 * the server side: DESIGN decision 5), the stages already reached are recorded, and each
 * document's whole state is appended to the document log directly, with no Hocuspocus in
 * between; then the audit entries (username `admin`) and the caseload index entry are written.
 *
 * The store has no transaction across documents, so a child is stored in a fixed order:
 * restricted document, plan, audit, caseload entry. A failure part-way is reported with what
 * was stored, so a person can finish or remove it (see {@link StoreChildrenResult}).
 */
import * as Y from 'yjs';
import { liveContext } from '../../model/context.ts';
import { importDoc } from '../../model/doc-json.ts';
import type { DocMeta, DocSpec } from '../../model/doc-spec.ts';
import { createRestrictedDoc } from '../../model/restricted.ts';
import { openPlan } from '../../model/open-plan.ts';
import type { TemplateRegistry } from '../../model/template/registry.ts';
import { validate } from '../../model/validate.ts';
import { ChildSummaryInput } from '../storage/records/record-checks.ts';
import { recordStageDate } from '../../model/timeline/record-stage.ts';
import { templates } from '../../templates/index.ts';
import { localToday } from '../../model/calendar/day.ts';
import { buildChildDocuments, planOf, summarise } from './child-documents.ts';
import { likelyDuplicate } from './likely-duplicate.ts';
import { readStored } from '../storage/documents/stored-document.ts';
import { planDocumentName, restrictedDocumentName } from '../../model/wire/index.ts';
import type { ChildSummary, NewAuditEntry } from '../storage/records/server-records.ts';
import type { DocumentLog } from '../storage/documents/document-log.ts';
import { auditEntriesOf, serverOrigin } from './audit-entries.ts';
import type { ServerRecords } from '../storage/records/server-records.ts';

/** Where children made without a running server are stored: the document log and the server records. */
export interface OfflineStore {
  readonly log: DocumentLog;
  readonly records: ServerRecords;
}

/** Who the audit log names as the writer of what the admin command line stores. */
export const ADMIN_USERNAME = 'admin';
/** Who a new plan shows as the writer of its initial values and recorded stages. */
export const ADMIN_ACTOR = 'Administrator';

/** A stage already reached, to record in the new plan. */
export interface StageReached {
  readonly stage: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly note?: string;
}

/** What a new child is made from: a pathway, the child's details by field id, stages reached. */
export interface ChildInput {
  readonly pathwayId: string;
  readonly details: Readonly<Record<string, string | boolean>>;
  readonly stages?: readonly StageReached[];
}

/** What storing one child wrote, in order. */
export type StoredPart = 'restricted document' | 'plan' | 'audit entries' | 'caseload entry';

/** One of a built child's documents: its name and whole state, ready to append. */
export interface BuiltDocument {
  readonly name: string;
  readonly part: 'restricted document' | 'plan';
  /** `Y.encodeStateAsUpdate` of the document. */
  readonly update: Uint8Array;
  /** The document's root names, for the audit entry. */
  readonly parts: readonly string[];
}

/**
 * A child built in memory, not yet stored. It holds the encoded documents rather than live
 * Y.Docs (a live plan takes about a hundred times the memory of its encoding), so a whole
 * tracker can be built before anything is stored.
 */
export interface BuiltChild {
  readonly childId: string;
  readonly name: string;
  /** Restricted document first, then the plan: the order they are stored in. */
  readonly documents: readonly [BuiltDocument, BuiltDocument];
  /** The caseload index entry, worked out for the `today` it was built for. */
  readonly summary: ChildSummary;
}

/**
 * Builds a child's plan and restricted documents, records the stages and checks the plan with
 * the model's `validate`. Throws a RangeError saying what is wrong for an unknown pathway, a stage
 * not on it, or a detail the plan refuses.
 */
export function buildChild(input: ChildInput, registry: TemplateRegistry = templates, today = localToday()): BuiltChild {
  const pathway = registry.get(input.pathwayId);
  if (pathway?.kind !== 'pathway') throw new RangeError(`"${input.pathwayId}" is not a pathway template (known: ${registry.ofKind('pathway').map((p) => p.id).join(', ')})`);
  const stageIds = new Set(pathway.stages.map((s) => s.id));
  for (const s of input.stages ?? []) if (!stageIds.has(s.stage)) throw new RangeError(`"${s.stage}" is not a stage of ${pathway.id}`);
  const docs = buildChildDocuments({ pathwayId: input.pathwayId, details: input.details, by: ADMIN_ACTOR }, registry);
  try {
    const opened = openPlan(docs.plan, registry, liveContext(ADMIN_ACTOR, 'admin'));
    if (!opened.ok) throw new Error(`a plan just made cannot be opened: ${opened.message}`);
    const { plan } = opened;
    const spec = plan.spec;
    if ((input.stages ?? []).length > 0) {
      plan.transact(() => {
        for (const s of input.stages ?? []) recordStageDate(plan, pathway, s.stage, s.date, s.note ?? '');
      });
    }
    const problems = validate(docs.plan, spec);
    if (problems.length > 0) throw new RangeError(`the plan would not be valid: ${problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    return builtChild(docs.childId, docs.plan, docs.restricted, today, registry);
  } finally {
    docs.plan.destroy();
    docs.restricted.destroy();
  }
}

/** A plan file read as far as its meta (`readPlanJson` of `admin/plan-file.ts`). */
export interface PlanData {
  readonly data: Record<string, unknown>;
  readonly meta: DocMeta;
  readonly spec: DocSpec;
}

export type ImportedChildResult = { ok: true; child: BuiltChild } | { ok: false; problems: string[] };

/**
 * A child built from a plan in its plain-JSON form (what `admin export` writes) under `childId`
 * (its own id, or a new one for a copy), ready for {@link storeChild}. The plan keeps everything
 * the file holds (row ids, writers, conflicts) but its child id; the restricted document is new
 * and empty, because an export holds only the plan (the restricted part has a narrower access
 * list and is never exported: DESIGN decision 2). Fields that fail the plan's schema, or a plan
 * that does not open or validate, are problems ("path: what is wrong"); nothing is built then.
 */
export function buildImportedChild(plan: PlanData, childId: string, registry: TemplateRegistry, today: string): ImportedChildResult {
  const imported = importDoc({ ...plan.data, meta: { ...plan.meta, childId } }, plan.spec, 'admin');
  if (!imported.ok) return imported;
  const doc = imported.doc;
  const restricted = createRestrictedDoc(childId, plan.meta.templates, liveContext(ADMIN_ACTOR, 'admin'));
  try {
    const opened = openPlan(doc, registry, liveContext(ADMIN_ACTOR, 'admin'));
    if (!opened.ok) return { ok: false, problems: [opened.message] };
    const problems = validate(doc, plan.spec);
    if (problems.length > 0) return { ok: false, problems: problems.slice(0, 20).map((p) => `${p.path}: ${p.message}`) };
    try {
      return { ok: true, child: builtChild(childId, doc, restricted, today, registry) };
    } catch (error) {
      if (error instanceof RangeError) return { ok: false, problems: [error.message] };
      throw error;
    }
  } finally {
    doc.destroy();
    restricted.destroy();
  }
}

/**
 * A child's two documents encoded for the log, with its caseload entry worked out for `today`.
 * Throws a RangeError when the records would refuse that entry (text they cannot store), so the
 * refusal comes before anything is stored, never after the documents: no child is left behind.
 */
function builtChild(childId: string, plan: Y.Doc, restricted: Y.Doc, today: string, registry: TemplateRegistry): BuiltChild {
  const encode = (name: string, part: BuiltDocument['part'], doc: Y.Doc): BuiltDocument => ({ name, part, update: Y.encodeStateAsUpdate(doc), parts: [...doc.share.keys()].sort() });
  const summary = summarise(childId, plan, today, registry);
  const storable = ChildSummaryInput.safeParse(summary);
  if (!storable.success) throw new RangeError(`the caseload entry cannot be stored: ${storable.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return {
    childId,
    name: summary.name,
    documents: [encode(restrictedDocumentName(childId), 'restricted document', restricted), encode(planDocumentName(childId), 'plan', plan)],
    summary,
  };
}

/** A child stored in full. */
export interface StoredChild {
  readonly childId: string;
  readonly name: string;
  readonly summary: ChildSummary;
}

/** Why storing a child stopped, and what of it had been stored by then. */
export class StoreChildError extends Error {
  readonly childId: string;
  readonly stored: readonly StoredPart[];

  constructor(childId: string, stored: readonly StoredPart[], cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(stored.length === 0 ? `nothing of child ${childId} was stored: ${reason}` : `child ${childId} was stored only in part (${stored.join(', ')}): ${reason}`, { cause });
    this.childId = childId;
    this.stored = stored;
  }
}

/**
 * Stores a built child: each document's state appended durably (refusing an id already in the
 * store), an audit entry per document (`admin`, `action`, the parts it holds, its size), and
 * the caseload index entry. Resolves with the summary; rejects with a {@link StoreChildError}.
 */
export async function storeChild(store: OfflineStore, child: BuiltChild, action: 'create' | 'import'): Promise<StoredChild> {
  const stored: StoredPart[] = [];
  try {
    for (const d of child.documents) if (await store.log.load(d.name)) throw new RangeError(`a document named ${d.name} already exists`);
    const audit: NewAuditEntry[] = [];
    for (const d of child.documents) {
      await store.log.append(d.name, [d.update]);
      stored.push(d.part);
      audit.push(...auditEntriesOf(d.name, [{ update: d.update, origin: serverOrigin(ADMIN_USERNAME, action), parts: d.parts }], new Date().toISOString()));
    }
    await store.records.appendAudit(audit);
    stored.push('audit entries');
    const summary = { ...child.summary, updatedAt: new Date().toISOString() };
    await store.records.putChild(summary);
    stored.push('caseload entry');
    return { childId: child.childId, name: child.name, summary };
  } catch (error) {
    throw new StoreChildError(child.childId, stored, error);
  }
}

/** What storing several children did: all stored, or those stored before one failed. */
export interface StoreChildrenResult {
  readonly created: readonly StoredChild[];
  /** The child that failed (its index in the input) and what of it was stored; the rest were not tried. */
  readonly failed?: { readonly index: number; readonly error: StoreChildError };
}

/** Stores children one after another, stopping at the first failure. */
export async function storeChildren(store: OfflineStore, children: readonly BuiltChild[], action: 'create' | 'import'): Promise<StoreChildrenResult> {
  const created: StoredChild[] = [];
  for (const [index, child] of children.entries()) {
    try {
      created.push(await storeChild(store, child, action));
    } catch (error) {
      return { created, failed: { index, error: error instanceof StoreChildError ? error : new StoreChildError(child.childId, [], error) } };
    }
  }
  return { created };
}

/**
 * The id of a child already in `store` that `child` is likely a duplicate of (same name and date
 * of birth: `likely-duplicate.ts`), or undefined. The admin line's `children create` and `import`
 * refuse such a child unless `--confirm-duplicate`, as the HTTP API does unless `confirmDuplicate`.
 */
export async function likelyDuplicateInStore(store: OfflineStore, child: BuiltChild): Promise<string | undefined> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, child.documents[1].update);
  const facts = planOf(doc)?.childFacts() ?? {};
  doc.destroy();
  return likelyDuplicate({ children: () => store.records.children(), read: (name) => readStored(store.log, name) }, facts);
}
