/**
 * The children part of the HTTP API: the caseload a user may see, creating a child from
 * templates (fields created on the server), and a plan's plain-JSON export and import, all
 * through the plans service (`plans/plans.ts`). Access is checked on every call against the
 * grants in server storage (`guards.ts`); creating and importing are for the roles allowed to
 * (`plans/child-creators.ts`), and a likely duplicate answers 409 unless `confirmDuplicate: true`.
 */
import { z } from 'zod';
import { NewChildBody, planDocumentName, type ChildReply, type ChildrenReply, type CreatedChildReply } from '../../model/wire/index.ts';
import type { PlanFailure } from '../plans/plans.ts';
import { guard, requireChildCreator, type ApiDeps } from './guards.ts';
import { BODY_LIMITS } from './body-limits.ts';
import { HttpError, readJson, type Router } from './router.ts';

/** HTTP status of each failure of the plans service; any other is 400. */
const STATUS: Partial<Record<PlanFailure['code'], number>> = { 'not-found': 404, 'version-limit': 409, 'hourly-limit': 429, 'likely-duplicate': 409, forbidden: 403 };

/** A failure of the plans service as the HTTP error that answers it. */
export function planError(failure: PlanFailure): HttpError {
  return new HttpError(STATUS[failure.code] ?? 400, failure.code, failure.message);
}

export function childrenRoutes(router: Router, deps: ApiDeps): void {
  const { records, sessions, plans } = deps;

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
    requireChildCreator(account, deps.childCreatorRoles);
    const body = await readJson(req, NewChildBody);
    const created = await plans.create(account, body);
    if (!created.ok) throw planError(created);
    res.statusCode = 201;
    return { childId: created.value, document: planDocumentName(created.value), summary: await records.child(created.value) } satisfies CreatedChildReply;
  });

  router.on('GET', '/api/children/:id', async ({ req, params }) => {
    const { grant } = await guard(deps, req, params.id!, 'read');
    // A child granted but not yet indexed answers its access alone (the index catches up within a second).
    return { ...(await records.child(params.id!)), access: grant.level, restricted: grant.restricted } satisfies Partial<ChildReply>;
  });

  router.on('GET', '/api/children/:id/export', async ({ req, res, params }) => {
    await guard(deps, req, params.id!, 'read');
    const exported = await plans.export(params.id!);
    if (!exported.ok) throw planError(exported);
    res.setHeader('content-disposition', `attachment; filename="plan-${params.id!}.json"`);
    return exported.value;
  });

  router.on('POST', '/api/children/import', async ({ req, res }) => {
    const account = await sessions.user(req);
    requireChildCreator(account, deps.childCreatorRoles);
    const { confirmDuplicate, ...data } = await readJson(req, z.record(z.string(), z.unknown()), BODY_LIMITS.import);
    const imported = await plans.import(account, data, { confirmDuplicate: confirmDuplicate === true });
    if (!imported.ok) throw planError(imported);
    res.statusCode = 201;
    return { childId: imported.value, document: planDocumentName(imported.value), summary: await records.child(imported.value) } satisfies CreatedChildReply;
  });
}
