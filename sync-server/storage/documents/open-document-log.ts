/**
 * Choosing the document log's backend from the configuration: SQLite files under DATA_DIR by
 * default, PostgreSQL when DATABASE_URL is set.
 */
import { resolve } from 'node:path';
import type { OpenOptions, StorageConfig } from '../db/storage-config.ts';
import type { DocumentLog } from './document-log.ts';
import { openPostgresDocumentLog, type PostgresBackup } from './postgres-document-log.ts';
import { openSqliteDocumentLog } from './sqlite-document-log.ts';
import { openThreadedSqliteDocumentLog } from './threaded-document-log.ts';

/** How to open the document log. */
export interface DocumentLogOptions extends OpenOptions {
  /**
   * PostgreSQL only: what `backup(file)` writes, documents and server records in one snapshot
   * (`../backup/postgres-backup.ts`'s `backupPostgres`; this layer cannot import it). Without it
   * the log's `backup` rejects.
   */
  readonly postgresBackup?: PostgresBackup;
}

/** Opens the configured backend. */
export function openDocumentLog(config: StorageConfig, options: DocumentLogOptions = {}): Promise<DocumentLog> {
  if (config.DATABASE_URL !== undefined) return openPostgresDocumentLog({ databaseUrl: config.DATABASE_URL, backup: options.postgresBackup });
  const sqlite = { dataDir: resolve(config.DATA_DIR) };
  return options.ownThread ? openThreadedSqliteDocumentLog(sqlite) : openSqliteDocumentLog(sqlite);
}

