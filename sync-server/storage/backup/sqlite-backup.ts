/**
 * Reading a SQLite backup (a copy of the store file made by `../db/sqlite-copy.ts`) back as
 * checked records: the document log's, then the server records'.
 */
import { DatabaseSync } from 'node:sqlite';
import { sqliteRecordsOf } from './sqlite-records-backup.ts';
import { BackupChecker, type BackupCounts, type BackupRecord } from './backup-records.ts';
import { SQLITE_SCHEMA_VERSION, schemaVersion } from '../db/sqlite-store.ts';

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
