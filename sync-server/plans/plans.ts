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
import { PLAN_LIMITS, planDocumentName, restrictedDocumentName, type NewChildBody, type PlanLimits } from '../../model/wire/index.ts';
import { templates } from '../../templates/index.ts';
import type { DocumentLog } from '../storage/documents/document-log.ts';
import type { DeletedVersion, NamedVersion, ServerRecords } from '../storage/records/server-records.ts';
import { HourlyAllowance } from './hourly-allowance.ts';
import { deleteNamedVersion } from './version-delete.ts';
import { DerivedCache } from './derived-cache.ts';
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
  /** The limits on versions and on children made per person (`model/wire/limits.ts`); defaults `PLAN_LIMITS`. */
  readonly limits?: Pick<PlanLimits, 'versionsPerChild' | 'childrenPerHour'>;
  /** The clock of the hourly allowance, in ms (tests). */
  readonly now?: () => number;
}

/** Who makes a plan: a signed-in account, or the server's own administrator (no grant given). */
export type PlanAuthor = { readonly username: string; readonly name: string } | 'admin';

/** Why the service could not do what was asked, with a message a person can act on. */
export interface PlanFailure {
  readonly ok: false;
  /** A limit of `model/wire/limits.ts` would be passed: `version-limit` (versions of one plan), `hourly-limit` (children made by one person this hour). */
  readonly code: 'invalid-child' | 'invalid-plan' | 'unknown-templates' | 'not-found' | 'version-limit' | 'hourly-limit';
  readonly message: string;
}

export type PlanResult<T> = { readonly ok: true; readonly value: T } | PlanFailure;

function minutes(n: number): string {
  return n === 1 ? '1 minute' : `${n} minutes`;
}

function fail(code: PlanFailure['code'], message: string): PlanFailure {
  return { ok: false, code, message };
}

export class Plans {
  readonly #deps: PlansDeps;
  readonly #versionsPerChild: number;
  readonly #made: HourlyAllowance;
  readonly #derived: DerivedCache;

  constructor(deps: PlansDeps) {
    this.#deps = deps;
    this.#derived = new DerivedCache(deps.host, deps.log);
    this.#versionsPerChild = deps.limits?.versionsPerChild ?? PLAN_LIMITS.versionsPerChild;
    this.#made = new HourlyAllowance(deps.limits?.childrenPerHour ?? PLAN_LIMITS.childrenPerHour, deps.now);
  }

  /**
   * Creates a child from the templates of a pathway: documents stored, the creator granted edit,
   * the child indexed. A person (not the administrator) may make at most `childrenPerHour`
   * children an hour, created and imported together: past it, `hourly-limit`.
   */
  async create(by: PlanAuthor, body: NewChildBody, childId = newChildId()): Promise<PlanResult<string>> {
    const { name, pathwayId, ...rest } = body;
    let docs;
    try {
      docs = buildChildDocuments({ childId, pathwayId, details: { name, ...rest }, by: by === 'admin' ? 'Administrator' : by.name });
    } catch (error) {
      return fail('invalid-child', `${(error as Error).message}. Known pathways: ${templates.ofKind('pathway').map((p) => p.id).join(', ')}.`);
    }
    const refused = this.#takeAllowance(by);
    if (refused) {
      docs.plan.destroy();
      docs.restricted.destroy();
      return refused;
    }
    await this.#storeCounted(by, () => this.store(childId, docs, by, 'create'));
    return { ok: true, value: childId };
  }

  /** Imports an exported plan as a new child (a new id), with an empty restricted document; counted with `create`. */
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
    const refused = this.#takeAllowance(by);
    if (refused) {
      imported.doc.destroy();
      return refused;
    }
    const restricted = createRestrictedDoc(childId, meta.data.templates, { actor: by.name, now: () => new Date(), newId: () => crypto.randomUUID() });
    await this.#storeCounted(by, () => this.store(childId, { plan: imported.doc, restricted }, by, 'import'));
    return { ok: true, value: childId };
  }

  /** Counts a child made by `by` against the hourly allowance; a failure when it is used up. */
  #takeAllowance(by: PlanAuthor): PlanFailure | undefined {
    if (by === 'admin' || this.#made.take(by.username)) return undefined;
    return fail(
      'hourly-limit',
      `You have made ${this.#made.perHour} children in the last hour, the most one person may; try again in ${minutes(this.#made.minutesUntilFree(by.username))}, or ask an administrator.`,
    );
  }

  /** Stores through `store`; a child that was not stored is not counted. */
  async #storeCounted(by: PlanAuthor, store: () => Promise<void>): Promise<void> {
    try {
      await store();
    } catch (error) {
      if (by !== 'admin') this.#made.giveBack(by.username);
      throw error;
    }
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

  /**
   * `compute` of document `name` as it is now, kept per document state (`derived-cache.ts`): the
   * calendar feeds use it, so one large plan costs its derivation once per change, not per fetch.
   * `compute` only reads the document it is given (it may be the live one). Undefined when there
   * is no such document.
   */
  derive<T>(kind: string, name: string, variant: string, compute: (doc: Y.Doc) => T): Promise<T | undefined> {
    return this.#derived.derive(kind, name, variant, compute);
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

  /**
   * Saves a child's plan as it is now (once on disk) as a named version by `username`; `version-limit`
   * when the child already has `versionsPerChild` versions (checked where the version is stored,
   * so parallel saves cannot pass it).
   */
  async saveVersion(childId: string, name: string, username: string): Promise<PlanResult<NamedVersion>> {
    const document = planDocumentName(childId);
    const max = this.#versionsPerChild;
    const tooMany = (): PlanFailure =>
      fail('version-limit', `This plan already has ${max} named versions, the most a plan keeps. Ask an administrator to delete versions no longer needed.`);
    // Cheap refusal first: no copy of the plan is encoded for a save that cannot be stored.
    if ((await this.#deps.records.versionsOf(document)).length >= max) return tooMany();
    await this.#deps.durable(document);
    const doc = await this.read(document);
    if (!doc || !planOf(doc)) return fail('not-found', 'This child has no readable plan to save a version of.');
    const version: NamedVersion = { id: randomUUID(), document, name, createdAt: new Date().toISOString(), createdBy: username, state: Y.encodeStateAsUpdate(doc) };
    doc.destroy();
    if (!(await this.#deps.records.addVersion(version, max))) return tooMany();
    return { ok: true, value: version };
  }

  /**
   * Deletes the named version `versionId` of child `childId`'s plan, for an administrator
   * `username`, audited (`version-delete.ts`). `not-found` when the child's plan has no such version.
   */
  deleteVersion(childId: string, versionId: string, username: string): Promise<PlanResult<DeletedVersion>> {
    return deleteNamedVersion(this.#deps.records, childId, versionId, username);
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
