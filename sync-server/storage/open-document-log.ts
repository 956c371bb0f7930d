/**
 * Choosing the storage backend from the configuration: SQLite files under DATA_DIR by default,
 * PostgreSQL when DATABASE_URL is set. Also the store-level backup and restore behind
 * `npm run admin -- backup|restore`.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import type { BackupCounts } from './backup-records.ts';
import type { DocumentLog } from './document-log.ts';
import { restorePostgres } from './postgres-backup.ts';
import { openPostgresDocumentLog } from './postgres-document-log.ts';
import { backupSqliteStore } from './sqlite-backup.ts';
import { openSqliteDocumentLog } from './sqlite-document-log.ts';
import { restoreSqlite } from './sqlite-restore.ts';
import { openThreadedSqliteDocumentLog } from './threaded-document-log.ts';

/** The storage part of the server's environment; merge into `config.ts`'s schema. */
export const StorageConfig = z.object({
  /** Directory of the SQLite store (`documents.sqlite`), relative to the working directory. */
  DATA_DIR: z.string().min(1).default('data'),
  /** When set, PostgreSQL is used instead of SQLite, e.g. `postgres://user:pw@host:5432/db`. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// URL')
    .optional(),
});
export type StorageConfig = z.infer<typeof StorageConfig>;

/** How to open a backend. */
export interface OpenOptions {
  /**
   * SQLite only: run the connection in a thread of its own, so that commits never pause the
   * caller's event loop. The server does; short-lived commands need not. PostgreSQL's client
   * never blocks, so this changes nothing there.
   */
  readonly ownThread?: boolean;
}

/** Opens the configured backend. */
export function openDocumentLog(config: StorageConfig, options: OpenOptions = {}): Promise<DocumentLog> {
  if (config.DATABASE_URL !== undefined) return openPostgresDocumentLog({ databaseUrl: config.DATABASE_URL });
  const sqlite = { dataDir: resolve(config.DATA_DIR) };
  return options.ownThread ? openThreadedSqliteDocumentLog(sqlite) : openSqliteDocumentLog(sqlite);
}

/** Where a store lives, for messages: the SQLite file or the database URL without its password. */
export function describeStore(config: StorageConfig): string {
  if (config.DATABASE_URL === undefined) return `SQLite in ${resolve(config.DATA_DIR)}`;
  const url = new URL(config.DATABASE_URL);
  if (url.password !== '') url.password = '***';
  return `PostgreSQL at ${url.toString()}`;
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
  const log = await openPostgresDocumentLog({ databaseUrl: config.DATABASE_URL, maxConnections: 1 });
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
