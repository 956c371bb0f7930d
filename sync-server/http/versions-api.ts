/**
 * Named versions of a child's plan over HTTP: save the plan as it is now under a name (for
 * example "PPM 2026-11-03, minutes agreed"), list them, read one in its plain-JSON form, print
 * its minutes, and restore one as a new change that keeps the history (`version-restore.ts`).
 * A version holds the plan and, beside it, the restricted document (`plans.ts` `saveVersion`):
 * only a person whose grant covers the restricted part sees it in a version (`restricted` of
 * the reply) or restores it; for anyone else a restore restores the plan alone. Saving and
 * restoring need edit access, reading needs read access, deleting one (audited, with its
 * restricted part) is for administrators only. A plan keeps at most `versionsPerChild` versions
 * (409 `version-limit`).
 */
import * as Y from 'yjs';
import { exportDoc } from '../../model/doc-json.ts';
import { templates } from '../../templates/index.ts';
import { CLOSE, WireError } from '../collab/wire-error.ts';
import {
  NewVersionBody,
  planDocumentName,
  type CreatedVersionReply,
  type DeletedVersionReply,
  type Person,
  type RestoreReply,
  type VersionReply,
  type VersionsReply,
  type VersionSummary,
} from '../../model/wire/index.ts';
import { planOf } from '../plans/child-documents.ts';
import type { NamedVersion, ServerRecords } from '../storage/records/server-records.ts';
import { planError } from './children-api.ts';
import { guard, guardAdmin, type ApiDeps } from './guards.ts';
import { peopleLookup, personOf } from './history-api.ts';
import { renderMinutes } from './minutes-page.ts';
import { HttpError, readJson, type Router } from './router.ts';
import { restrictedOpened, type RestoreResult } from '../plans/version-restore.ts';

/** Most versions' minutes pages kept laid out. */
const MAX_MINUTES_PAGES = 100;

function summary(v: Omit<NamedVersion, 'state'>, createdBy: Person): VersionSummary {
  return { id: v.id, name: v.name, createdAt: v.createdAt, createdBy };
}

/** The version `vid` of child `childId`'s plan, or 404 (also for a version of another child). */
export async function versionOf(records: ServerRecords, childId: string, vid: string): Promise<NamedVersion> {
  const version = vid.length <= 128 ? await records.version(vid) : undefined;
  if (!version || version.document !== planDocumentName(childId)) {
    throw new HttpError(404, 'not-found', 'There is no such version of this plan. List them with GET /api/children/:id/versions.');
  }
  return version;
}

/** The version's state as a plan document, or 409 when this server cannot read it. */
function versionPlan(version: NamedVersion): NonNullable<ReturnType<typeof planOf>> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, version.state);
  const plan = planOf(doc);
  if (!plan) throw new HttpError(409, 'unreadable-version', 'This version was made from templates this server does not have, so it cannot be shown.');
  return plan;
}

/** A restricted version's content in plain-JSON form, or undefined when this server cannot read it. */
function restrictedJson(version: NamedVersion): Record<string, unknown> | undefined {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, version.state);
    const opened = restrictedOpened(doc);
    return opened && exportDoc(doc, opened.spec);
  } finally {
    doc.destroy();
  }
}

/**
 * Registers the named-version routes: save (edit), list, view, minutes (read) and restore (edit)
 * under `/api/children/:id/versions`.
 */
export function versionsRoutes(router: Router, deps: ApiDeps): void {
  const { records, plans } = deps;
  // A version never changes, so its minutes are laid out once (per version id; the page says
  // when): a large plan's minutes fetched again cost no main-thread time. Least recently used dropped.
  const minutesPages = new Map<string, Promise<ReturnType<typeof renderMinutes>>>();

  router.on('POST', '/api/children/:id/versions', async ({ req, res, params }) => {
    const { account } = await guard(deps, req, params.id!, 'edit');
    const body = await readJson(req, NewVersionBody);
    const saved = await plans.saveVersion(params.id!, body.name, account.username);
    if (!saved.ok) throw planError(saved);
    const version = saved.value;
    res.statusCode = 201;
    return { version: summary(version, personOf(account)) } satisfies CreatedVersionReply;
  });

  router.on('GET', '/api/children/:id/versions', async ({ req, params }) => {
    await guard(deps, req, params.id!, 'read');
    const person = peopleLookup(records);
    const versions = await records.versionsOf(planDocumentName(params.id!));
    return { versions: await Promise.all(versions.map(async (v) => summary(v, await person(v.createdBy)))) } satisfies VersionsReply;
  });

  router.on('GET', '/api/children/:id/versions/:vid', async ({ req, params }) => {
    const { grant } = await guard(deps, req, params.id!, 'read');
    const version = await versionOf(records, params.id!, params.vid!);
    const plan = versionPlan(version);
    const json = exportDoc(plan.doc, plan.spec);
    plan.doc.destroy();
    const restrictedPart = grant.restricted ? await plans.restrictedVersion(params.id!, version.id) : undefined;
    const restricted = restrictedPart && restrictedJson(restrictedPart);
    return { version: summary(version, await peopleLookup(records)(version.createdBy)), plan: json, ...(restricted ? { restricted } : {}) } satisfies VersionReply;
  });

  router.on('GET', '/api/children/:id/versions/:vid/minutes', async ({ req, res, params }) => {
    await guard(deps, req, params.id!, 'read');
    const version = await versionOf(records, params.id!, params.vid!);
    let laidOut = minutesPages.get(version.id);
    if (laidOut) minutesPages.delete(version.id);
    else {
      laidOut = (async () => {
        const plan = versionPlan(version);
        try {
          const ref = plan.meta()?.templates.find((t) => t.kind === 'ppm');
          const form = ref ? templates.get(ref.id, ref.version) : undefined;
          if (form?.kind !== 'ppm') throw new HttpError(409, 'unreadable-version', 'This version names a PPM template this server does not have, so its minutes cannot be laid out.');
          return renderMinutes({ plan, form, version: { name: version.name, createdAt: version.createdAt }, createdBy: await peopleLookup(records)(version.createdBy), generatedAt: new Date(), writers: new Map((await records.accounts()).map((a) => [a.username, a.name])) });
        } finally {
          plan.doc.destroy();
        }
      })();
      const made = laidOut;
      made.catch(() => minutesPages.get(version.id) === made && minutesPages.delete(version.id));
    }
    minutesPages.set(version.id, laidOut);
    while (minutesPages.size > MAX_MINUTES_PAGES) minutesPages.delete(minutesPages.keys().next().value!);
    const page = await laidOut;
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': page.contentSecurityPolicy,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    res.end(page.html);
    return undefined;
  });

  router.on('DELETE', '/api/children/:id/versions/:vid', async ({ req, params }) => {
    const account = await guardAdmin(deps, req);
    const deleted = await plans.deleteVersion(params.id!, params.vid!, account.username);
    if (!deleted.ok) throw planError(deleted);
    const { id, name, createdAt, createdBy, bytes } = deleted.value;
    return { deleted: { id, name, createdAt, createdBy, bytes }, message: `The version "${name}" is deleted; the audit log records that ${account.username} deleted it.` } satisfies DeletedVersionReply;
  });

  router.on('POST', '/api/children/:id/versions/:vid/restore', async ({ req, params }) => {
    const { account, grant } = await guard(deps, req, params.id!, 'edit');
    const version = await versionOf(records, params.id!, params.vid!);
    // The restricted part only for a person whose grant covers it: anyone else restores the plan alone.
    const restrictedPart = grant.restricted ? await plans.restrictedVersion(params.id!, version.id) : undefined;
    let result: RestoreResult & { restricted?: RestoreResult };
    try {
      result = await plans.restore(params.id!, version.state, { username: account.username, name: account.name }, restrictedPart?.state);
    } catch (error) {
      // Loading the plan (DurableDocuments.onLoadDocument) refuses a document that was never stored.
      if (error instanceof WireError && error.code === CLOSE.unknownDocument.code) throw new HttpError(404, 'not-found', 'This child has no plan to restore into.');
      throw error;
    }
    if (!result.ok) throw new HttpError(409, 'cannot-restore', result.reason);
    if (result.restricted && !result.restricted.ok) throw new HttpError(409, 'cannot-restore', `The plan was restored, but not its restricted part: ${result.restricted.reason}`);
    return {
      ...(result.restricted?.ok ? { restricted: { changed: result.restricted.changed, bytes: result.restricted.bytes } } : {}),
      restored: summary(version, await peopleLookup(records)(version.createdBy)),
      changed: result.changed,
      bytes: result.bytes,
      message: result.changed ? `The plan now holds the content of "${version.name}"; the change is saved and in its history.` : `The plan already held the content of "${version.name}"; nothing changed.`,
    } satisfies RestoreReply;
  });
}
