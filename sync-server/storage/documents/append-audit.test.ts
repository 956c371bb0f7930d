/**
 * An append carries its audit entries into the same transaction (issue 13): on SQLite and on
 * PostgreSQL, the entries are chained into the records' audit log with the updates, the chain
 * stays whole while the records append at the same time, and when the audit write fails the
 * updates are not stored either: never a durable update without its audit entry.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQuery, startPostgres, type TestPostgres } from '../../../tests/harness/postgres.ts';
import { sqlitePath } from '../db/sqlite-store.ts';
import { openPostgresServerRecords } from '../records/postgres-server-records.ts';
import type { NewAuditEntry, ServerRecords } from '../records/server-records.ts';
import { openSqliteServerRecords } from '../records/sqlite-server-records.ts';
import type { DocumentLog } from './document-log.ts';
import { openPostgresDocumentLog } from './postgres-document-log.ts';
import { openThreadedSqliteDocumentLog } from './threaded-document-log.ts';
import { TestEditor } from '../../testing/test-editor.ts';

interface Store {
  readonly log: DocumentLog;
  readonly records: ServerRecords;
  /** Makes every later insert into the audit log fail inside its transaction. */
  failAuditInserts(): Promise<void>;
  close(): Promise<void>;
}

let postgres: TestPostgres;
const dirs: string[] = [];
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const backends: [string, () => Promise<Store>][] = [
  [
    'SQLite (log in its own thread)',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'pb-append-audit-'));
      dirs.push(dataDir);
      const records = await openSqliteServerRecords({ dataDir });
      const log = await openThreadedSqliteDocumentLog({ dataDir });
      return {
        log,
        records,
        failAuditInserts: () => {
          const db = new DatabaseSync(sqlitePath(dataDir));
          db.exec("CREATE TRIGGER test_fail_audit BEFORE INSERT ON records_audit BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
          db.close();
          return Promise.resolve();
        },
        close: async () => {
          await log.close();
          await records.close();
        },
      };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const databaseUrl = await postgres.createDatabase();
      const records = await openPostgresServerRecords({ databaseUrl });
      const log = await openPostgresDocumentLog({ databaseUrl });
      return {
        log,
        records,
        failAuditInserts: () =>
          adminQuery(
            databaseUrl,
            `CREATE FUNCTION test_fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$;
             CREATE TRIGGER test_fail_audit BEFORE INSERT ON records_audit FOR EACH ROW EXECUTE FUNCTION test_fail_audit();`,
          ),
        close: async () => {
          await log.close();
          await records.close();
        },
      };
    },
  ],
];

function entry(document: string, bytes: number, username = 'asha.patel'): NewAuditEntry {
  return { at: new Date().toISOString(), username, document, parts: ['ppms'], bytes, action: 'edit' };
}

for (const [backend, open] of backends) {
  describe(`appends with their audit entries: ${backend}`, { timeout: 60_000 }, () => {
    it('chains the entries with the updates, one chain while the records append too', async () => {
      const store = await open();
      try {
        const editor = new TestEditor();
        const appends = Array.from({ length: 30 }, (_, i) => {
          const update = editor.edit(i, `k${i}`);
          return store.log.append(`child:${i % 3}`, [update], [entry(`child:${i % 3}`, update.length)]);
        });
        const direct = Array.from({ length: 10 }, (_, i) => store.records.appendAudit([entry('child:other', i, 'system')]));
        await Promise.all([...appends, ...direct]);
        expect(await store.records.verifyAudit()).toEqual({ ok: true, entries: 40 });
        expect(await store.records.auditOf('child:0', 100)).toHaveLength(10);
        expect((await store.records.auditOf('child:1', 1))[0]).toMatchObject({ username: 'asha.patel', action: 'edit', parts: ['ppms'] });
        // A malformed entry refuses the append before anything is written.
        await expect(store.log.append('child:9', [editor.edit(99, 'x')], [{ ...entry('child:9', 1), bytes: -1 }])).rejects.toThrow(TypeError);
        expect(await store.log.load('child:9')).toBeNull();
      } finally {
        await store.close();
      }
    });

    it('stores neither the updates nor the entries when the audit write fails', async () => {
      const store = await open();
      try {
        const editor = new TestEditor();
        await store.log.append('child:a', [editor.edit(0, 'a')], [entry('child:a', 1)]);
        await store.failAuditInserts();
        await expect(store.log.append('child:b', [editor.edit(1, 'b')], [entry('child:b', 1)])).rejects.toThrow(/injected failure/);
        await expect(store.log.append('child:a', [editor.edit(2, 'c')], [entry('child:a', 1)])).rejects.toThrow(/injected failure/);
        expect(await store.log.load('child:b')).toBeNull();
        expect((await store.log.load('child:a'))!.updates).toHaveLength(1);
        expect(await store.records.verifyAudit()).toEqual({ ok: true, entries: 1 });
      } finally {
        await store.close();
      }
    });
  });
}
