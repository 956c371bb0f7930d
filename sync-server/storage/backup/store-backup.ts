/**
 * Backup and restore of the whole store, documents and server records together, as plain
 * functions for `npm run admin -- backup|restore` (`admin/backup-command.ts`) to wrap; and the
 * document log opened with its PostgreSQL backup wired in, as the server and admin open it.
 */
import { resolve } from 'node:path';
import { backupSqliteStore } from '../db/sqlite-copy.ts';
import type { OpenOptions, StorageConfig } from '../db/storage-config.ts';
import type { DocumentLog } from '../documents/document-log.ts';
import { openDocumentLog } from '../documents/open-document-log.ts';
import { openPostgresDocumentLog } from '../documents/postgres-document-log.ts';
import { openServerRecords } from '../records/open-server-records.ts';
import type { BackupCounts } from './backup-records.ts';
import { backupPostgres, restorePostgres } from './postgres-backup.ts';
import { restoreSqlite } from './sqlite-restore.ts';

/** The configured document log whose `backup(file)` writes the whole store (both backends). */
export function openStoreLog(config: StorageConfig, options: OpenOptions = {}): Promise<DocumentLog> {
  return openDocumentLog(config, { ...options, postgresBackup: backupPostgres });
}

/**
 * Takes a consistent online backup of the configured store (documents and server records)
 * into `file`, from a connection of its own, while servers keep running. SQLite: a SQLite
 * file (the records live in the same file); PostgreSQL: JSON lines.
 */
export async function backupDocumentStore(config: StorageConfig, file: string): Promise<void> {
  if (config.DATABASE_URL === undefined) {
    await backupSqliteStore(resolve(config.DATA_DIR), file);
    return;
  }
  const log = await openPostgresDocumentLog({ databaseUrl: config.DATABASE_URL, maxConnections: 1, backup: backupPostgres });
  try {
    await log.backup(file);
  } finally {
    await log.close();
  }
}

/**
 * Replaces the configured store's content, documents and server records, with the backup in
 * `file` (either format, so a SQLite backup can move an installation to PostgreSQL), all or
 * nothing. Stop the servers first.
 */
export function restoreDocumentStore(config: StorageConfig, file: string): Promise<BackupCounts> {
  if (config.DATABASE_URL !== undefined) return restorePostgres(file, config.DATABASE_URL);
  return restoreSqlite(file, resolve(config.DATA_DIR));
}

/** What a store holds that a restore would replace ("3 documents and 2 accounts"); '' when empty. */
export async function storeContent(storage: StorageConfig): Promise<string> {
  const log = await openDocumentLog(storage);
  const documents = await log.names().finally(() => log.close());
  const records = await openServerRecords(storage);
  const accounts = await records.accounts().finally(() => records.close());
  if (documents.length === 0 && accounts.length === 0) return '';
  return [`${documents.length} documents`, ...(accounts.length > 0 ? [`${accounts.length} accounts`] : [])].join(' and ');
}

/** One line saying what a restore brought back. */
export function describeCounts(counts: BackupCounts): string {
  return (
    `${counts.documents} documents (${counts.snapshots} snapshots, ${counts.updates} updates), ` +
    `${counts.accounts} accounts, ${counts.grants} grants, ${counts.audit} audit entries, ${counts.versions} named versions, ` +
    `${counts.children} caseload entries, ${counts.settings} settings`
  );
}
