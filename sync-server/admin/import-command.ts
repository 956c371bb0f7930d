/**
 * `import <plan.json> [--copy] [--json]`: the inverse of `export`. The plan in the file is stored
 * as its child, under the child id its `meta.childId` names, the way `children create` stores a
 * new child (`storeChild` of `../plans/new-children.ts`: restricted document, plan, audit entries
 * by `admin` with action `import`, caseload entry), with a new empty restricted document, as an
 * export holds only the plan. No server needs to run.
 *
 * A plan whose child is already in the store (its plan, its restricted document or its caseload
 * entry) is refused, and nothing is stored, unless `--copy` is given: then the plan is stored as
 * a new child with a new id, equal to the file but for the id. Nobody has access to an imported
 * child until `grant` gives it.
 *
 * Exit status: 0 imported; 1 the file is not a plan this server can import, the child exists
 * (without `--copy`), or storage failed; 2 bad usage or no such file.
 */
import { localToday } from '../../model/calendar/day.ts';
import type { TemplateRegistry } from '../../model/template/registry.ts';
import { planDocumentName, restrictedDocumentName } from '../../model/wire/index.ts';
import { templates } from '../../templates/index.ts';
import { newChildId } from '../plans/child-documents.ts';
import { duplicateMessage } from '../plans/likely-duplicate.ts';
import { buildImportedChild, likelyDuplicateInStore, StoreChildError, storeChild } from '../plans/new-children.ts';
import { AdminReply, parseCommandArgs } from './admin-reply.ts';
import { runOnStore, type AdminEnv, type AdminStore } from './admin-store.ts';
import type { AdminCommand } from './command.ts';
import { readPlanJson } from './plan-file.ts';

const USAGE = 'import <plan.json> [--copy] [--confirm-duplicate] [--json]';

/** What `makeImportCommand` may be given instead of the defaults (tests). */
export interface ImportCommandOptions {
  /** Where DATA_DIR and DATABASE_URL come from; read when the command runs. Default process.env. */
  readonly env?: AdminEnv;
  readonly registry?: TemplateRegistry;
  /** Today as YYYY-MM-DD, for the caseload entry's rating; default this machine's local date. */
  readonly today?: () => string;
}

/** What of a child is in the store already: its documents and its caseload entry. */
async function presentParts(store: AdminStore, childId: string): Promise<string[]> {
  const parts: string[] = [];
  if (await store.log.load(planDocumentName(childId))) parts.push('plan');
  if (await store.log.load(restrictedDocumentName(childId))) parts.push('restricted document');
  if (await store.records.child(childId)) parts.push('caseload entry');
  return parts;
}

/** Makes the `import` command; the registered one uses the defaults. */
export function makeImportCommand(options: ImportCommandOptions = {}): AdminCommand {
  const env = options.env ?? process.env;
  const registry = options.registry ?? templates;
  return {
    name: 'import',
    summary: "store a child's plan exported in its plain-JSON form: <plan.json> [--copy: as a new child] [--json]",
    async run(args, io) {
      const reply = new AdminReply(io, 'import', USAGE, args);
      const parsed = parseCommandArgs(args, { copy: { type: 'boolean' }, 'confirm-duplicate': { type: 'boolean' } }, reply, { min: 1, max: 1, names: 'the plan file to import (as written by npm run admin -- export)' });
      if (!parsed) return 2;
      const file = parsed.positionals[0]!;
      const copy = parsed.values.copy ?? false;
      const read = await readPlanJson(file, registry);
      if (!read.ok && read.missing) return reply.usage(`${file} cannot be read: ${read.problems.join('; ')}`);
      if (!read.ok) return reply.failed('invalid-plan', `${file} cannot be imported; nothing was stored`, { file, problems: read.problems }, read.problems);
      const original = read.meta.childId;
      const today = options.today?.() ?? localToday();
      return runOnStore(
        env,
        reply,
        'the import',
        async (store) => {
          if (!copy) {
            const present = await presentParts(store, original);
            if (present.length > 0) {
              return reply.failed(
                'child-exists',
                `child ${original} is already in ${store.where} (${present.join(', ')}); nothing was imported. Add --copy to import the plan as a new child with a new id`,
                { file, childId: original, present },
              );
            }
          }
          const childId = copy ? newChildId() : original;
          const built = buildImportedChild(read, childId, registry, today);
          if (!built.ok) return reply.failed('invalid-plan', `${file} cannot be imported; nothing was stored`, { file, problems: built.problems }, built.problems);
          const duplicate = parsed.values['confirm-duplicate'] === true ? undefined : await likelyDuplicateInStore(store, built.child);
          if (duplicate !== undefined) return reply.failed('likely-duplicate', duplicateMessage(built.child.name, undefined, `add --confirm-duplicate (it is like child ${duplicate})`), { file, childId: duplicate });
          const stored = await storeChild(store, built.child, 'import');
          return reply.done({ childId, copyOf: copy ? original : null, name: stored.name, file, summary: stored.summary }, [
            childId,
            copy
              ? `imported ${stored.name} from ${file} as a new child ${childId} (a copy of child ${original}) into ${store.where}`
              : `imported ${stored.name} (child ${childId}) from ${file} into ${store.where}`,
            `nobody has access yet: npm run admin -- grant <username> ${childId} read|edit [--restricted]`,
          ]);
        },
        (error) => (error instanceof StoreChildError ? reply.failed('storage', error.message, { childId: error.childId, stored: error.stored }) : undefined),
      );
    },
  };
}

/** `npm run admin -- import ...`. */
export const importCommand: AdminCommand = makeImportCommand();
