/**
 * The SQLite document log run in a thread of its own, as the server uses it: the same log
 * (`sqlite-document-log.ts`, same file, same group commit, same guarantees), but each commit
 * and its fsync happen off the main thread, so a slow disk, a WAL checkpoint or another
 * process's write lock delays acknowledgements only, never the forwarding of edits to other
 * clients or the answers to requests. Calls made after the thread stopped are rejected.
 */
import { checkAppend, type DocumentLog, type DocumentLogStats, type PendingUpdates, type StoredDocument } from './document-log.ts';
import type { SqliteDocumentLogOptions } from './sqlite-document-log.ts';
import type { AuditRecord } from '../db/audit-append.ts';
import { CallThread, revived, type SentError } from '../db/thread-calls.ts';

/** What the thread answers to a batch of appends: each one's sequence number or error, and the log's counters. */
interface AppendAllResult {
  readonly results: readonly ({ seq: number } | { error: SentError })[];
  readonly stats: DocumentLogStats;
}

const THREAD_SCRIPT = new URL('./sqlite-log-thread.ts', import.meta.url);

/** Opens the SQLite log of `options.dataDir` in a new thread; rejects with the log's own error when it cannot be opened. */
export async function openThreadedSqliteDocumentLog(options: SqliteDocumentLogOptions): Promise<DocumentLog> {
  return new ThreadedDocumentLog(await CallThread.start(THREAD_SCRIPT, options, 'sqlite-document-log'));
}

class ThreadedDocumentLog implements DocumentLog {
  readonly kind = 'sqlite';
  readonly #thread: CallThread;
  #stats: DocumentLogStats = { commits: 0, updates: 0 };
  #outgoing: { name: string; updates: readonly Uint8Array[]; audit: readonly AuditRecord[]; resolve: (seq: number) => void; reject: (error: unknown) => void }[] = [];
  #closed: Promise<void> | undefined;

  constructor(thread: CallThread) {
    this.#thread = thread;
  }

  /**
   * Queues the append and sends every append made in the same turn of the event loop as one
   * message, so that they reach the log together and share a commit (group commit), as they
   * would on this thread.
   */
  append(name: string, updates: readonly Uint8Array[], audit: readonly AuditRecord[] = []): Promise<number> {
    return new Promise((resolve, reject) => {
      checkAppend(name, updates, audit); // here too, so that a bad append cannot fail the others sent with it
      this.#outgoing.push({ name, updates, audit, resolve, reject });
      if (this.#outgoing.length === 1) setImmediate(() => this.#sendAppends());
    });
  }

  #sendAppends(): void {
    if (this.#outgoing.length === 0) return;
    const batch = this.#outgoing;
    this.#outgoing = [];
    const requests = batch.map(({ name, updates, audit }) => ({ name, updates, audit }));
    this.#thread.call<AppendAllResult>('appendAll', requests).then(
      ({ results, stats }) => {
        if (stats.commits >= this.#stats.commits) this.#stats = stats;
        results.forEach((result, i) => ('seq' in result ? batch[i]!.resolve(result.seq) : batch[i]!.reject(revived(result.error))));
      },
      (error: unknown) => {
        for (const waiting of batch) waiting.reject(error);
      },
    );
  }

  load(name: string): Promise<StoredDocument | null> {
    return this.#thread.call('load', name);
  }

  compact(name: string, snapshot: Uint8Array, throughSeq: number): Promise<boolean> {
    return this.#thread.call('compact', name, snapshot, throughSeq);
  }

  pending(name: string): Promise<PendingUpdates> {
    return this.#thread.call('pending', name);
  }

  names(): Promise<string[]> {
    return this.#thread.call('names');
  }

  backup(file: string): Promise<void> {
    return this.#thread.call('backup', file);
  }

  /** The counters as of the last append answered. */
  stats(): DocumentLogStats {
    return this.#stats;
  }

  /** Commits what is queued (appends made before this call included), closes the database and ends the thread. */
  close(): Promise<void> {
    this.#sendAppends();
    this.#closed ??= this.#thread.call<void>('close').finally(() => this.#thread.stop());
    return this.#closed;
  }
}
