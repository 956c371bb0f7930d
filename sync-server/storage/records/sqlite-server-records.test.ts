import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { NO_RECORDS } from '../backup/backup-records.ts';
import { backupSqliteStore } from '../db/sqlite-copy.ts';
import { openSqliteDocumentLog } from '../documents/sqlite-document-log.ts';
import { restoreSqlite } from '../backup/sqlite-restore.ts';
import { sqlitePath } from '../db/sqlite-store.ts';
import { contentOf, TestEditor } from '../../testing/test-editor.ts';
import { account, auditEntry, contentsOf, fill } from '../../testing/server-records-fixtures.ts';
import type { ServerRecords } from './server-records.ts';
import { describeServerRecords, type RecordsStoreUnderTest } from './server-records.suite.ts';
import { SQLITE_RECORDS_TABLES } from './sqlite-records-schema.ts';
import { openSqliteServerRecords } from './sqlite-server-records.ts';
import { openThreadedSqliteServerRecords } from './threaded-server-records.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sqlite-server-records-'));
  dirs.push(dir);
  return dir;
}

/**
 * Runs `body` on a connection of its own to the store in `dataDir`, as another process would;
 * a failing statement is a rejection, as it would be from a database server.
 */
function onDatabase(dataDir: string, body: (db: DatabaseSync) => void): Promise<void> {
  return new Promise((resolve) => resolve(withDatabase(dataDir, body)));
}

function withDatabase<T>(dataDir: string, body: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(sqlitePath(dataDir), { timeout: 5000 });
  try {
    return body(db);
  } finally {
    db.close();
  }
}

const FAILING_TABLES = [...SQLITE_RECORDS_TABLES, 'records_access', 'records_audit_head'];

/** The shared suite against SQLite in `dataDir`, opened by `open` (on this thread or its own). */
const sqliteStore = (open: (options: { dataDir: string }) => Promise<ServerRecords>) => async (): Promise<RecordsStoreUnderTest> => {
  const dataDir = await tempDir();
  return {
    open: () => open({ dataDir }),
    backup: (file) => backupSqliteStore(dataDir, file),
    restore: (file) => restoreSqlite(file, dataDir),
    sql: (statements) => onDatabase(dataDir, (db) => db.exec(statements)),
    dropAuditGuards: () => onDatabase(dataDir, (db) => db.exec('DROP TRIGGER records_audit_no_update; DROP TRIGGER records_audit_no_delete')),
    failWrites: (tables) =>
      onDatabase(dataDir, (db) => {
        db.exec('CREATE TABLE IF NOT EXISTS test_fail_switch (tbl TEXT) STRICT; DELETE FROM test_fail_switch');
        for (const table of FAILING_TABLES) {
          for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
            db.exec(`CREATE TRIGGER IF NOT EXISTS test_fail_${table}_${event} BEFORE ${event} ON ${table}
              WHEN EXISTS (SELECT 1 FROM test_fail_switch WHERE tbl = '${table}') BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
          }
        }
        const insert = db.prepare('INSERT INTO test_fail_switch (tbl) VALUES (?)');
        for (const table of tables) insert.run(table);
      }),
    destroy: () => rm(dataDir, { recursive: true, force: true }),
  };
};

describeServerRecords('SQLite', sqliteStore(openSqliteServerRecords));
describeServerRecords('SQLite in its own thread', sqliteStore(openThreadedSqliteServerRecords));

describe('SQLite records store', () => {
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('shares the document log file with WAL and synchronous=FULL, numbering its schema in records_schema', async () => {
    const dataDir = await tempDir();
    const records = await openSqliteServerRecords({ dataDir });
    const log = await openSqliteDocumentLog({ dataDir });
    await records.addAccount(account('amy.worker'));
    await log.append('child:c1', [new TestEditor().edit(0)]);
    withDatabase(dataDir, (db) => {
      expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
      // The document log owns user_version; the records have their own table.
      expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: 1 });
      expect(db.prepare('SELECT version FROM records_schema').all()).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }]);
      expect(db.prepare('SELECT count(*) AS n FROM records_accounts').get()).toEqual({ n: 1 });
      expect(db.prepare('SELECT count(*) AS n FROM yjs_updates').get()).toEqual({ n: 1 });
    });
    await log.close();
    await records.close();
    // Opening again migrates nothing.
    await (await openSqliteServerRecords({ dataDir })).close();
    withDatabase(dataDir, (db) => expect(db.prepare('SELECT version FROM records_schema').all()).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }]));
  });

  it('keeps one audit chain while several processes append to the same file', { timeout: 60_000 }, async () => {
    const dataDir = await tempDir();
    const records = await openSqliteServerRecords({ dataDir });
    const child = fileURLToPath(new URL('../../testing/sqlite-audit-child.ts', import.meta.url));
    const processes = [1, 2, 3].map((n) => {
      const process_ = spawn(process.execPath, [child, dataDir, '150', `child:p${n}`], { stdio: ['ignore', 'ignore', 'inherit'] });
      return new Promise<number | null>((resolve) => process_.once('exit', resolve));
    });
    // This process appends meanwhile, one entry at a time, yielding between appends.
    let mine = 0;
    let running = true;
    void Promise.all(processes).then(() => (running = false));
    while (running) {
      await records.appendAudit([auditEntry(mine++, 'child:parent', 'system')]);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await Promise.all(processes)).toEqual([0, 0, 0]);
    expect(await records.verifyAudit()).toEqual({ ok: true, entries: 3 * 150 * 2 + mine });
    for (const n of [1, 2, 3]) expect(await records.auditOf(`child:p${n}`, 1000)).toHaveLength(300);
    await records.close();
  });

  it('refuses a file written by a newer records schema', async () => {
    const dataDir = await tempDir();
    await (await openSqliteServerRecords({ dataDir })).close();
    withDatabase(dataDir, (db) => db.exec('INSERT INTO records_schema (version) VALUES (4)'));
    await expect(openSqliteServerRecords({ dataDir })).rejects.toThrow(/records schema version 4/);
  });

  it('the backup API copy of the file holds the records; restoring it brings every record back', async () => {
    const dataDir = await tempDir();
    const records = await openSqliteServerRecords({ dataDir });
    const log = await openSqliteDocumentLog({ dataDir });
    await fill(records);
    const editor = new TestEditor();
    await log.append('child:c1', editor.edits(0, 5));
    const file = join(await tempDir(), 'backup.sqlite');
    // The document log's own backup (the SQLite backup API on its connection) copies the whole file.
    await log.backup(file);
    const copy = new DatabaseSync(file, { readOnly: true });
    for (const table of SQLITE_RECORDS_TABLES) expect((copy.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n).toBeGreaterThan(0);
    copy.close();

    const restoredDir = await tempDir();
    const counts = await restoreSqlite(file, restoredDir);
    expect(counts).toEqual({ documents: 1, snapshots: 0, updates: 5, accounts: 2, grants: 3, audit: 5, versions: 2, children: 2, settings: 2 });
    const restored = await openSqliteServerRecords({ dataDir: restoredDir });
    expect(await contentsOf(restored)).toEqual(await contentsOf(records));
    expect(await restored.verifyAudit()).toEqual({ ok: true, entries: 5 });
    const restoredLog = await openSqliteDocumentLog({ dataDir: restoredDir });
    expect(contentOf(await restoredLog.load('child:c1'))).toEqual(editor.content());
    // The audit triggers came back with the restore.
    withDatabase(restoredDir, (db) => expect(() => db.exec('DELETE FROM records_audit')).toThrow(/append-only/));
    for (const closable of [restoredLog, restored, log, records]) await closable.close();
  });

  it('restores a SQLite backup taken before the records existed, leaving the records empty', async () => {
    const oldDir = await tempDir();
    const log = await openSqliteDocumentLog({ dataDir: oldDir });
    await log.append('child:c1', new TestEditor().edits(0, 3));
    await log.close();
    const file = join(await tempDir(), 'old.sqlite');
    await backupSqliteStore(oldDir, file);
    withDatabase(oldDir, (db) => expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'records_schema'`).get()).toBeUndefined());

    const target = await tempDir();
    const records = await openSqliteServerRecords({ dataDir: target });
    await fill(records);
    await records.close();
    expect(await restoreSqlite(file, target)).toEqual({ documents: 1, snapshots: 0, updates: 3, ...NO_RECORDS });
    const restored = await openSqliteServerRecords({ dataDir: target });
    expect(await restored.accounts()).toEqual([]);
    expect(await restored.verifyAudit()).toEqual({ ok: true, entries: 0 });
    await restored.close();
    expect(existsSync(sqlitePath(target))).toBe(true);
  });
});
