/**
 * The plans service: creates, imports, exports and versions a child's plan, the one way HTTP,
 * the demo caseload (and the tests' harness) do so. New documents go through the Hocuspocus
 * instance it is given ({@link PlanHost}), so the durable storage extension appends them and the
 * activity extension writes their audit entries like any edit; then the caseload index entry is
 * refreshed through `index`, and the creator is granted edit access.
 *
 * Expected failures (an unknown pathway, a file that is not a plan, templates this server does
 * not have, no such plan) are values ({@link PlanFailure}); a storage failure rejects.
 */
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { exportDoc, importDoc, type DocJson } from '../../model/doc-json.ts';
import { DocMeta } from '../../model/doc-spec.ts';
import { createRestrictedDoc } from '../../model/restricted.ts';
import { planDocumentName, restrictedDocumentName, type NewChildBody } from '../../model/wire/index.ts';
import { templates } from '../../templates/index.ts';
import type { DocumentLog } from '../storage/documents/document-log.ts';
import type { NamedVersion, ServerRecords } from '../storage/records/server-records.ts';
import { buildChildDocuments, newChildId, planOf } from './child-documents.ts';
import { readDocument, storeNewDocuments, type Durable, type PlanHost } from './plan-host.ts';
import { restoreVersion, type Restorer, type RestoreResult } from './version-restore.ts';

/** What the service works with. */
export interface PlansDeps {
  readonly records: ServerRecords;
  readonly log: DocumentLog;
  readonly host: PlanHost;
  readonly durable: Durable;
  /** Recomputes a child's caseload index entry (the activity extension does). */
  readonly index: { refreshIndex(childId: string): Promise<void> };
}

/** Who makes a plan: a signed-in account, or the server's own administrator (no grant given). */
export type PlanAuthor = { readonly username: string; readonly name: string } | 'admin';

/** Why the service could not do what was asked, with a message a person can act on. */
export interface PlanFailure {
  readonly ok: false;
  readonly code: 'invalid-child' | 'invalid-plan' | 'unknown-templates' | 'not-found';
  readonly message: string;
}

export type PlanResult<T> = { readonly ok: true; readonly value: T } | PlanFailure;

function fail(code: PlanFailure['code'], message: string): PlanFailure {
  return { ok: false, code, message };
}

export class Plans {
  readonly #deps: PlansDeps;

  constructor(deps: PlansDeps) {
    this.#deps = deps;
  }

  /** Creates a child from the templates of a pathway: documents stored, the creator granted edit, the child indexed. */
  async create(by: PlanAuthor, body: NewChildBody, childId = newChildId()): Promise<PlanResult<string>> {
    const { name, pathwayId, ...rest } = body;
    let docs;
    try {
      docs = buildChildDocuments({ childId, pathwayId, details: { name, ...rest }, by: by === 'admin' ? 'Administrator' : by.name });
    } catch (error) {
      return fail('invalid-child', `${(error as Error).message}. Known pathways: ${templates.ofKind('pathway').map((p) => p.id).join(', ')}.`);
    }
    await this.store(childId, docs, by, 'create');
    return { ok: true, value: childId };
  }

  /**
   * The child an exported plan was exported from (its `meta.childId`), when that child is in the
   * store: its plan, its restricted document or its caseload entry. Undefined otherwise, and for
   * data that names no child id. Importing it again would make a second child of the same
   * person, so the import routes refuse unless a copy is asked for.
   */
  async existingChildOf(data: Record<string, unknown>): Promise<string | undefined> {
    const meta = DocMeta.safeParse(data.meta);
    if (!meta.success) return undefined;
    const childId = meta.data.childId;
    const { log, records } = this.#deps;
    if ((await log.load(planDocumentName(childId))) || (await log.load(restrictedDocumentName(childId))) || (await records.child(childId))) return childId;
    return undefined;
  }

  /** Imports an exported plan as a new child (a new id), with an empty restricted document. */
  async import(by: Exclude<PlanAuthor, 'admin'>, data: Record<string, unknown>): Promise<PlanResult<string>> {
    const meta = DocMeta.safeParse(data.meta);
    if (!meta.success) return fail('invalid-plan', 'This is not an exported plan: its "meta" is missing or malformed.');
    let spec;
    try {
      spec = templates.specFor(meta.data);
    } catch (error) {
      return fail('unknown-templates', `The plan was made from templates this server does not have: ${(error as Error).message}`);
    }
    const childId = newChildId();
    const imported = importDoc({ ...data, meta: { ...meta.data, childId } }, spec);
    if (!imported.ok) return fail('invalid-plan', `The plan cannot be imported: ${imported.problems.slice(0, 20).join('; ')}.`);
    const restricted = createRestrictedDoc(childId, meta.data.templates, { actor: by.name, now: () => new Date(), newId: () => crypto.randomUUID() });
    await this.store(childId, { plan: imported.doc, restricted }, by, 'import');
    return { ok: true, value: childId };
  }

  /**
   * Stores a new child's plan and restricted documents as `action` by `by` (granted edit with the
   * restricted part unless it is the administrator), then indexes the child. Rejects when the id is taken.
   */
  async store(childId: string, docs: { readonly plan: Y.Doc; readonly restricted: Y.Doc }, by: PlanAuthor | 'system', action: 'create' | 'import'): Promise<void> {
    const { records, log, host, durable, index } = this.#deps;
    const username = typeof by === 'string' ? by : by.username;
    const named = [
      [planDocumentName(childId), docs.plan],
      [restrictedDocumentName(childId), docs.restricted],
    ] as const;
    await storeNewDocuments(host, log, named, { username, action }, durable);
    if (typeof by !== 'string') await records.grant({ username: by.username, childId, level: 'edit', restricted: true });
    await index.refreshIndex(childId);
  }

  /** A copy of one of a child's documents (loaded or stored), for reading; undefined when there is none. */
  read(name: string): Promise<Y.Doc | undefined> {
    return readDocument(this.#deps.host, this.#deps.log, name);
  }

  /** A child's plan in its plain-JSON form. */
  async export(childId: string): Promise<PlanResult<DocJson>> {
    const doc = await this.read(planDocumentName(childId));
    const plan = doc && planOf(doc);
    if (!doc || !plan) return fail('not-found', 'This child has no readable plan.');
    const json = exportDoc(doc, plan.spec);
    doc.destroy();
    return { ok: true, value: json };
  }

  /** Saves a child's plan as it is now (once on disk) as a named version by `username`. */
  async saveVersion(childId: string, name: string, username: string): Promise<PlanResult<NamedVersion>> {
    const document = planDocumentName(childId);
    await this.#deps.durable(document);
    const doc = await this.read(document);
    if (!doc || !planOf(doc)) return fail('not-found', 'This child has no readable plan to save a version of.');
    const version: NamedVersion = { id: randomUUID(), document, name, createdAt: new Date().toISOString(), createdBy: username, state: Y.encodeStateAsUpdate(doc) };
    doc.destroy();
    await this.#deps.records.addVersion(version);
    return { ok: true, value: version };
  }

  /**
   * Restores a version of a child's plan as a new change by `user` (`version-restore.ts`),
   * answered once on disk. Rejects with the durable storage extension's WireError
   * (unknown-document) when the child has no plan.
   */
  restore(childId: string, state: Uint8Array, user: Restorer): Promise<RestoreResult> {
    return restoreVersion(this.#deps.host, planDocumentName(childId), state, user, this.#deps.durable);
  }
}
