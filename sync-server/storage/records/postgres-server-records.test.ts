import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryOnce as query, startPostgres, type TestPostgres } from '../../../tests/harness/postgres.ts';
import { backupDocumentStore, restoreDocumentStore } from '../backup/store-backup.ts';
import { restorePostgres } from '../backup/postgres-backup.ts';
import { openSqliteDocumentLog } from '../documents/sqlite-document-log.ts';
import { contentOf, TestEditor } from '../../testing/test-editor.ts';
import { openServerRecords } from './open-server-records.ts';
import { openPostgresServerRecords } from './postgres-server-records.ts';
import { account, auditEntry, contentsOf, fill } from '../../testing/server-records-fixtures.ts';
import { describeServerRecords } from './server-records.suite.ts';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

const FAILING_TABLES = ['records_accounts', 'records_grants', 'records_access', 'records_audit', 'records_audit_head', 'records_versions', 'records_children', 'records_settings'];

describeServerRecords('PostgreSQL', async () => {
  const databaseUrl = await server.createDatabase();
  return {
    open: () => openPostgresServerRecords({ databaseUrl }),
    backup: (file) => backupDocumentStore({ DATA_DIR: 'unused', DATABASE_URL: databaseUrl }, file),
    restore: (file) => restorePostgres(file, databaseUrl),
    sql: async (statements) => {
      await query(databaseUrl, statements);
    },
    dropAuditGuards: async () => {
      await query(databaseUrl, 'ALTER TABLE records_audit DISABLE TRIGGER records_audit_append_only');
    },
    failWrites: async (tables) => {
      await query(
        databaseUrl,
        `CREATE TABLE IF NOT EXISTS test_fail_switch (tbl text);
         CREATE OR REPLACE FUNCTION test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF EXISTS (SELECT 1 FROM test_fail_switch WHERE tbl = TG_TABLE_NAME) THEN RAISE EXCEPTION 'injected failure'; END IF;
           RETURN COALESCE(NEW, OLD);
         END $$;
         ${FAILING_TABLES.map((t) => `CREATE OR REPLACE TRIGGER test_fail BEFORE INSERT OR UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION test_fail();`).join('\n')}
         DELETE FROM test_fail_switch;
         ${tables.map((t) => `INSERT INTO test_fail_switch VALUES ('${t}');`).join('\n')}`,
      );
    },
    // The whole server and its databases go in afterAll.
    destroy: () => Promise.resolve(),
  };
});

describe('PostgreSQL records store', () => {
  it('migrates once when several instances start at the same time, next to the document log', async () => {
    const databaseUrl = await server.createDatabase();
    const all = await Promise.all(Array.from({ length: 4 }, () => openPostgresServerRecords({ databaseUrl })));
    await Promise.all(all.map((records) => records.close()));
    const { rows } = await query(databaseUrl, 'SELECT version FROM records_schema');
    expect(rows).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }]);
    await query(databaseUrl, 'INSERT INTO records_schema (version) VALUES (4)');
    await expect(openPostgresServerRecords({ databaseUrl })).rejects.toThrow(/records schema version 4/);
  });

  it('refuses TRUNCATE of the audit log and deleting its chain head, not only row changes', async () => {
    const databaseUrl = await server.createDatabase();
    const records = await openPostgresServerRecords({ databaseUrl });
    await records.appendAudit([auditEntry(1)]);
    await expect(query(databaseUrl, 'TRUNCATE records_audit')).rejects.toThrow(/append-only/);
    await expect(query(databaseUrl, 'DELETE FROM records_audit_head')).rejects.toThrow(/append-only/);
    expect(await records.verifyAudit()).toEqual({ ok: true, entries: 1 });
    await records.close();
  });

  it('opens from the storage configuration', async () => {
    const databaseUrl = await server.createDatabase();
    const records = await openServerRecords({ DATA_DIR: 'unused', DATABASE_URL: databaseUrl });
    expect(records.kind).toBe('postgres');
    await records.close();
  });

  it('agrees on one setting and one owner of a username across many instances starting at once', async () => {
    const databaseUrl = await server.createDatabase();
    const instances = await Promise.all(Array.from({ length: 6 }, () => openPostgresServerRecords({ databaseUrl })));
    try {
      const secrets = await Promise.all(instances.map((records, i) => records.setting('token-signing-secret', () => new Uint8Array(32).fill(i + 1))));
      for (const secret of secrets) expect(secret).toEqual(secrets[0]);
      const added = await Promise.all(instances.map((records) => records.addAccount(account('amy.worker'))));
      expect(added.filter(Boolean)).toHaveLength(1);
      const { rows } = await query(databaseUrl, 'SELECT count(*)::int AS n FROM records_settings');
      expect(rows).toEqual([{ n: 1 }]);
    } finally {
      await Promise.all(instances.map((records) => records.close()));
    }
  });

  it('serialises audit appends of many instances on the chain-head row', async () => {
    const databaseUrl = await server.createDatabase();
    const instances = await Promise.all(Array.from({ length: 4 }, () => openPostgresServerRecords({ databaseUrl, maxConnections: 4 })));
    try {
      const batches = await Promise.all(
        Array.from({ length: 50 }, (_, i) => instances[i % 4]!.appendAudit(Array.from({ length: 1 + (i % 3) }, (_, n) => auditEntry(i * 10 + n, `child:c${i % 4}`)))),
      );
      const total = batches.reduce((sum, b) => sum + b.length, 0);
      expect(batches.flat().map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect(await instances[0]!.verifyAudit()).toEqual({ ok: true, entries: total });
    } finally {
      await Promise.all(instances.map((records) => records.close()));
    }
  });

  it('moves the records between backends: SQLite backup into PostgreSQL and back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'records-move-'));
    try {
      const sqliteDir = join(dir, 'data');
      const sqlite = await openServerRecords({ DATA_DIR: sqliteDir });
      expect(sqlite.kind).toBe('sqlite');
      const log = await openSqliteDocumentLog({ dataDir: sqliteDir });
      const editor = new TestEditor();
      await log.append('child:c1', editor.edits(0, 4));
      await log.close();
      await fill(sqlite);
      const expected = await contentsOf(sqlite);
      await sqlite.close();

      const databaseUrl = await server.createDatabase();
      await backupDocumentStore({ DATA_DIR: sqliteDir }, join(dir, 'from-sqlite.sqlite'));
      const counts = await restoreDocumentStore({ DATA_DIR: sqliteDir, DATABASE_URL: databaseUrl }, join(dir, 'from-sqlite.sqlite'));
      expect(counts).toEqual({ documents: 1, snapshots: 0, updates: 4, accounts: 2, grants: 3, audit: 5, versions: 2, children: 2, settings: 2 });
      const postgres = await openPostgresServerRecords({ databaseUrl });
      expect(await contentsOf(postgres)).toEqual(expected);
      expect(await postgres.verifyAudit()).toEqual({ ok: true, entries: 5 });
      await postgres.appendAudit([auditEntry(6)]);
      const expectedBack = await contentsOf(postgres);
      await postgres.close();

      await backupDocumentStore({ DATA_DIR: sqliteDir, DATABASE_URL: databaseUrl }, join(dir, 'from-postgres.jsonl'));
      const emptyDir = join(dir, 'restored');
      const back = await restoreDocumentStore({ DATA_DIR: emptyDir }, join(dir, 'from-postgres.jsonl'));
      expect(back).toMatchObject({ documents: 1, accounts: 2, audit: 6 });
      const again = await openServerRecords({ DATA_DIR: emptyDir });
      expect(await again.verifyAudit()).toEqual({ ok: true, entries: 6 });
      expect(await contentsOf(again)).toEqual(expectedBack);
      expect((await again.auditOf('child:c1', 1))[0]).toMatchObject({ seq: 6, prevHash: (await again.auditOf('child:c1', 2))[1]!.hash });
      await again.close();
      const backLog = await openSqliteDocumentLog({ dataDir: emptyDir });
      expect(contentOf(await backLog.load('child:c1'))).toEqual(editor.content());
      await backLog.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
