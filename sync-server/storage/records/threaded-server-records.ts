/**
 * The SQLite server records run in a thread of their own, as the server uses them: the same
 * records (`sqlite-server-records.ts`, same file, same checks), but each commit and its fsync
 * (audit entries, index entries, grants) and each wait for the write lock happen off the main
 * thread, which keeps forwarding edits. Calls made after the thread stopped are rejected.
 */
import { CallThread } from '../db/thread-calls.ts';
import type { ServerRecords } from './server-records.ts';
import type { SqliteServerRecordsOptions } from './sqlite-server-records.ts';

const THREAD_SCRIPT = new URL('./sqlite-records-thread.ts', import.meta.url);

/** Opens the SQLite records of `options.dataDir` in a new thread; rejects with their own error when they cannot be opened. */
export async function openThreadedSqliteServerRecords(options: SqliteServerRecordsOptions): Promise<ServerRecords> {
  const thread = await CallThread.start(THREAD_SCRIPT, options, 'sqlite-server-records');
  let closed: Promise<void> | undefined;
  return {
    kind: 'sqlite',
    ...CallThread.remote<ServerRecords>(thread)([
      'addAccount',
      'account',
      'accounts',
      'setDisabled',
      'setPasswordHash',
      'grant',
      'revoke',
      'grantFor',
      'grantsOf',
      'grantsOn',
      'accessVersion',
      'appendAudit',
      'auditOf',
      'verifyAudit',
      'auditHead',
      'addVersion',
      'deleteVersion',
      'versionsOf',
      'version',
      'putChild',
      'child',
      'children',
      'childrenToRate',
      'rateable',
      'rerateChildren',
      'caseloadRatedOn',
      'markCaseloadRated',
      'deleteSetting',
    ]),
    /** `create` runs here, on the calling thread, and only when `key` has no value yet. */
    async setting(key: string, create: () => Uint8Array): Promise<Uint8Array> {
      const existing = await thread.call<Uint8Array | null>('setting', key, undefined);
      return existing ?? thread.call<Uint8Array>('setting', key, create());
    },
    close(): Promise<void> {
      closed ??= thread.call<void>('close').finally(() => thread.stop());
      return closed;
    },
  } satisfies ServerRecords;
}
