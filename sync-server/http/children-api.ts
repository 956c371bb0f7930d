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

/**
 * Refuses, with 409 `child-exists`, the import of a plan whose child is already in the store,
 * unless the request asks for a copy (`?copy=true`): then it is imported as a new child with a new
 * id, as every HTTP import is. Mirrors `npm run admin -- import [--copy]`. Any other `copy` value is
 * bad input (400), so a typo never makes a copy.
 */
export async function refuseDuplicateImport(plans: Pick<ApiDeps['plans'], 'existingChildOf'>, data: Record<string, unknown>, query: URLSearchParams): Promise<void> {
  const copy = query.get('copy');
  if (copy !== null && copy !== 'true' && copy !== 'false') throw new HttpError(400, 'invalid-query', `The query is not right: copy must be true or false (got "${copy}").`);
  if (copy === 'true') return;
  const existing = await plans.existingChildOf(data);
  if (existing === undefined) return;
  throw new HttpError(
    409,
    'child-exists',
    `This plan is of child ${existing}, who is already on the board; nothing was imported. To import it as a new child with a new id, send it again with ?copy=true.`,
  );
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

  router.on('POST', '/api/children/import', async ({ req, res, query }) => {
    const account = await sessions.user(req);
    requireChildCreator(account, deps.childCreatorRoles);
    const { confirmDuplicate, ...data } = await readJson(req, z.record(z.string(), z.unknown()), BODY_LIMITS.import);
    await refuseDuplicateImport(plans, data, query);
    // Asking for a copy of a child on the board is asking for a likely duplicate.
    const imported = await plans.import(account, data, { confirmDuplicate: confirmDuplicate === true || query.get('copy') === 'true' });
    if (!imported.ok) throw planError(imported);
    res.statusCode = 201;
    return { childId: imported.value, document: planDocumentName(imported.value), summary: await records.child(imported.value) } satisfies CreatedChildReply;
  });
}
