/**
 * `children import <tracker.csv> [--dry-run] [--skip-existing] [--json]`: brings in a permanence
 * tracker spreadsheet saved as CSV (columns: `tracker-csv.ts` and sync-server/README.md).
 *
 * Nothing is half-imported: every row is read and every child's documents are built in memory
 * first; a single problem anywhere (a row that cannot be read, a child already on the board) and
 * nothing is stored, with each problem reported by row, column and reason. `--dry-run` stops
 * there either way. Only then are the children stored, one after another; if storage fails
 * part-way the report names the children created, the row that failed and what of it was
 * stored, and the rows not tried. Running the same import again with `--skip-existing` then
 * finishes it: rows whose child is already in the store (same case record ID, or same name and
 * date of birth) are left out, and a child stored only in part gets its missing audit entries
 * and caseload entry.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import * as Y from 'yjs';
import type { TemplateRegistry } from '../../model/template/registry.ts';
import { localToday } from '../../model/calendar/day.ts';
import { planOf, summarise } from '../plans/child-documents.ts';
import { parseDocumentName, planDocumentName, restrictedDocumentName } from '../../model/wire/index.ts';
import { readStored } from '../storage/documents/stored-document.ts';
import { AdminReply, parseCommandArgs, plural } from './admin-reply.ts';
import { runOnStore, type AdminEnv, type AdminStore } from './admin-store.ts';
import type { AdminIo } from './command.ts';
import { ADMIN_USERNAME, buildChild, storeChildren, type BuiltChild } from '../plans/new-children.ts';
import { identityOf, readTracker, sameChild, type ChildIdentity, type RowProblem, type TrackerRow } from './tracker-csv.ts';

const USAGE = 'children import <tracker.csv> [--dry-run] [--skip-existing] [--json]';

/** What the import reads besides its arguments: the environment, the templates, today. */
export interface ImportOptions {
  readonly env: AdminEnv;
  readonly registry: TemplateRegistry;
  readonly today?: (() => string) | undefined;
}

/** A child already in the store, as the import recognises it. */
interface Existing {
  readonly childId: string;
  readonly identity: ChildIdentity;
}

/** A row left out because its child is already in the store (`--skip-existing`). */
interface Skipped {
  readonly row: number;
  readonly name: string;
  readonly childId: string;
  readonly reason: string;
  /** What was missing of a child stored only in part and has now been written. */
  readonly completed: readonly string[];
}

/** A problem as one line: `row 4, column C (Date of birth): ...`. */
export function problemLine(p: RowProblem): string {
  const where = [p.row === undefined ? undefined : `row ${p.row}`, p.column === undefined ? undefined : `column ${p.column}`].filter(Boolean).join(', ');
  return where === '' ? p.problem : `${where}: ${p.problem}`;
}

/** A stored document as a Y.Doc, or undefined when it was never stored. */
function loadDoc(store: AdminStore, name: string): Promise<Y.Doc | undefined> {
  return readStored(store.log, name);
}

/** Every child plan in the store with the identity the import compares rows against (read one at a time). */
async function existingChildren(store: AdminStore, registry: TemplateRegistry): Promise<Existing[]> {
  const found: Existing[] = [];
  for (const name of await store.log.names()) {
    const parsed = parseDocumentName(name);
    if (parsed?.kind !== 'plan') continue;
    const doc = await loadDoc(store, name);
    const plan = doc && planOf(doc, registry);
    if (plan) found.push({ childId: parsed.childId, identity: identityOf({ ...plan.childFacts(), caseRecordId: plan.child.value('caseRecordId') }) });
    doc?.destroy();
  }
  return found;
}

/** Writes what a child stored only in part lacks: audit entries of its documents, its caseload entry. */
async function complete(store: AdminStore, childId: string, today: string): Promise<string[]> {
  const written: string[] = [];
  for (const name of [restrictedDocumentName(childId), planDocumentName(childId)]) {
    if ((await store.records.auditOf(name, 1)).length > 0) continue;
    const doc = await loadDoc(store, name);
    if (!doc) continue;
    const bytes = Y.encodeStateAsUpdate(doc).length;
    await store.records.appendAudit([{ at: new Date().toISOString(), username: ADMIN_USERNAME, document: name, parts: [...doc.share.keys()].sort(), bytes, action: 'import' }]);
    doc.destroy();
    written.push(`audit entry of ${name}`);
  }
  if (!(await store.records.child(childId))) {
    const plan = await loadDoc(store, planDocumentName(childId));
    if (plan) {
      await store.records.putChild(summarise(childId, plan, today));
      plan.destroy();
      written.push('caseload entry');
    }
  }
  return written;
}

/** Runs the import; see the module comment. Exit status 0 done, 1 problems or storage failure, 2 bad usage. */
export async function importChildren(args: string[], io: AdminIo, options: ImportOptions): Promise<number> {
  const reply = new AdminReply(io, 'children import', USAGE, args);
  const parsed = parseCommandArgs(args, { 'dry-run': { type: 'boolean' }, 'skip-existing': { type: 'boolean' } }, reply, { min: 1, max: 1, names: 'the tracker CSV file to import' });
  if (!parsed) return 2;
  const file = parsed.positionals[0]!;
  const dryRun = parsed.values['dry-run'] ?? false;
  const skipExisting = parsed.values['skip-existing'] ?? false;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return reply.usage(`${file} cannot be read: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message}`);
  }
  const today = options.today?.() ?? localToday();
  const source = basename(file);
  const read = readTracker(bytes, { today, source, registry: options.registry });
  const problems: RowProblem[] = [...read.problems];
  const built = new Map<TrackerRow, BuiltChild>();
  for (const row of read.rows) {
    try {
      built.set(row, buildChild(row, options.registry, today));
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      problems.push({ row: row.row, problem: error.message });
    }
  }
  return runOnStore(options.env, reply, 'the import', async (store) => {
    const existing = await existingChildren(store, options.registry);
    const skipped: Skipped[] = [];
    const toCreate: [TrackerRow, BuiltChild][] = [];
    for (const [row, child] of built) {
      const identity = identityOf(row.details);
      const match = existing.find((e) => sameChild(e.identity, identity) !== undefined);
      if (!match) toCreate.push([row, child]);
      else if (skipExisting) skipped.push({ row: row.row, name: row.name, childId: match.childId, reason: sameChild(match.identity, identity)!, completed: [] });
      else problems.push({ row: row.row, problem: `${row.name} is already on the board as child ${match.childId} (${sameChild(match.identity, identity)!}); remove the row, or add --skip-existing to leave such rows out` });
    }
    problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    const summary = { file, dryRun, store: store.where, rows: read.dataRows, blankRows: read.blankRows };
    if (problems.length > 0) {
      return reply.failed('unreadable-rows', `${source} has ${plural(problems.length, 'problem')}; nothing was imported`, { ...summary, problems }, [
        ...problems.map(problemLine),
        `fix ${problems.length === 1 ? 'it' : 'them'} in the spreadsheet, save it as CSV UTF-8 and run the import again (--dry-run checks without storing)`,
      ]);
    }
    const plan = toCreate.map(([row]) => ({ row: row.row, name: row.name, pathwayId: row.pathwayId, stages: row.stages.length }));
    const skippedLines = skipped.map((s) => `  row ${s.row}  already on the board as ${s.childId} (${s.name}, ${s.reason}): left out`);
    if (dryRun) {
      return reply.done({ ...summary, wouldCreate: plan, skipped }, [
        `${source}: ${plural(plan.length, 'child', 'children')} can be imported${read.blankRows > 0 ? ` (${plural(read.blankRows, 'blank row')} skipped)` : ''}; nothing was stored (dry run)`,
        ...plan.map((p) => `  row ${p.row}  ${p.name}  ${p.pathwayId}  ${plural(p.stages, 'stage date')}`),
        ...skippedLines,
      ]);
    }
    for (const [i, s] of skipped.entries()) skipped[i] = { ...s, completed: await complete(store, s.childId, today) };
    const result = await storeChildren(store, toCreate.map(([, child]) => child), 'import');
    const created = result.created.map((c, i) => ({ row: toCreate[i]![0].row, childId: c.childId, name: c.name }));
    const createdLines = created.map((c) => `  row ${c.row}  ${c.childId}  ${c.name}`);
    const completedLines = skipped.filter((s) => s.completed.length > 0).map((s) => `  row ${s.row}  ${s.childId}  completed: ${s.completed.join(', ')}`);
    if (result.failed) {
      const failedRow = toCreate[result.failed.index]![0];
      const notTried = toCreate.slice(result.failed.index + 1).map(([row]) => row.row);
      return reply.failed(
        'storage',
        `storage failed at row ${failedRow.row} (${failedRow.name}): ${result.failed.error.message}`,
        { ...summary, created, skipped, failed: { row: failedRow.row, childId: result.failed.error.childId, stored: result.failed.error.stored }, notImported: [failedRow.row, ...notTried] },
        [
          created.length === 0 ? 'created before the failure: none' : `created before the failure (${created.length}):`,
          ...createdLines,
          `not imported: rows ${[failedRow.row, ...notTried].join(', ')}`,
          'once storage works again, run the same import with --skip-existing: the children already created are left out, and one stored in part is completed',
        ],
      );
    }
    return reply.done({ ...summary, created, skipped }, [
      `imported ${plural(created.length, 'child', 'children')} from ${source} into ${store.where}`,
      ...createdLines,
      ...skippedLines,
      ...completedLines,
      ...(created.length > 0 ? ['nobody has access yet: npm run admin -- grant <username> <childId> read|edit [--restricted]'] : []),
    ]);
  });
}
