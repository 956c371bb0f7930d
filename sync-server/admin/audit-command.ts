/**
 * `audit head [--json]` and `audit verify [--head <seq>:<hash>] [--json]`: the audit hash
 * chain's external anchor (issue 13, left from earlier work). The chain links every entry to the
 * one before it, so changing one entry shows; but someone able to rewrite the store could
 * recompute the whole chain and its head. So the head is published: `audit head` prints it
 * (`<seq>:<hash>`) and every server logs it at each day's change; keep copies elsewhere (another
 * system's log, a ticket, e-mail to the information governance lead). `audit verify` recomputes
 * the chain; with `--head` it also checks that the entry at that seq still has that hash, so a
 * chain rewritten since that copy was taken is found.
 *
 * Exit status: 0 the chain holds (and matches the head given); 1 it does not, or storage failed;
 * 2 bad usage.
 */
import { headText, parseHeadText } from '../plans/audit-head-text.ts';
import { AdminReply, parseCommandArgs } from './admin-reply.ts';
import { runOnStore, type AdminEnv } from './admin-store.ts';
import type { AdminCommand } from './command.ts';

const USAGE = {
  head: 'audit head [--json]',
  verify: 'audit verify [--head <seq>:<hash>] [--json]',
};

/** Makes the `audit` command; `env` supplies DATA_DIR and DATABASE_URL when it runs. */
export function makeAuditCommand(env: AdminEnv = process.env): AdminCommand {
  return {
    name: 'audit',
    summary: 'audit head (print the chain head to keep elsewhere), audit verify [--head <seq>:<hash>]',
    async run(args, io) {
      const [sub, ...rest] = args;
      if (sub === 'head') {
        const reply = new AdminReply(io, 'audit head', USAGE.head, rest);
        if (!parseCommandArgs(rest, {}, reply, { min: 0, max: 0, names: '' })) return 2;
        return runOnStore(env, reply, 'reading the audit chain head', async (store) => {
          const head = await store.records.auditHead();
          return reply.done({ seq: head.seq, hash: head.hash, head: headText(head), at: new Date().toISOString() }, [
            headText(head),
            `the audit chain head of ${store.where}: entry ${head.seq}; keep this line elsewhere, then check the store against it with: npm run admin -- audit verify --head ${headText(head)}`,
          ]);
        });
      }
      if (sub === 'verify') {
        const reply = new AdminReply(io, 'audit verify', USAGE.verify, rest);
        const parsed = parseCommandArgs(rest, { head: { type: 'string' } }, reply, { min: 0, max: 0, names: '' });
        if (!parsed) return 2;
        const anchor = parsed.values.head === undefined ? undefined : parseHeadText(parsed.values.head);
        if (parsed.values.head !== undefined && !anchor) return reply.usage(`--head is <seq>:<hash> as audit head prints it (e.g. 42:${'0'.repeat(64)}), not "${parsed.values.head}"`);
        return runOnStore(env, reply, 'verifying the audit chain', async (store) => {
          const verdict = await store.records.verifyAudit(anchor);
          if (!verdict.ok) return reply.failed('audit-broken', `the audit chain of ${store.where} is broken at entry ${verdict.seq}: ${verdict.reason}`, { seq: verdict.seq, reason: verdict.reason });
          return reply.done({ ok: true, entries: verdict.entries, head: anchor ? headText(anchor) : null }, [
            `the audit chain of ${store.where} holds: ${verdict.entries} entries${anchor ? `, and entry ${anchor.seq} has the hash kept elsewhere` : ''}`,
          ]);
        });
      }
      return new AdminReply(io, 'audit', 'audit head|verify ... (see docs/admin.md)', args).usage(sub === undefined ? 'name what to do: head or verify' : `unknown audit command "${sub}"`);
    },
  };
}

/** `npm run admin -- audit ...`. */
export const auditCommand: AdminCommand = makeAuditCommand();
