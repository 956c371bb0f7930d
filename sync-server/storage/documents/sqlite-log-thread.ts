/**
 * The SQLite document log's own thread (started by `openThreadedSqliteDocumentLog`, never
 * imported): opens the log with the options in `workerData` and serves calls to it. Appends
 * come in batches (`appendAll`), answered with each one's outcome and the log's counters, which
 * the main thread shows as `stats()`.
 */
import { workerData } from 'node:worker_threads';
import { openSqliteDocumentLog, type SqliteDocumentLogOptions } from './sqlite-document-log.ts';
import type { AuditRecord } from '../db/audit-append.ts';
import { sendable, serveCalls } from '../db/thread-calls.ts';

serveCalls(async () => {
  const log = await openSqliteDocumentLog(workerData as SqliteDocumentLogOptions);
  return {
    /** Appends made together on the main thread, started together here so that they share one commit. */
    appendAll: async (requests: readonly { name: string; updates: readonly Uint8Array[]; audit: readonly AuditRecord[] }[]) => {
      const outcomes = await Promise.allSettled(requests.map(({ name, updates, audit }) => log.append(name, updates, audit)));
      return {
        results: outcomes.map((o) => (o.status === 'fulfilled' ? { seq: o.value } : { error: sendable(o.reason) })),
        stats: log.stats(),
      };
    },
    load: (name: string) => log.load(name),
    compact: (name: string, snapshot: Uint8Array, throughSeq: number) => log.compact(name, snapshot, throughSeq),
    pending: (name: string) => log.pending(name),
    names: () => log.names(),
    backup: (file: string) => log.backup(file),
    close: () => log.close(),
  };
});
