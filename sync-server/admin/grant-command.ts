/**
 * `grant <username> <childId> read|edit [--restricted]` and `revoke <username> <childId>`:
 * who may open which child's documents (deny by default; DESIGN decision 3). A grant covers the
 * child's plan, and with `--restricted` also its restricted document (identifying details of
 * prospective adopters and placements). Granting again replaces the grant, so it also narrows
 * access. Every change bumps the access version: running servers re-check open connections
 * within seconds and close those the new grant no longer allows.
 */
import { z } from 'zod';
import { CHILD_ID, planDocumentName } from '../../model/wire/index.ts';
import type { Grant } from '../storage/records/server-records.ts';
import { AdminReply, parseCommandArgs } from './admin-reply.ts';
import { runOnStore, type AdminEnv, type AdminStore } from './admin-store.ts';
import type { AdminCommand } from './command.ts';

const GRANT_USAGE = 'grant <username> <childId> read|edit [--restricted] [--json]';
const REVOKE_USAGE = 'revoke <username> <childId> [--json]';

const ChildIdArg = z.string().regex(CHILD_ID, 'a child id is 1 to 64 letters, digits, - or _ (see: npm run admin -- children list)');
const Level = z.enum(['read', 'edit'], { error: 'the access level is read or edit' });

/** What a grant covers, for messages: `plan and restricted part` or `plan only`. */
export function grantScope(g: Pick<Grant, 'restricted'>): string {
  return g.restricted ? 'plan and restricted part' : 'plan only';
}

/** A grant in brief: `edit (plan only)`. */
export function describeGrant(g: Pick<Grant, 'level' | 'restricted'>): string {
  return `${g.level} (${grantScope(g)})`;
}

/** The child's name from the caseload index, or undefined when there is no such child in the store. */
async function childName(store: AdminStore, childId: string): Promise<string | undefined> {
  const summary = await store.records.child(childId);
  if (summary) return summary.name;
  return (await store.log.load(planDocumentName(childId))) ? '(not in the caseload index)' : undefined;
}

/** Makes `grant` and `revoke`; `env` supplies DATA_DIR and DATABASE_URL when they run. */
export function makeGrantCommands(env: AdminEnv = process.env): { grant: AdminCommand; revoke: AdminCommand } {
  return {
    grant: {
      name: 'grant',
      summary: "give a user read or edit access to a child's plan (--restricted: and its restricted part)",
      async run(args, io) {
        const reply = new AdminReply(io, 'grant', GRANT_USAGE, args);
        const parsed = parseCommandArgs(args, { restricted: { type: 'boolean' } }, reply, { min: 3, max: 3, names: 'the username, the child id and read or edit' });
        if (!parsed) return 2;
        const [username, childIdArg, levelArg] = parsed.positionals as [string, string, string];
        const childId = ChildIdArg.safeParse(childIdArg);
        if (!childId.success) return reply.usage(childId.error.issues[0]!.message);
        const level = Level.safeParse(levelArg);
        if (!level.success) return reply.usage(`${level.error.issues[0]!.message}, not "${levelArg}"`);
        return runOnStore(env, reply, 'granting access', async (store) => {
          const account = await store.records.account(username);
          if (!account) return reply.failed('unknown-user', `there is no account named ${username} (see: npm run admin -- users list)`);
          const name = await childName(store, childId.data);
          if (name === undefined) return reply.failed('unknown-child', `there is no child with id ${childId.data} in ${store.where} (see: npm run admin -- children list)`);
          const before = await store.records.grantFor(username, childId.data);
          const grant: Grant = { username, childId: childId.data, level: level.data, restricted: parsed.values.restricted ?? false };
          await store.records.grant(grant);
          const narrowed = before !== undefined && ((before.level === 'edit' && grant.level === 'read') || (before.restricted && !grant.restricted));
          const lines = [
            before
              ? `changed ${username}'s access to ${name} (${childId.data}): was ${describeGrant(before)}, now ${describeGrant(grant)}`
              : `granted ${username} (${account.name}) ${grant.level} access to ${name} (${childId.data}): ${grantScope(grant)}`,
            ...(narrowed ? ['running servers close the connections this no longer allows within seconds'] : []),
            ...(account.disabled ? [`note: the account ${username} is disabled; the grant applies once it is enabled`] : []),
          ];
          return reply.done({ grant, previous: before ?? null, child: { childId: childId.data, name } }, lines);
        });
      },
    },
    revoke: {
      name: 'revoke',
      summary: "take away a user's access to a child (open connections close within seconds)",
      async run(args, io) {
        const reply = new AdminReply(io, 'revoke', REVOKE_USAGE, args);
        const parsed = parseCommandArgs(args, {}, reply, { min: 2, max: 2, names: 'the username and the child id' });
        if (!parsed) return 2;
        const [username, childIdArg] = parsed.positionals as [string, string];
        const childId = ChildIdArg.safeParse(childIdArg);
        if (!childId.success) return reply.usage(childId.error.issues[0]!.message);
        return runOnStore(env, reply, 'revoking access', async (store) => {
          const before = await store.records.grantFor(username, childId.data);
          if (!before || !(await store.records.revoke(username, childId.data))) {
            const known = await store.records.account(username);
            return reply.failed(
              known ? 'no-grant' : 'unknown-user',
              known ? `${username} has no access to child ${childId.data}; nothing changed` : `there is no account named ${username} (see: npm run admin -- users list)`,
            );
          }
          return reply.done({ revoked: before }, [
            `revoked ${username}'s access to child ${childId.data}: was ${describeGrant(before)}`,
            'running servers close their open connections to this child within seconds',
          ]);
        });
      },
    },
  };
}

const commands = makeGrantCommands();
/** `npm run admin -- grant <username> <childId> read|edit [--restricted]`. */
export const grantCommand: AdminCommand = commands.grant;
/** `npm run admin -- revoke <username> <childId>`. */
export const revokeCommand: AdminCommand = commands.revoke;
