/**
 * `export <childId> [--out plan.json] [--json]`: a child's plan in its plain-JSON form
 * (`exportDoc`), read from the store (SQLite in DATA_DIR, or PostgreSQL at DATABASE_URL) with no
 * server running: every acknowledged edit is in the document log, so the export is current even
 * while servers run on the same store. Without `--out` the plan is written to stdout, ready for
 * `check`, `calendar` or `import`; with it, to the file, and a line (or with `--json` a JSON
 * answer) says what was written. The restricted part is never exported.
 *
 * Exit status: 0 exported, 1 no such child, an unreadable plan or a storage failure, 2 bad usage.
 */
import { writeFile } from 'node:fs/promises';
import { exportDoc } from '../../model/doc-json.ts';
import type { TemplateRegistry } from '../../model/template/registry.ts';
import { isChildId, planDocumentName } from '../../model/wire/index.ts';
import { templates } from '../../templates/index.ts';
import { planOf } from '../plans/child-documents.ts';
import { readStored } from '../storage/documents/stored-document.ts';
import { AdminReply, parseCommandArgs } from './admin-reply.ts';
import { runOnStore, type AdminEnv } from './admin-store.ts';
import type { AdminCommand } from './command.ts';

const USAGE = 'export <childId> [--out plan.json] [--json]';

/** What `makeExportCommand` may be given instead of the defaults (tests). */
export interface ExportCommandOptions {
  /** Where DATA_DIR and DATABASE_URL come from; read when the command runs. Default process.env. */
  readonly env?: AdminEnv;
  readonly registry?: TemplateRegistry;
}

/** Makes the `export` command; the registered one uses the defaults. */
export function makeExportCommand(options: ExportCommandOptions = {}): AdminCommand {
  const env = options.env ?? process.env;
  const registry = options.registry ?? templates;
  return {
    name: 'export',
    summary: "write a child's plan from the store in its plain-JSON form: <childId> [--out plan.json] [--json]",
    async run(args, io) {
      const reply = new AdminReply(io, 'export', USAGE, args);
      const parsed = parseCommandArgs(args, { out: { type: 'string' } }, reply, { min: 1, max: 1, names: 'the child to export (npm run admin -- children list shows their ids)' });
      if (!parsed) return 2;
      const childId = parsed.positionals[0]!;
      const out = parsed.values.out;
      if (out === '') return reply.usage('--out needs a file name');
      return runOnStore(env, reply, 'the export', async (store) => {
        const unknown = (): number => reply.failed('unknown-child', `there is no child "${childId}" in ${store.where}; npm run admin -- children list shows the children`, { childId });
        if (!isChildId(childId)) return unknown();
        const doc = await readStored(store.log, planDocumentName(childId));
        if (!doc) return unknown();
        try {
          const plan = planOf(doc, registry);
          if (!plan) return reply.failed('unreadable-plan', `the plan of child ${childId} cannot be read: its meta is malformed or names templates this version does not have`, { childId });
          const text = JSON.stringify(exportDoc(doc, plan.spec), null, 2);
          if (out === undefined) {
            io.out(text);
            return 0;
          }
          try {
            await writeFile(out, `${text}\n`);
          } catch (error) {
            return reply.failed('write', `${out} cannot be written: ${(error as Error).message}`, { childId, file: out });
          }
          const name = plan.childFacts().name ?? '(no name recorded)';
          return reply.done({ childId, name, file: out, bytes: Buffer.byteLength(text) + 1 }, [`exported the plan of ${name} (child ${childId}) from ${store.where} to ${out}`]);
        } finally {
          doc.destroy();
        }
      });
    },
  };
}

/** `npm run admin -- export ...`. */
export const exportCommand: AdminCommand = makeExportCommand();
