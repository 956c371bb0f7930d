import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { compactDocument } from './compaction.ts';
import type { DocumentLog } from './document-log.ts';
import { type StoreUnderTest } from '../../testing/test-stores.ts';
import { describeDocumentLog } from './document-log.suite.ts';
import { backupSqliteStore } from '../db/sqlite-copy.ts';
import { openSqliteDocumentLog } from './sqlite-document-log.ts';
import { restoreSqlite } from '../backup/sqlite-restore.ts';
import { openSqliteDatabase, sqlitePath } from '../db/sqlite-store.ts';
import { openThreadedSqliteDocumentLog } from './threaded-document-log.ts';
import { contentOf, TestEditor } from '../../testing/test-editor.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sqlite-document-log-'));
  dirs.push(dir);
  return dir;
}

/** The shared suite against SQLite in `dataDir`, opened by `open` (on this thread or its own). */
const sqliteStore = (open: (options: { dataDir: string }) => Promise<DocumentLog>) => async (): Promise<StoreUnderTest> => {
  const dataDir = await tempDir();
  return {
    open: () => open({ dataDir }),
    restore: (file) => restoreSqlite(file, dataDir),
    failWrites: (fail) => {
      const db = new DatabaseSync(sqlitePath(dataDir));
      db.exec(`CREATE TABLE IF NOT EXISTS test_fail_switch (on_ INTEGER) STRICT`);
      for (const [table, event] of [['yjs_updates', 'INSERT'], ['yjs_updates', 'DELETE'], ['yjs_snapshots', 'INSERT'], ['yjs_snapshots', 'UPDATE']]) {
        db.exec(`CREATE TRIGGER IF NOT EXISTS test_fail_${table}_${event} BEFORE ${event} ON ${table}
          WHEN EXISTS (SELECT 1 FROM test_fail_switch) BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
      }
      db.exec(fail ? 'INSERT INTO test_fail_switch VALUES (1)' : 'DELETE FROM test_fail_switch');
      db.close();
      return Promise.resolve();
    },
    destroy: () => rm(dataDir, { recursive: true, force: true }),
  };
};

describeDocumentLog('SQLite', sqliteStore(openSqliteDocumentLog));
describeDocumentLog('SQLite in its own thread', sqliteStore(openThreadedSqliteDocumentLog));

describe('SQLite store', () => {
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('opens in WAL mode with synchronous=FULL, so a commit survives power loss', async () => {
    const db = openSqliteDatabase(sqlitePath(await tempDir()));
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 2 });
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: 1 });
    db.close();
  });

  it('refuses a database written by a newer schema', async () => {
    const dataDir = await tempDir();
    openSqliteDatabase(sqlitePath(dataDir)).close();
    const db = new DatabaseSync(sqlitePath(dataDir));
    db.exec('PRAGMA user_version = 99');
    db.close();
    await expect(openSqliteDocumentLog({ dataDir })).rejects.toThrow(/schema version 99/);
  });

  it('writes the admin backup as one self-contained, checked SQLite file', async () => {
    const dataDir = await tempDir();
    const log = await openSqliteDocumentLog({ dataDir });
    const editor = new TestEditor();
    await log.append('child:1', editor.edits(0, 40));
    const file = join(await tempDir(), 'documents-backup.sqlite');
    await backupSqliteStore(dataDir, file);
    await log.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const copy = new DatabaseSync(file, { readOnly: true });
    expect(copy.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'delete' });
    expect(copy.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    copy.close();
    const restoredDir = await tempDir();
    await restoreSqlite(file, restoredDir);
    const restored = await openSqliteDocumentLog({ dataDir: restoredDir });
    expect(contentOf(await restored.load('child:1'))).toEqual(editor.content());
    await restored.close();
  });

  it('keeps every acknowledged append of a process killed with SIGKILL, each with its audit entry, while another compacts', { timeout: 60_000 }, async () => {
    const dataDir = await tempDir();
    const child = fileURLToPath(new URL('../../testing/sqlite-kill-child.ts', import.meta.url));
    const acknowledged = new Map<string, number>();
    for (let run = 0; run < 5; run++) {
      const compactor = await openSqliteDocumentLog({ dataDir });
      const process_ = spawn(process.execPath, [child, dataDir, 'child:killed', `r${run}-`], { stdio: ['ignore', 'pipe', 'inherit'] });
      const killAfter = 20 + Math.floor(Math.random() * 200);
      let lines = 0;
      let compacting = true;
      // This process is the second instance: it compacts the same document meanwhile.
      const compactions = (async () => {
        while (compacting) {
          await compactDocument(compactor, 'child:killed').catch(() => false);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();
      for await (const line of createInterface({ input: process_.stdout })) {
        const [edit, seq] = line.split(' ');
        acknowledged.set(`r${run}-${edit}`, Number(seq));
        if (++lines === killAfter) process_.kill('SIGKILL');
      }
      compacting = false;
      await compactions;
      await compactor.close();
      expect(lines).toBeGreaterThanOrEqual(killAfter);

      const db = new DatabaseSync(sqlitePath(dataDir));
      expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
      // Each append carried one audit entry in its own transaction: exactly one per stored update.
      const { audited } = db.prepare("SELECT count(*) AS audited FROM records_audit WHERE document = 'child:killed' AND username = 'kill-child'").get() as { audited: number };
      db.close();
      const log = await openSqliteDocumentLog({ dataDir });
      const stored = await log.load('child:killed');
      await log.close();
      expect(audited).toBe(stored!.seq);
      const keys = Object.keys(contentOf(stored).map);
      const missing = [...acknowledged.keys()].filter((key) => !keys.includes(key));
      expect(missing).toEqual([]);
      expect(stored!.seq).toBeGreaterThanOrEqual(Math.max(...acknowledged.values()));
    }
  });
});
