import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openServerRecords } from '../storage/records/open-server-records.ts';
import { account, fill } from '../testing/server-records-fixtures.ts';
import { storageCommands } from './backup-command.ts';
import { openSqliteDocumentLog } from '../storage/documents/sqlite-document-log.ts';
import { contentOf, TestEditor } from '../testing/test-editor.ts';
import { buildChild, storeChild } from '../plans/new-children.ts';
import { rateStoredInput } from '../plans/caseload-rating.ts';
import { templates } from '../../templates/index.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'backup-commands-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('admin backup and restore', () => {
  it('backs up while the store is open and restores into an empty store; --replace over content', async () => {
    const source = join(dir, 'source');
    const log = await openSqliteDocumentLog({ dataDir: source });
    const editor = new TestEditor();
    await log.append('child:1', editor.edits(0, 12));
    const file = join(dir, 'backup.sqlite');
    const backup = io();
    expect(await storageCommands({ DATA_DIR: source }).backup.run([file], backup.io)).toBe(0);
    expect(backup.out.join('\n')).toMatch(/backed up SQLite in .*source to .*backup\.sqlite/);
    await log.close();

    const target = join(dir, 'target');
    const restore = io();
    expect(await storageCommands({ DATA_DIR: target }).restore.run([file], restore.io)).toBe(0);
    expect(restore.out).toEqual([
      expect.stringMatching(/^restored 1 documents \(0 snapshots, 12 updates\), 0 accounts, 0 grants, 0 audit entries, .* into SQLite in/),
      expect.stringMatching(/^re-rated 0 of 0 caseload entries for \d{4}-\d{2}-\d{2} from their plans$/),
    ]);
    const again = io();
    expect(await storageCommands({ DATA_DIR: target }).restore.run([file], again.io)).toBe(2);
    expect(again.err.join('\n')).toMatch(/holds 1 documents; add --replace/);
    expect(await storageCommands({ DATA_DIR: target }).restore.run([file, '--replace'], io().io)).toBe(0);

    const restored = await openSqliteDocumentLog({ dataDir: target });
    expect(contentOf(await restored.load('child:1'))).toEqual(editor.content());
    await restored.close();
  });

  it('backs up and restores the server records too; a store with accounts needs --replace', async () => {
    const source = join(dir, 'source');
    const records = await openServerRecords({ DATA_DIR: source });
    await fill(records);
    await records.close();
    const file = join(dir, 'backup.sqlite');
    expect(await storageCommands({ DATA_DIR: source }).backup.run([file], io().io)).toBe(0);

    const target = join(dir, 'target');
    const other = await openServerRecords({ DATA_DIR: target });
    await other.addAccount(account('zed'));
    await other.close();
    const refused = io();
    expect(await storageCommands({ DATA_DIR: target }).restore.run([file], refused.io)).toBe(2);
    expect(refused.err.join('\n')).toMatch(/holds 0 documents and 1 accounts; add --replace/);
    const restore = io();
    expect(await storageCommands({ DATA_DIR: target }).restore.run([file, '--replace'], restore.io)).toBe(0);
    expect(restore.out.join('\n')).toMatch(/2 accounts, 3 grants, 5 audit entries, 2 named versions, 2 caseload entries, 2 settings into SQLite/);
    const restored = await openServerRecords({ DATA_DIR: target });
    expect((await restored.accounts()).map((a) => a.username)).toEqual(['amy.worker', 'ben.iro']);
    await restored.close();
  });

  it('re-rates every restored caseload entry for today from its plan, with its rating input: no wait for midnight', async () => {
    // A child whose Legal Planning Meeting was due by 8 October 2026, rated on 5 October (due soon, amber).
    const source = join(dir, 'source');
    const store = { log: await openSqliteDocumentLog({ dataDir: source }), records: await openServerRecords({ DATA_DIR: source }) };
    const child = buildChild({ pathwayId: 'pathway-adoption', details: { name: 'Quinn Fiction', jurisdiction: 'England' }, stages: [{ stage: 'legal-gateway', date: '2026-10-01' }] }, templates, '2026-10-05');
    await storeChild(store, child, 'create');
    await store.records.markCaseloadRated('2026-10-05');
    expect((await store.records.child(child.childId))?.rating).toBe('amber');
    await store.records.close();
    await store.log.close();
    const file = join(dir, 'backup.sqlite');
    expect(await storageCommands({ DATA_DIR: source }).backup.run([file], io().io)).toBe(0);

    // Restored on 20 October: overdue, red, as the plan says today; rated for that day.
    const target = join(dir, 'target');
    const restore = io();
    expect(await storageCommands({ DATA_DIR: target }, { today: () => '2026-10-20' }).restore.run([file], restore.io)).toBe(0);
    expect(restore.out[1]).toBe('re-rated 1 of 1 caseload entries for 2026-10-20 from their plans');
    const restored = await openServerRecords({ DATA_DIR: target });
    try {
      expect(await restored.child(child.childId)).toMatchObject({ rating: 'red', ratedOn: '2026-10-20', nextDue: '2026-10-08' });
      expect(await restored.caseloadRatedOn()).toBe('2026-10-20');
      // The stored input says the same for the next day, so the nightly pass needs no plan.
      const input = (await restored.rateable(child.childId))?.ratingInput;
      expect(input).toBeTruthy();
      expect(rateStoredInput(input!, '2026-10-21')?.rating).toBe('red');
    } finally {
      await restored.close();
    }
  });

  it('refuses a file that is not a backup and reports usage and configuration problems', async () => {
    const bogus = join(dir, 'bogus');
    await writeFile(bogus, 'hello');
    const bad = io();
    expect(await storageCommands({ DATA_DIR: join(dir, 'data') }).restore.run([bogus], bad.io)).toBe(1);
    expect(bad.err.join('\n')).toMatch(/restore failed, nothing was changed: .*not a document backup/);
    const usage = io();
    expect(await storageCommands({}).backup.run([], usage.io)).toBe(2);
    expect(usage.err).toEqual(['usage: npm run admin -- backup <file>']);
    const url = io();
    expect(await storageCommands({ DATABASE_URL: 'mysql://x' }).backup.run([join(dir, 'b')], url.io)).toBe(2);
    expect(url.err.join('\n')).toMatch(/DATABASE_URL: a postgres/);
    const missing = io();
    expect(await storageCommands({ DATA_DIR: join(dir, 'nothing') }).backup.run([join(dir, 'b')], missing.io)).toBe(1);
    expect(missing.err.join('\n')).toMatch(/no database at/);
  });
});
