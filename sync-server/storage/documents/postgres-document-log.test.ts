import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQuery, queryOnce, startPostgres, type TestPostgres } from '../../../tests/harness/postgres.ts';
import { NO_RECORDS } from '../backup/backup-records.ts';
import { compactDocument } from './compaction.ts';
import { describeDocumentLog } from './document-log.suite.ts';
import { backupDocumentStore, restoreDocumentStore } from '../backup/store-backup.ts';
import { backupPostgres, restorePostgres } from '../backup/postgres-backup.ts';
import { openPostgresDocumentLog } from './postgres-document-log.ts';
import { openSqliteDocumentLog } from './sqlite-document-log.ts';
import { contentOf, TestEditor } from '../../testing/test-editor.ts';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

describeDocumentLog('PostgreSQL', async () => {
  const databaseUrl = await server.createDatabase();
  return {
    open: () => openPostgresDocumentLog({ databaseUrl, backup: backupPostgres }),
    restore: (file) => restorePostgres(file, databaseUrl),
    failWrites: async (fail) => {
      await adminQuery(databaseUrl, `CREATE TABLE IF NOT EXISTS test_fail_switch (on_ integer);
        CREATE OR REPLACE FUNCTION test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM test_fail_switch) THEN RAISE EXCEPTION 'injected failure'; END IF;
          RETURN COALESCE(NEW, OLD);
        END $$;
        CREATE OR REPLACE TRIGGER test_fail BEFORE INSERT OR UPDATE OR DELETE ON yjs_updates FOR EACH ROW EXECUTE FUNCTION test_fail();
        CREATE OR REPLACE TRIGGER test_fail BEFORE INSERT OR UPDATE OR DELETE ON yjs_snapshots FOR EACH ROW EXECUTE FUNCTION test_fail();
        ${fail ? 'INSERT INTO test_fail_switch VALUES (1)' : 'DELETE FROM test_fail_switch'}`);
    },
    // The whole server and its databases go in afterAll.
    destroy: () => Promise.resolve(),
  };
});

describe('PostgreSQL store', () => {
  it('migrates once when several instances start at the same time', async () => {
    const databaseUrl = await server.createDatabase();
    const logs = await Promise.all(Array.from({ length: 4 }, () => openPostgresDocumentLog({ databaseUrl })));
    await Promise.all(logs.map((log) => log.close()));
    const { rows } = await queryOnce(databaseUrl, 'SELECT version FROM yjs_storage_migrations');
    expect(rows).toEqual([{ version: 1 }]);
  });

  it('a compaction waits for an append in progress on the same document (row lock), keeping counts exact', async () => {
    const databaseUrl = await server.createDatabase();
    const log = await openPostgresDocumentLog({ databaseUrl });
    const editor = new TestEditor();
    await log.append('child:1', editor.edits(0, 10));
    const snapshot = Y.mergeUpdates(editor.updates);
    // Another instance's append, caught between its seq bump and its COMMIT.
    const other = new pg.Client({ connectionString: databaseUrl });
    await other.connect();
    const late = editor.edit(10);
    await other.query('BEGIN');
    await other.query(`UPDATE yjs_documents SET last_seq = last_seq + 1, pending_count = pending_count + 1,
      pending_bytes = pending_bytes + $2 WHERE name = $1`, ['child:1', late.length]);
    await other.query('INSERT INTO yjs_updates (name, seq, data) VALUES ($1, 11, $2)', ['child:1', Buffer.from(late)]);
    const compaction = log.compact('child:1', snapshot, 10);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await other.query('COMMIT');
    await other.end();
    expect(await compaction).toBe(true);
    const stored = await log.load('child:1');
    expect(stored).toMatchObject({ snapshotSeq: 10, seq: 11, updates: [late] });
    expect(await log.pending('child:1')).toEqual({ count: 1, bytes: late.length, lastSeq: 11 });
    expect(contentOf(stored)).toEqual(editor.content());
    await log.close();
  });

  it('moves an installation between backends: SQLite backup into PostgreSQL and back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'storage-move-'));
    try {
      const sqliteDir = join(dir, 'data');
      const editor = new TestEditor();
      const sqlite = await openSqliteDocumentLog({ dataDir: sqliteDir });
      await sqlite.append('child:1', editor.edits(0, 15));
      await compactDocument(sqlite, 'child:1');
      await sqlite.append('child:1', editor.edits(15, 4));
      await sqlite.close();

      const databaseUrl = await server.createDatabase();
      await backupDocumentStore({ DATA_DIR: sqliteDir }, join(dir, 'from-sqlite.sqlite'));
      const counts = await restoreDocumentStore({ DATA_DIR: sqliteDir, DATABASE_URL: databaseUrl }, join(dir, 'from-sqlite.sqlite'));
      expect(counts).toEqual({ documents: 1, snapshots: 1, updates: 4, ...NO_RECORDS });
      const postgres = await openPostgresDocumentLog({ databaseUrl });
      expect(contentOf(await postgres.load('child:1'))).toEqual(editor.content());
      expect(await postgres.append('child:1', [editor.edit(19)])).toBe(20);
      await postgres.close();

      await backupDocumentStore({ DATA_DIR: sqliteDir, DATABASE_URL: databaseUrl }, join(dir, 'from-postgres.jsonl'));
      const emptyDir = join(dir, 'restored');
      await restoreDocumentStore({ DATA_DIR: emptyDir }, join(dir, 'from-postgres.jsonl'));
      const back = await openSqliteDocumentLog({ dataDir: emptyDir });
      expect(contentOf(await back.load('child:1'))).toEqual(editor.content());
      expect(await back.pending('child:1')).toMatchObject({ count: 5 });
      await back.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
