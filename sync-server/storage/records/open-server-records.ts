/**
 * Choosing the records backend from the same configuration as the document log: the SQLite
 * file in DATA_DIR by default, PostgreSQL when DATABASE_URL is set. Open the document log and
 * the records from one `StorageConfig`, so both live in the same store and one backup holds both.
 */
import { resolve } from 'node:path';
import type { OpenOptions, StorageConfig } from '../db/storage-config.ts';
import { openPostgresServerRecords } from './postgres-server-records.ts';
import type { ServerRecords } from './server-records.ts';
import { openSqliteServerRecords } from './sqlite-server-records.ts';
import { openThreadedSqliteServerRecords } from './threaded-server-records.ts';

/** Opens the configured backend's records, creating or upgrading their tables (see {@link OpenOptions}). */
export function openServerRecords(config: StorageConfig, options: OpenOptions = {}): Promise<ServerRecords> {
  if (config.DATABASE_URL !== undefined) return openPostgresServerRecords({ databaseUrl: config.DATABASE_URL });
  const sqlite = { dataDir: resolve(config.DATA_DIR) };
  return options.ownThread ? openThreadedSqliteServerRecords(sqlite) : openSqliteServerRecords(sqlite);
}
