/**
 * Restoring a backup (either format) into the SQLite store in DATA_DIR. Stop the server first:
 * a running server keeps documents in memory and would not see the restored content.
 */
import { resolve } from 'node:path';
import type { BackupCounts } from './backup-records.ts';
import { SqliteRecordsRestore } from './sqlite-records-backup.ts';
import { migrateSqliteRecords } from '../records/sqlite-records-schema.ts';
import { readBackup } from './backup-file.ts';
import { openSqliteDatabase, sqlitePath } from '../db/sqlite-store.ts';

/**
 * Replaces everything in the SQLite store of `dataDir` (created when missing), documents and
 * server records, with the backup in `file`, in one transaction: a damaged, truncated or
 * inconsistent backup is refused and the store is left as it was. A backup without records
 * (made before they were backed up) leaves the records empty. Returns the counts restored.
 */
export async function restoreSqlite(file: string, dataDir: string): Promise<BackupCounts> {
  const path = sqlitePath(dataDir);
  if (resolve(file) === resolve(path)) throw new Error('cannot restore the database onto itself');
  const db = openSqliteDatabase(path);
  try {
    migrateSqliteRecords(db, path);
    db.exec('BEGIN IMMEDIATE');
    try {
      for (const table of ['yjs_documents', 'yjs_snapshots', 'yjs_updates']) db.exec(`DELETE FROM ${table}`);
      const records = new SqliteRecordsRestore(db);
      records.clear();
      const insertDocument = db.prepare('INSERT INTO yjs_documents (name, last_seq, snapshot_seq) VALUES (?, ?, ?)');
      const insertSnapshot = db.prepare('INSERT INTO yjs_snapshots (name, seq, data) VALUES (?, ?, ?)');
      const insertUpdate = db.prepare('INSERT INTO yjs_updates (name, seq, data) VALUES (?, ?, ?)');
      const backup = readBackup(file);
      let next = await backup.next();
      while (next.done !== true) {
        const record = next.value;
        if (record.t === 'document') insertDocument.run(record.name, record.lastSeq, record.snapshotSeq);
        else if (record.t === 'snapshot' || record.t === 'update') (record.t === 'snapshot' ? insertSnapshot : insertUpdate).run(record.name, record.seq, record.data);
        else records.insert(record);
        next = await backup.next();
      }
      records.finish();
      db.exec(`UPDATE yjs_documents SET
         pending_count = (SELECT count(*) FROM yjs_updates u WHERE u.name = yjs_documents.name),
         pending_bytes = (SELECT coalesce(sum(length(data)), 0) FROM yjs_updates u WHERE u.name = yjs_documents.name)`);
      db.exec('COMMIT');
      return next.value;
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  } finally {
    db.close();
  }
}
