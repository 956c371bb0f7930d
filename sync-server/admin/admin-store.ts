/**
 * The store an admin command works on: the same configuration as the server (`readConfig` of
 * `../config.ts`: DATA_DIR, or PostgreSQL when DATABASE_URL is set), the document log and the
 * server records opened from it. Commands may run while servers run on the same store: SQLite
 * in WAL mode and PostgreSQL both take writes from several processes, and a running server
 * notices account and grant changes through the access version.
 */
import { readConfig, type Config } from '../config.ts';
import { openServerRecords } from '../storage/records/open-server-records.ts';
import type { ServerRecords } from '../storage/records/server-records.ts';
import type { DocumentLog } from '../storage/documents/document-log.ts';
import { describeStore } from '../storage/db/storage-config.ts';
import { openStoreLog } from '../storage/backup/store-backup.ts';
import type { AdminReply } from './admin-reply.ts';

/** The environment the commands read, usually `process.env`. */
export type AdminEnv = Record<string, string | undefined>;

/** An open store. `close()` waits for calls in progress and closes both halves. */
export interface AdminStore {
  readonly config: Config;
  readonly log: DocumentLog;
  readonly records: ServerRecords;
  /** Where the store lives, for messages: `SQLite in /abs/dir` or the URL without its password. */
  readonly where: string;
  close(): Promise<void>;
}

/**
 * Opens the document log and the records of the configured store. Rejects when storage cannot
 * be opened (nothing is left open then).
 */
export async function openAdminStore(config: Config): Promise<AdminStore> {
  const log = await openStoreLog(config);
  let records: ServerRecords;
  try {
    records = await openServerRecords(config);
  } catch (error) {
    await log.close().catch(() => undefined);
    throw error;
  }
  return {
    config,
    log,
    records,
    where: describeStore(config),
    async close() {
      await Promise.allSettled([records.close(), log.close()]);
    },
  };
}

/**
 * Opens the store, runs `work`, and closes it whatever happens; rejects with the error of
 * opening or of `work`.
 */
export async function withAdminStore<T>(config: Config, work: (store: AdminStore) => Promise<T>): Promise<T> {
  const store = await openAdminStore(config);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/**
 * Runs one store command's `work` on the store `env` configures, and answers for it: bad
 * configuration (`VARIABLE: what it should be`) with `reply.configuration`, opening nothing; else
 * the store is opened, `work` runs and the store is closed whatever happens. An error of opening
 * or of `work` is answered by `onError` when it gives an exit status, else as `what` failing in
 * storage (`reply.storage`). Resolves with the exit status.
 */
export async function runOnStore(
  env: AdminEnv,
  reply: AdminReply,
  what: string,
  work: (store: AdminStore) => Promise<number>,
  onError?: (error: unknown) => number | undefined,
): Promise<number> {
  const config = readConfig(env);
  if (!config.ok) return reply.configuration(config.problems);
  try {
    return await withAdminStore(config.config, work);
  } catch (error) {
    return onError?.(error) ?? reply.storage(error, what);
  }
}
