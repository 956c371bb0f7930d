/**
 * The plans service: creates, imports, exports and versions a child's plan, the one way HTTP,
 * the demo caseload (and the tests' harness) do so. New documents go through the Hocuspocus
 * instance it is given ({@link PlanHost}), so the durable storage extension appends them and the
 * activity extension writes their audit entries like any edit; then the caseload index entry is
 * refreshed through `index`, and the creator is granted edit access.
 *
 * A likely duplicate (`likely-duplicate.ts`: a known child with the same name and date of birth)
 * is refused unless the caller confirms it; creations are made one at a time, so two at once
 * cannot both pass that check. An imported plan is always a new child with an empty restricted
 * document (the restricted part is never copied), and when it is a copy of a child this server
 * knows, the importer's grant on the copy is at most their grant on that child (none: refused).
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
import { deleteNamedVersion, restrictedVersionId } from './version-delete.ts';
import { DerivedCache } from './derived-cache.ts';
import { buildChildDocuments, newChildId, planOf } from './child-documents.ts';
import { duplicateMessage, likelyDuplicate } from './likely-duplicate.ts';
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
  /** A limit of `model/wire/limits.ts` would be passed: `version-limit` (versions of one plan), `hourly-limit` (children made by one person this hour); `likely-duplicate`, `forbidden` (a copy of a child the importer cannot read). */
  readonly code: 'invalid-child' | 'invalid-plan' | 'unknown-templates' | 'not-found' | 'version-limit' | 'hourly-limit' | 'likely-duplicate' | 'forbidden';
  readonly message: string;
}

/** How a creation or an import is asked for. */
export interface NewChildOptions {
  /** The caller knows a child with the same name and date of birth exists, and wants another. */
  readonly confirmDuplicate?: boolean;
}

/** The grant a new child's maker gets: edit with the restricted part unless narrowed (a copy). */
export interface MakerGrant {
  readonly level: 'read' | 'edit';
  readonly restricted: boolean;
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
  /** The creation under way: the next waits for it, so the duplicate check sees every child made before. */
  #making: Promise<unknown> = Promise.resolve();

  constructor(deps: PlansDeps) {
    this.#deps = deps;
    this.#derived = new DerivedCache(deps.host, deps.log);
    this.#versionsPerChild = deps.limits?.versionsPerChild ?? PLAN_LIMITS.versionsPerChild;
    this.#made = new HourlyAllowance(deps.limits?.childrenPerHour ?? PLAN_LIMITS.childrenPerHour, deps.now);
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

  /**
   * Creates a child from the templates of a pathway: documents stored, the creator granted edit,
   * the child indexed. A likely duplicate is refused unless `options.confirmDuplicate`. A person
   * (not the administrator) may make at most `childrenPerHour` children an hour, created and
   * imported together: past it, `hourly-limit`.
   */
  create(by: PlanAuthor, body: NewChildBody, childId = newChildId(), options: NewChildOptions = {}): Promise<PlanResult<string>> {
    return this.#oneAtATime(async () => {
      const { name, pathwayId, confirmDuplicate: _confirm, ...rest } = body;
      let docs;
      try {
        docs = buildChildDocuments({ childId, pathwayId, details: { name, ...rest }, by: by === 'admin' ? 'Administrator' : by.name });
      } catch (error) {
        return fail('invalid-child', `${(error as Error).message}. Known pathways: ${templates.ofKind('pathway').map((p) => p.id).join(', ')}.`);
      }
      const refused = (await this.#duplicateRefusal({ name, dateOfBirth: rest.dateOfBirth }, options.confirmDuplicate ?? body.confirmDuplicate)) ?? this.#takeAllowance(by);
      if (refused) {
        docs.plan.destroy();
        docs.restricted.destroy();
        return refused;
      }
      await this.#storeCounted(by, () => this.store(childId, docs, by, 'create'));
      return { ok: true, value: childId };
    });
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
   * Imports an exported plan as a new child (a new id), with an empty restricted document: the
   * restricted part is never copied. When the plan is a copy of a child this server knows, the
   * importer gets on the copy exactly their grant on that child (no grant there: refused,
   * 'forbidden'); a plan from elsewhere gives them edit. A likely duplicate (a copy always is)
   * is refused unless `options.confirmDuplicate`. Counted with `create` against the hourly allowance.
   */
  import(by: Exclude<PlanAuthor, 'admin'>, data: Record<string, unknown>, options: NewChildOptions = {}): Promise<PlanResult<string>> {
    return this.#oneAtATime(async () => {
      const meta = DocMeta.safeParse(data.meta);
      if (!meta.success) return fail('invalid-plan', 'This is not an exported plan: its "meta" is missing or malformed.');
      let spec;
      try {
        spec = templates.specFor(meta.data);
      } catch (error) {
        return fail('unknown-templates', `The plan was made from templates this server does not have: ${(error as Error).message}`);
      }
      const grant = await this.#grantOnCopy(by.username, meta.data.childId);
      if (!grant) return fail('forbidden', 'This plan is a copy of a child you have no access to on this server, so you cannot import it. Ask someone with access to the child.');
      const childId = newChildId();
      const imported = importDoc({ ...data, meta: { ...meta.data, childId } }, spec);
      if (!imported.ok) return fail('invalid-plan', `The plan cannot be imported: ${imported.problems.slice(0, 20).join('; ')}.`);
      const facts = planOf(imported.doc)?.childFacts() ?? {};
      const refused = (await this.#duplicateRefusal(facts, options.confirmDuplicate)) ?? this.#takeAllowance(by);
      if (refused) {
        imported.doc.destroy();
        return refused;
      }
      const restricted = createRestrictedDoc(childId, meta.data.templates, { actor: by.name, now: () => new Date(), newId: () => crypto.randomUUID() });
      await this.#storeCounted(by, () => this.store(childId, { plan: imported.doc, restricted }, by, 'import', grant));
      return { ok: true, value: childId };
    });
  }

  /** Runs `make` after every creation or import asked for before it. */
  #oneAtATime<T>(make: () => Promise<T>): Promise<T> {
    const run = this.#making.then(make, make);
    this.#making = run.catch(() => undefined);
    return run;
  }

  /** The 'likely-duplicate' failure when a known child has the same name and date of birth and it is not confirmed. */
  async #duplicateRefusal(facts: { readonly name?: string | undefined; readonly dateOfBirth?: string | undefined }, confirmed: boolean | undefined): Promise<PlanFailure | undefined> {
    if (confirmed === true) return undefined;
    const known = { children: () => this.#deps.records.children(), read: (name: string) => this.read(name) };
    if ((await likelyDuplicate(known, facts)) === undefined) return undefined;
    return fail('likely-duplicate', duplicateMessage(facts.name ?? '', facts.dateOfBirth, 'send it again with confirmDuplicate: true'));
  }

  /** The importer's grant on a copy of `sourceId`: their grant there when the server knows that child, edit for a plan from elsewhere; undefined (refuse) when they have none on a known child. */
  async #grantOnCopy(username: string, sourceId: string): Promise<MakerGrant | undefined> {
    const { records } = this.#deps;
    const own = await records.grantFor(username, sourceId);
    if (own) return { level: own.level, restricted: own.restricted };
    const known = (await records.child(sourceId)) !== undefined || (await records.grantsOn(sourceId)).length > 0 || (await this.#deps.log.load(planDocumentName(sourceId))) !== null;
    return known ? undefined : { level: 'edit', restricted: true };
  }

  /**
   * Stores a new child's plan and restricted documents as `action` by `by` (granted `grant`, by
   * default edit with the restricted part, unless it is the administrator or the system), then
   * indexes the child. Rejects when the id is taken.
   */
  async store(childId: string, docs: { readonly plan: Y.Doc; readonly restricted: Y.Doc }, by: PlanAuthor | 'system', action: 'create' | 'import', grant: MakerGrant = { level: 'edit', restricted: true }): Promise<void> {
    const { records, log, host, durable, index } = this.#deps;
    const username = typeof by === 'string' ? by : by.username;
    const named = [
      [planDocumentName(childId), docs.plan],
      [restrictedDocumentName(childId), docs.restricted],
    ] as const;
    await storeNewDocuments(host, log, named, { username, action }, durable);
    if (typeof by !== 'string') await records.grant({ username: by.username, childId, level: grant.level, restricted: grant.restricted });
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
   * Saves a child's plan as it is now (once on disk) as a named version by `username`, and its
   * restricted document beside it (id {@link restrictedVersionId}, stored second: the plan's version
   * is the one counted against the limit; a version whose restricted part was not stored, as a
   * crash between the two would leave, restores the plan alone). Both are saved whoever saves:
   * the restricted part is only ever shown or restored to a person whose grant covers it.
   * `version-limit` when the child already has `versionsPerChild` versions (checked where the
   * version is stored, so parallel saves cannot pass it; a restricted part is not counted).
   */
  async saveVersion(childId: string, name: string, username: string): Promise<PlanResult<NamedVersion>> {
    const document = planDocumentName(childId);
    const restrictedName = restrictedDocumentName(childId);
    const max = this.#versionsPerChild;
    const tooMany = (): PlanFailure =>
      fail('version-limit', `This plan already has ${max} named versions, the most a plan keeps. Ask an administrator to delete versions no longer needed.`);
    // Cheap refusal first: no copy of the plan is encoded for a save that cannot be stored.
    if ((await this.#deps.records.versionsOf(document)).length >= max) return tooMany();
    await Promise.all([this.#deps.durable(document), this.#deps.durable(restrictedName)]);
    const doc = await this.read(document);
    if (!doc || !planOf(doc)) return fail('not-found', 'This child has no readable plan to save a version of.');
    const version: NamedVersion = { id: randomUUID(), document, name, createdAt: new Date().toISOString(), createdBy: username, state: Y.encodeStateAsUpdate(doc) };
    doc.destroy();
    if (!(await this.#deps.records.addVersion(version, max))) return tooMany();
    const restricted = await this.read(restrictedName);
    if (restricted) {
      const state = Y.encodeStateAsUpdate(restricted);
      restricted.destroy();
      await this.#deps.records.addVersion({ ...version, id: restrictedVersionId(version.id), document: restrictedName, state });
    }
    return { ok: true, value: version };
  }

  /** The restricted document's part of the plan version `versionId` of `childId`, or undefined (none saved, e.g. an older version). */
  async restrictedVersion(childId: string, versionId: string): Promise<NamedVersion | undefined> {
    const version = await this.#deps.records.version(restrictedVersionId(versionId));
    return version?.document === restrictedDocumentName(childId) ? version : undefined;
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
   * answered once on disk; with `restrictedState` (the version's restricted part: pass it only
   * for a person whose grant covers it) the restricted document is restored the same way, after
   * the plan, and its result is `restricted`. Rejects with the durable storage extension's
   * WireError (unknown-document) when the child has no plan.
   */
  async restore(childId: string, state: Uint8Array, user: Restorer, restrictedState?: Uint8Array): Promise<RestoreResult & { restricted?: RestoreResult }> {
    const plan = await restoreVersion(this.#deps.host, planDocumentName(childId), state, user, this.#deps.durable);
    if (!plan.ok || restrictedState === undefined) return plan;
    const restricted = await restoreVersion(this.#deps.host, restrictedDocumentName(childId), restrictedState, user, this.#deps.durable, 'restricted');
    return { ...plan, restricted };
  }
}
