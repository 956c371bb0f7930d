/**
 * Deleting a named version of a child's plan: an administrator's decision (a plan's versions are
 * limited, `PLAN_LIMITS.versionsPerChild`, and each holds a whole copy of the plan), made over
 * HTTP (`DELETE /api/children/:id/versions/:vid`) or the admin command line (`versions delete`),
 * both through this one function, and audited: action `delete-version` on the plan's document,
 * part `version <id>`, the bytes freed, and who.
 */
import { planDocumentName } from '../../model/wire/index.ts';
import type { DeletedVersion, ServerRecords } from '../storage/records/server-records.ts';

/** The id of the restricted document's version saved with plan version `versionId`. */
export function restrictedVersionId(versionId: string): string {
  return `${versionId}.restricted`;
}

/** The version deleted, or why nothing was: the child's plan has no such version. */
export type VersionDeleteResult = { readonly ok: true; readonly value: DeletedVersion } | { readonly ok: false; readonly code: 'not-found'; readonly message: string };

/**
 * Deletes version `versionId` of child `childId`'s plan and appends its audit entry naming
 * `username`. The version is checked to belong to that child's plan, so an id of another child's
 * version is `not-found`. Rejects on a storage failure (a failure to audit after the delete is
 * then the rejection: the caller reports it).
 */
export async function deleteNamedVersion(records: ServerRecords, childId: string, versionId: string, username: string): Promise<VersionDeleteResult> {
  const document = planDocumentName(childId);
  const notFound = (message: string): VersionDeleteResult => ({ ok: false, code: 'not-found', message });
  const found = versionId.length <= 128 ? await records.version(versionId) : undefined;
  if (found?.document !== document) return notFound(`Child ${childId} has no version ${versionId}. List them with GET /api/children/:id/versions.`);
  const deleted = await records.deleteVersion(versionId);
  if (!deleted) return notFound(`Child ${childId} has no version ${versionId}: it was deleted just now.`);
  // Its restricted part goes with it (saved beside it by `saveVersion`; absent in older versions).
  await records.deleteVersion(restrictedVersionId(versionId));
  await records.appendAudit([{ at: new Date().toISOString(), username, document, parts: [`version ${deleted.id}`], bytes: deleted.bytes, action: 'delete-version' }]);
  return { ok: true, value: deleted };
}
