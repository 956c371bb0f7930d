/**
 * PostgreSQL backups: a JSON-lines export of the document log's three tables and the server
 * records' tables read in one REPEATABLE READ transaction (a consistent snapshot while other
 * instances keep writing), and restoring a backup of either format in one transaction.
 */
import pg from 'pg';
import { PostgresRecordsRestore, postgresRecordsOf } from './postgres-records-backup.ts';
import { migrateRecordsPostgres } from '../records/postgres-records-schema.ts';
import { binaryLength, type BackupCounts, type BackupRecord, type DocumentBackupRecord } from './backup-records.ts';
import { readBackup, writeJsonBackup } from './backup-file.ts';
import { migratePostgres } from '../documents/postgres-schema.ts';
import { cursor, inTransaction } from '../db/postgres-transaction.ts';

/** Records inserted per statement while restoring (bounded further by bytes). */
const INSERT_ROWS = 500;
const INSERT_BYTES = 8 * 1024 * 1024;

/** Writes a consistent export of the store to `file` (replaced atomically once complete). */
export async function backupPostgres(pool: pg.Pool, file: string): Promise<BackupCounts> {
  return inTransaction(pool, 'repeatable read only', (client) => writeJsonBackup(file, exportRecords(client)));
}

async function* exportRecords(client: pg.PoolClient): AsyncGenerator<BackupRecord> {
  for await (const row of cursor<{ name: string; last_seq: string; snapshot_seq: string }>(client, 'heads', 'SELECT name, last_seq, snapshot_seq FROM yjs_documents ORDER BY name COLLATE "C"')) {
    yield { t: 'document', name: row.name, lastSeq: Number(row.last_seq), snapshotSeq: Number(row.snapshot_seq) };
  }
  for (const t of ['snapshot', 'update'] as const) {
    for await (const row of cursor<{ name: string; seq: string; data: Buffer }>(client, `${t}s`, `SELECT name, seq, data FROM yjs_${t}s ORDER BY name COLLATE "C", seq`)) {
      yield { t, name: row.name, seq: Number(row.seq), data: row.data };
    }
  }
  yield* postgresRecordsOf(client);
}


/**
 * Replaces everything in the store at `databaseUrl` (tables created when missing), documents
 * and server records, with the backup in `file`, in one transaction that locks the tables: a
 * damaged, truncated or inconsistent backup is refused and the store is left as it was. A
 * backup without records (made before they were backed up) leaves the records empty. Stop the
 * servers first: they keep documents in memory. Returns the counts restored.
 */
export async function restorePostgres(file: string, databaseUrl: string): Promise<BackupCounts> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1, application_name: 'permanence-board-restore' });
  pool.on('error', (error) => console.error('[storage/postgres] restore connection failed', error));
  try {
    await migratePostgres(pool);
    await migrateRecordsPostgres(pool);
    return await inTransaction(pool, 'read write', async (client) => {
      await client.query('LOCK TABLE yjs_documents, yjs_snapshots, yjs_updates IN ACCESS EXCLUSIVE MODE');
      await client.query('DELETE FROM yjs_updates; DELETE FROM yjs_snapshots; DELETE FROM yjs_documents');
      const serverRecords = new PostgresRecordsRestore(client);
      await serverRecords.clear();
      const insert = (batch: readonly BackupRecord[]): Promise<void> =>
        isDocumentBatch(batch) ? insertDocuments(client, batch) : serverRecords.insert(batch as Exclude<BackupRecord, DocumentBackupRecord>[]);
      const records = readBackup(file);
      let batch: BackupRecord[] = [];
      let bytes = 0;
      let next = await records.next();
      while (next.done !== true) {
        const record = next.value;
        if (batch.length > 0 && (batch[0]!.t !== record.t || batch.length >= INSERT_ROWS || bytes >= INSERT_BYTES)) {
          await insert(batch);
          batch = [];
          bytes = 0;
        }
        batch.push(record);
        bytes += binaryLength(record);
        next = await records.next();
      }
      if (batch.length > 0) await insert(batch);
      await serverRecords.finish();
      await client.query(`UPDATE yjs_documents d SET
        pending_count = (SELECT count(*) FROM yjs_updates u WHERE u.name = d.name),
        pending_bytes = (SELECT coalesce(sum(octet_length(u.data)), 0) FROM yjs_updates u WHERE u.name = d.name)`);
      return next.value;
    });
  } finally {
    await pool.end();
  }
}

function isDocumentBatch(batch: readonly BackupRecord[]): batch is readonly DocumentBackupRecord[] {
  const t = batch[0]?.t;
  return t === 'document' || t === 'snapshot' || t === 'update';
}

/** Inserts document log records that are all of one kind. */
async function insertDocuments(client: pg.PoolClient, batch: readonly DocumentBackupRecord[]): Promise<void> {
  const names = batch.map((r) => r.name);
  const first = batch[0]!;
  if (first.t === 'document') {
    const heads = batch as readonly Extract<BackupRecord, { t: 'document' }>[];
    await client.query(
      'INSERT INTO yjs_documents (name, last_seq, snapshot_seq) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])',
      [names, heads.map((r) => r.lastSeq), heads.map((r) => r.snapshotSeq)],
    );
    return;
  }
  const rows = batch as readonly Exclude<DocumentBackupRecord, { t: 'document' }>[];
  await client.query(`INSERT INTO yjs_${first.t}s (name, seq, data) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bytea[])`, [
    names,
    rows.map((r) => r.seq),
    rows.map((r) => r.data),
  ]);
}
