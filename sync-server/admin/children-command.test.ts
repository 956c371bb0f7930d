import { DatabaseSync } from 'node:sqlite';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { planOf } from '../plans/child-documents.ts';
import { openAdminStore, type AdminStore } from './admin-store.ts';
import { makeChildrenCommand } from './children-command.ts';

const TODAY = '2026-11-23';
const EXAMPLE = fileURLToPath(new URL('./fixtures/tracker-example.csv', import.meta.url));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'children-command-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function children(...args: string[]): Promise<{ code: number; out: string[]; err: string[]; json: () => Record<string, unknown> }> {
  const out: string[] = [];
  const err: string[] = [];
  const command = makeChildrenCommand({ env: { DATA_DIR: join(dir, 'data') }, today: () => TODAY });
  const code = await command.run(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err, json: () => JSON.parse(out.join('\n')) as Record<string, unknown> };
}

async function withStore<T>(work: (store: AdminStore) => Promise<T>): Promise<T> {
  const store = await openAdminStore({ DATA_DIR: join(dir, 'data'), PORT: 0, HOST: '127.0.0.1' });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function storedPlan(store: AdminStore, childId: string): Promise<Y.Doc> {
  const stored = await store.log.load(`child:${childId}`);
  const doc = new Y.Doc();
  if (stored?.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored?.updates ?? []) Y.applyUpdate(doc, u);
  return doc;
}

describe('children create', () => {
  it('stores both documents, audit entries by admin and the caseload entry, and prints the new id first', async () => {
    const made = await children('create', '--template', 'pathway-adoption', '--name', 'Kit Fiction', '--dob', '14/06/2024', '--jurisdiction', 'england', '--legal-status', 'Interim care order', '--detail', 'caseRecordId=EX-9');
    expect(made.code).toBe(0);
    const childId = made.out[0]!;
    expect(childId).toMatch(/^c[a-z0-9]{12}$/);
    expect(made.out[1]).toMatch(new RegExp(`^created Kit Fiction \\(child ${childId}\\) on Permanence pathway: adoption, in SQLite in `));
    await withStore(async (store) => {
      const plan = planOf(await storedPlan(store, childId))!;
      expect(plan.childFacts()).toMatchObject({ name: 'Kit Fiction', dateOfBirth: '2024-06-14', jurisdiction: 'England', legalStatus: 'Interim care order' });
      expect(plan.child.value('caseRecordId')).toBe('EX-9');
      expect(await store.log.load(`child:${childId}:restricted`)).not.toBeNull();
      const audit = [...(await store.records.auditOf(`child:${childId}`, 10)), ...(await store.records.auditOf(`child:${childId}:restricted`, 10))];
      expect(audit.map((a) => [a.username, a.action, a.document])).toEqual([
        ['admin', 'create', `child:${childId}`],
        ['admin', 'create', `child:${childId}:restricted`],
      ]);
      expect(audit[0]!.parts).toEqual(expect.arrayContaining(['child', 'meta', 'pathway', 'ppms']));
      expect(await store.records.child(childId)).toMatchObject({ name: 'Kit Fiction', pathwayId: 'pathway-adoption' });
      expect((await store.records.verifyAudit()).ok).toBe(true);
    });
    const listed = await children('list', '--json');
    expect(listed.code).toBe(0);
    expect(listed.json().children).toEqual([expect.objectContaining({ childId, name: 'Kit Fiction', grants: [] })]);
  });

  it('answers --json with the id, the document and the summary', async () => {
    const made = await children('create', '--template', 'pathway-pace', '--name', 'Lee Sample', '--json');
    expect(made.code).toBe(0);
    const body = made.json();
    expect(body).toMatchObject({ childId: expect.stringMatching(/^c/) as unknown, document: `child:${body.childId as string}`, summary: { name: 'Lee Sample', pathwayId: 'pathway-pace' } });
  });

  it('refuses bad arguments with status 2 and a usage line, storing nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['create', '--name', 'A B'], /name the pathway with --template \(one of: .*pathway-adoption/],
      [['create', '--template', 'pathway-adoption'], /give the child's name with --name/],
      [['create', '--template', 'pathway-nowhere', '--name', 'A B'], /"pathway-nowhere" is not a pathway template/],
      [['create', '--template', 'pathway-adoption', '--name', 'A B', '--dob', '2024-02-30'], /--dob: "2024-02-30" is not a real calendar date/],
      [['create', '--template', 'pathway-adoption', '--name', 'A B', '--jurisdiction', 'France'], /--jurisdiction: "France" is not one of: England; Wales; Scotland; Northern Ireland/],
      [['create', '--template', 'pathway-adoption', '--name', 'A B', '--detail', 'shoeSize=4'], /"shoeSize" is not a field of the child's details/],
      [['create', '--template', 'pathway-adoption', '--name', 'A B', '--bogus'], /Unknown option '--bogus'/],
      [['frobnicate'], /unknown children command "frobnicate"/],
      [[], /name what to do: create, list or import/],
    ];
    for (const [args, message] of cases) {
      const result = await children(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.err.join('\n')).toMatch(message);
      expect(result.err.join('\n')).toMatch(/usage: npm run admin -- children/);
    }
    const json = await children('create', '--name', 'A B', '--json');
    expect(json.json()).toMatchObject({ error: 'usage', usage: expect.stringContaining('children create --template') as unknown });
    expect((await children('list', '--json')).json().children).toEqual([]);
  });
});

describe('children import', () => {
  it('a dry run reports what it would create and stores nothing; the import then creates every child with its stages', async () => {
    const dry = await children('import', EXAMPLE, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out[0]).toBe('tracker-example.csv: 5 children can be imported (1 blank row skipped); nothing was stored (dry run)');
    expect((await children('list', '--json')).json().children).toEqual([]);

    const done = await children('import', EXAMPLE, '--json');
    expect(done.code).toBe(0);
    const created = done.json().created as { row: number; childId: string; name: string }[];
    expect(created.map((c) => [c.row, c.name])).toEqual([
      [2, 'Bailey Example'],
      [3, 'Casey Sample'],
      [4, 'Devon Fiction'],
      [5, 'Frankie Placeholder'],
      [7, 'Harley Testcase'],
    ]);
    await withStore(async (store) => {
      const bailey = planOf(await storedPlan(store, created[0]!.childId))!;
      const stages = bailey.stages.rows().map((r) => [r.value('stage'), r.value('date'), r.value('recordedBy')]);
      // One event, one record: the tracker's PPM columns (initial PPM on 15 June, then three
      // more) are PPM records with their dates, not stage rows.
      expect(stages.map((s) => s[0])).not.toContain('ppm');
      expect(stages.map((s) => s[0])).not.toContain('initial-ppm');
      expect(stages).toHaveLength(6);
      expect(bailey.ppms.rows().map((m) => m.value('meetingDate')).sort()).toEqual(['2026-06-15', '2026-07-27', '2026-09-07', '2026-10-19']);
      expect(await store.records.child(created[0]!.childId)).toMatchObject({ stage: 'Permanence Planning Meeting (PPM)', rating: expect.stringMatching(/red|amber|green/) as unknown });
      expect((await store.records.auditOf(`child:${created[0]!.childId}`, 10)).map((a) => a.action)).toEqual(['import']);
    });
  });

  it('imports nothing when any row has a problem, and reports each one', async () => {
    const file = join(dir, 'tracker.csv');
    await writeFile(file, 'name,pathway,dateOfBirth\nGood Child,pathway-adoption,2020-01-01\nBad Child,pathway-adoption,2020-13-01\n');
    const result = await children('import', file, '--json');
    expect(result.code).toBe(1);
    expect(result.err).toEqual([
      'children import: tracker.csv has 1 problem; nothing was imported',
      '  row 3, column C (dateOfBirth): "2020-13-01" is not a real calendar date',
      expect.stringContaining('fix it in the spreadsheet'),
    ]);
    expect(result.json()).toMatchObject({ error: 'unreadable-rows', problems: [{ row: 3, column: 'C (dateOfBirth)' }] });
    expect((await children('list', '--json')).json().children).toEqual([]);
  });

  it('refuses children already on the board, and leaves them out with --skip-existing', async () => {
    expect((await children('import', EXAMPLE)).code).toBe(0);
    const again = await children('import', EXAMPLE);
    expect(again.code).toBe(1);
    expect(again.err).toContainEqual(expect.stringMatching(/^ {2}row 2: Bailey Example is already on the board as child c\w+ \(same case record ID\); remove the row, or add --skip-existing/));
    const skipping = await children('import', EXAMPLE, '--skip-existing');
    expect(skipping.code).toBe(0);
    expect(skipping.out[0]).toBe('imported 0 children from tracker-example.csv into SQLite in ' + join(dir, 'data'));
    expect(skipping.out.filter((l) => l.includes('left out'))).toHaveLength(5);
    expect((await children('list', '--json')).json().children).toHaveLength(5);
  });

  it('when storage fails part-way, reports what was created; --skip-existing then finishes the import', async () => {
    await withStore(() => Promise.resolve());
    const db = new DatabaseSync(join(dir, 'data', 'documents.sqlite'));
    // A real storage failure: the third child's plan cannot be written (its restricted document can).
    db.exec(`CREATE TRIGGER fail_plan BEFORE INSERT ON yjs_updates
             WHEN NEW.name NOT LIKE '%:restricted' AND NOT EXISTS (SELECT 1 FROM yjs_updates WHERE name = NEW.name)
               AND (SELECT count(DISTINCT name) FROM yjs_updates) >= 5
             BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END`);
    const failed = await children('import', EXAMPLE, '--json');
    expect(failed.code).toBe(1);
    const body = failed.json();
    expect(body).toMatchObject({ error: 'storage', failed: { row: 4, stored: ['restricted document'] }, notImported: [4, 5, 7] });
    expect((body.created as { row: number }[]).map((c) => c.row)).toEqual([2, 3]);
    expect(failed.err[0]).toMatch(/^children import: storage failed at row 4 \(Devon Fiction\): child c\w+ was stored only in part \(restricted document\): .*disk full \(test\)/);

    db.exec('DROP TRIGGER fail_plan');
    // Now the caseload entry of the next child fails: its documents and audit are stored.
    db.exec(`CREATE TRIGGER fail_index BEFORE INSERT ON records_children WHEN (SELECT count(*) FROM records_children) >= 3
             BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END`);
    const second = await children('import', EXAMPLE, '--skip-existing', '--json');
    expect(second.code).toBe(1);
    expect(second.json()).toMatchObject({ failed: { row: 5, stored: ['restricted document', 'plan', 'audit entries'] }, notImported: [5, 7] });
    db.exec('DROP TRIGGER fail_index');
    db.close();

    const finish = await children('import', EXAMPLE, '--skip-existing');
    expect(finish.code).toBe(0);
    expect(finish.out).toContainEqual(expect.stringMatching(/^ {2}row 5 {2}c\w+ {2}completed: caseload entry$/));
    expect(finish.out).toContainEqual(expect.stringMatching(/^ {2}row 7 {2}c\w+ {2}Harley Testcase$/));
    const listed = (await children('list', '--json')).json().children as { name: string }[];
    expect(listed.map((c) => c.name)).toEqual(['Bailey Example', 'Casey Sample', 'Devon Fiction', 'Frankie Placeholder', 'Harley Testcase']);
  });

  it('refuses a missing file and extra arguments as bad usage', async () => {
    const missing = await children('import', join(dir, 'nope.csv'));
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toMatch(/nope\.csv cannot be read: there is no such file/);
    expect((await children('import')).code).toBe(2);
    expect((await children('import', 'a.csv', 'b.csv')).err[0]).toMatch(/unexpected argument "b.csv"/);
  });
});
