/**
 * SQLite backups: an online copy through SQLite's backup API (consistent while the server keeps
 * writing), turned into a single self-contained file, and reading such a file back as records.
 */
import { existsSync } from 'node:fs';
import { backup, DatabaseSync } from 'node:sqlite';
import { sqliteRecordsOf } from '../records/sqlite-records-backup.ts';
import { BackupChecker, type BackupCounts, type BackupRecord } from './backup-records.ts';
import { asidePath, removeAside, replaceDurably } from './durable-file.ts';
import { SQLITE_SCHEMA_VERSION, schemaVersion, sqlitePath } from './sqlite-schema.ts';

/** Copies everything in one backup step: for a connection that nothing else writes through. */
export const WHOLE_DATABASE = 0x7fffffff;

/**
 * Writes a consistent copy of `db` to `file`. The copy is made `pagesPerStep` pages at a time
 * off the main thread; writes through `db` meanwhile are carried into the copy, writes by other
 * connections restart it, so a connection used only for the backup should copy the
 * {@link WHOLE_DATABASE} in one step (a read transaction, which in WAL mode blocks no writer).
 * The copy is switched to rollback-journal mode (one file), checked, synced and renamed over
 * `file`, so `file` is never half-written.
 */
export async function backupSqliteDatabase(db: DatabaseSync, file: string, pagesPerStep: number): Promise<void> {
  const aside = asidePath(file);
  try {
    await backup(db, aside, { rate: pagesPerStep });
    const copy = new DatabaseSync(aside);
    try {
      copy.exec('PRAGMA journal_mode = DELETE');
      const check = copy.prepare('PRAGMA quick_check').get() as { quick_check: string };
      if (check.quick_check !== 'ok') throw new Error(`backup copy failed its check: ${check.quick_check}`);
    } finally {
      copy.close();
    }
    await replaceDurably(aside, file);
  } catch (error) {
    await removeAside(aside);
    throw error;
  }
}

/**
 * Backs up the store in `dataDir` to `file` from a connection of its own, in one step: for
 * `npm run admin -- backup` while the server runs in another process.
 */
export async function backupSqliteStore(dataDir: string, file: string): Promise<void> {
  const path = sqlitePath(dataDir);
  if (!existsSync(path)) throw new Error(`no database at ${path} (is DATA_DIR right?)`);
  const db = new DatabaseSync(path, { timeout: 5000 });
  try {
    await backupSqliteDatabase(db, file, WHOLE_DATABASE);
  } finally {
    db.close();
  }
}

/**
 * Reads a SQLite backup file as checked records: the document log's, then the server
 * records' (none when the file has no records tables). Refuses a file that fails SQLite's
 * integrity check or has a schema version other than the one this code writes.
 */
export function* readSqliteBackup(file: string): Generator<BackupRecord, BackupCounts> {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const check = db.prepare('PRAGMA integrity_check').get() as { integrity_check: string };
    if (check.integrity_check !== 'ok') throw new Error(`${file} is damaged: ${check.integrity_check}`);
    const version = schemaVersion(db);
    if (version !== SQLITE_SCHEMA_VERSION) throw new Error(`${file} has schema version ${version}, expected ${SQLITE_SCHEMA_VERSION}`);
    const checker = new BackupChecker();
    const documents = db.prepare('SELECT name, last_seq, snapshot_seq FROM yjs_documents ORDER BY name');
    for (const row of documents.iterate() as Iterable<{ name: string; last_seq: number; snapshot_seq: number }>) {
      const record: BackupRecord = { t: 'document', name: row.name, lastSeq: row.last_seq, snapshotSeq: row.snapshot_seq };
      checker.check(record);
      yield record;
    }
    for (const t of ['snapshot', 'update'] as const) {
      const rows = db.prepare(`SELECT name, seq, data FROM yjs_${t}s ORDER BY name, seq`);
      for (const row of rows.iterate() as Iterable<{ name: string; seq: number; data: Uint8Array }>) {
        const record: BackupRecord = { t, name: row.name, seq: row.seq, data: row.data };
        checker.check(record);
        yield record;
      }
    }
    for (const record of sqliteRecordsOf(db, file)) {
      checker.check(record);
      yield record;
    }
    return checker.finish();
  } finally {
    db.close();
  }
}
