/**
 * The children part of the HTTP API: the caseload a user may see, creating a child from
 * templates (fields created on the server), and a plan's plain-JSON export and import.
 * Access is checked on every call against the grants in server storage.
 */
import type { Hocuspocus } from '@hocuspocus/server';
import { z } from 'zod';
import { exportDoc, importDoc } from '../../model/doc-json.ts';
import { DocMeta } from '../../model/doc-spec.ts';
import { templates } from '../../templates/index.ts';
import { CHILD_ID, NewChildBody, planDocumentName, type ChildReply, type ChildrenReply, type CreatedChildReply } from '../../model/wire/index.ts';
import { buildChildDocuments, newChildId, planOf, readDocument, storeNewDocuments } from '../children/child-documents.ts';
import type { Activity } from '../collab/activity.ts';
import type { Account, Grant, ServerRecords } from '../storage/records/server-records.ts';
import type { DocumentLog } from '../storage/documents/document-log.ts';
import { createRestrictedDoc } from '../../model/restricted.ts';
import { HttpError, readJson, type Router } from './router.ts';
import type { Sessions } from './session.ts';

export interface ChildrenDeps {
  readonly records: ServerRecords;
  readonly log: DocumentLog;
  readonly hocuspocus: Hocuspocus;
  readonly sessions: Sessions;
  readonly activity: Activity;
  /** The storage extension's barrier: resolves when a document's changes are on disk. */
  readonly durable: (name: string) => Promise<void> | undefined;
}

/** The grant a user holds on a child, or 404 (not 403, so ids of others' children are not confirmed). */
export async function requireGrant(records: ServerRecords, account: Account, childId: string, level: 'read' | 'edit'): Promise<Grant> {
  if (!CHILD_ID.test(childId)) throw new HttpError(404, 'not-found', 'There is no such child, or you have no access to them.');
  const grant = await records.grantFor(account.username, childId);
  if (!grant || (level === 'edit' && grant.level !== 'edit')) {
    if (grant) throw new HttpError(403, 'forbidden', 'You can read this plan but not change it.');
    throw new HttpError(404, 'not-found', 'There is no such child, or you have no access to them.');
  }
  return grant;
}

/** Creates a child: documents made from templates, stored durably, the creator granted edit. */
export async function createChild(
  deps: Pick<ChildrenDeps, 'records' | 'log' | 'hocuspocus' | 'activity' | 'durable'>,
  by: Account | 'admin',
  body: NewChildBody,
  childId = newChildId(),
): Promise<string> {
  const username = by === 'admin' ? 'admin' : by.username;
  const { name, pathwayId, ...rest } = body;
  let docs;
  try {
    docs = buildChildDocuments({ childId, pathwayId, details: { name, ...rest }, by: by === 'admin' ? 'Administrator' : by.name });
  } catch (error) {
    throw new HttpError(400, 'invalid-child', `${(error as Error).message}. Known pathways: ${templates.ofKind('pathway').map((p) => p.id).join(', ')}.`);
  }
  await storeNewDocuments(deps.hocuspocus, deps.log, childId, docs, { username, action: 'create' }, deps.durable);
  if (by !== 'admin') await deps.records.grant({ username: by.username, childId, level: 'edit', restricted: true });
  await deps.activity.refreshIndex(childId);
  return childId;
}

export function childrenRoutes(router: Router, deps: ChildrenDeps): void {
  const { records, sessions } = deps;

  router.on('GET', '/api/children', async ({ req }) => {
    const account = await sessions.user(req);
    const grants = await records.grantsOf(account.username);
    const byId = new Map(grants.map((g) => [g.childId, g]));
    const summaries = await records.children(grants.map((g) => g.childId));
    return {
      children: summaries.flatMap((s) => {
        const grant = byId.get(s.childId);
        return grant ? [{ ...s, access: grant.level, restricted: grant.restricted }] : [];
      }),
    } satisfies ChildrenReply;
  });

  router.on('POST', '/api/children', async ({ req, res }) => {
    const account = await sessions.user(req);
    const body = await readJson(req, NewChildBody);
    const childId = await createChild(deps, account, body);
    res.statusCode = 201;
    return { childId, document: planDocumentName(childId), summary: await records.child(childId) } satisfies CreatedChildReply;
  });

  router.on('GET', '/api/children/:id', async ({ req, params }) => {
    const account = await sessions.user(req);
    const grant = await requireGrant(records, account, params.id!, 'read');
    // A child granted but not yet indexed answers its access alone (the index catches up within a second).
    return { ...(await records.child(params.id!)), access: grant.level, restricted: grant.restricted } satisfies Partial<ChildReply>;
  });

  router.on('GET', '/api/children/:id/export', async ({ req, res, params }) => {
    const account = await sessions.user(req);
    await requireGrant(records, account, params.id!, 'read');
    const doc = await readDocument(deps.hocuspocus, deps.log, planDocumentName(params.id!));
    const plan = doc && planOf(doc);
    if (!doc || !plan) throw new HttpError(404, 'not-found', 'This child has no readable plan.');
    res.setHeader('content-disposition', `attachment; filename="plan-${params.id!}.json"`);
    const json = exportDoc(doc, plan.spec);
    doc.destroy();
    return json;
  });

  router.on('POST', '/api/children/import', async ({ req, res }) => {
    const account = await sessions.user(req);
    const data = await readJson(req, z.record(z.string(), z.unknown()));
    const meta = DocMeta.safeParse(data.meta);
    if (!meta.success) throw new HttpError(400, 'invalid-plan', 'This is not an exported plan: its "meta" is missing or malformed.');
    let spec;
    try {
      spec = templates.specFor(meta.data);
    } catch (error) {
      throw new HttpError(400, 'unknown-templates', `The plan was made from templates this server does not have: ${(error as Error).message}`);
    }
    const childId = newChildId();
    const imported = importDoc({ ...data, meta: { ...meta.data, childId } }, spec);
    if (!imported.ok) throw new HttpError(400, 'invalid-plan', `The plan cannot be imported: ${imported.problems.slice(0, 20).join('; ')}.`);
    const restricted = createRestrictedDoc(childId, meta.data.templates, { actor: account.name, now: () => new Date(), newId: () => crypto.randomUUID() });
    await storeNewDocuments(deps.hocuspocus, deps.log, childId, { plan: imported.doc, restricted }, { username: account.username, action: 'import' }, deps.durable);
    await records.grant({ username: account.username, childId, level: 'edit', restricted: true });
    await deps.activity.refreshIndex(childId);
    res.statusCode = 201;
    return { childId, document: planDocumentName(childId), summary: await records.child(childId) } satisfies CreatedChildReply;
  });
}
