/**
 * `versions list <childId>` and `versions delete <childId> <versionId>`: the named versions of a
 * child's plan, and deleting one. A plan keeps at most `VERSIONS_PER_CHILD` versions (default
 * 200, `docs/limits.md`) and each holds a whole copy of the plan, so an administrator removes
 * those no longer needed. Deleting is audited (action `delete-version`, user `admin`, part
 * `version <id>`, the bytes freed) through the same function as the HTTP API
 * (`plans/version-delete.ts`); the child's history shows it.
 */
import { z } from 'zod';
import { CHILD_ID, planDocumentName } from '../../model/wire/index.ts';
import { ADMIN_USERNAME } from '../plans/new-children.ts';
import { deleteNamedVersion } from '../plans/version-delete.ts';
import { AdminReply, parseCommandArgs, plural } from './admin-reply.ts';
import { runOnStore, type AdminEnv } from './admin-store.ts';
import type { AdminCommand } from './command.ts';

const USAGE = 'versions list <childId> | versions delete <childId> <versionId> [--json]';
const ChildIdArg = z.string().regex(CHILD_ID, 'a child id is 1 to 64 letters, digits, - or _ (see: npm run admin -- children list)');

/** Makes `versions`; `env` supplies DATA_DIR and DATABASE_URL when it runs. */
export function makeVersionsCommand(env: AdminEnv = process.env): AdminCommand {
  return {
    name: 'versions',
    summary: "list a child's named versions, or delete one (audited): list <childId> | delete <childId> <versionId>",
    async run(args, io) {
      const reply = new AdminReply(io, 'versions', USAGE, args);
      const parsed = parseCommandArgs(args, {}, reply, { min: 2, max: 3, names: 'list or delete, the child id (and the version id to delete)' });
      if (!parsed) return 2;
      const [action, childIdArg, versionId] = parsed.positionals as [string, string, string | undefined];
      const childId = ChildIdArg.safeParse(childIdArg);
      if (!childId.success) return reply.usage(childId.error.issues[0]!.message);
      if (action === 'list') {
        if (versionId !== undefined) return reply.usage('versions list takes only the child id');
        return runOnStore(env, reply, 'listing versions', async (store) => {
          const versions = await store.records.versionsOf(planDocumentName(childId.data));
          return reply.done({ childId: childId.data, versions }, [
            `${plural(versions.length, 'named version')} of child ${childId.data}`,
            ...versions.map((v) => `  ${v.id}  ${v.createdAt}  by ${v.createdBy}  ${v.name}`),
          ]);
        });
      }
      if (action !== 'delete') return reply.usage(`the first argument is list or delete, not "${action}"`);
      if (versionId === undefined) return reply.usage('name the version to delete (see: npm run admin -- versions list <childId>)');
      return runOnStore(env, reply, 'deleting the version', async (store) => {
        const deleted = await deleteNamedVersion(store.records, childId.data, versionId, ADMIN_USERNAME);
        if (!deleted.ok) return reply.failed('not-found', `child ${childId.data} has no version ${versionId} (see: npm run admin -- versions list ${childId.data})`);
        const v = deleted.value;
        return reply.done({ deleted: v }, [`deleted version ${v.id} "${v.name}" of child ${childId.data} (${plural(v.bytes, 'byte')} freed); the audit log records it`]);
      });
    },
  };
}

export const versionsCommand: AdminCommand = makeVersionsCommand();
