/**
 * Background compaction: once a document has gathered enough updates since its snapshot (by
 * count or by bytes), merge snapshot and updates into a new snapshot. Runs after the append has
 * been acknowledged, never in its path; one compaction per document at a time; a failure is
 * logged and retried later and never reaches the caller.
 */
import * as Y from 'yjs';
import type { DocumentLog, StoredDocument } from './document-log.ts';

/** When and how to compact. */
export interface CompactorOptions {
  /** Compact when this many updates follow the snapshot (default 500). */
  readonly maxCount?: number;
  /** Compact when the updates after the snapshot hold this many bytes (default 1 MiB). */
  readonly maxBytes?: number;
  /** Wait before checking a document again after a failure (default 30 s). */
  readonly retryDelayMs?: number;
  /** Where failures are reported (default console.error). */
  readonly onError?: (message: string, error: unknown) => void;
  /** Keep deleted content in snapshots (Y.mergeUpdates) instead of collecting it (default false). */
  readonly keepDeleted?: boolean;
}

/** The compactor of one {@link DocumentLog}. */
export interface Compactor {
  /**
   * Tells the compactor that `name` was appended to. Returns at once: the check (a cheap
   * `pending` read) and any compaction run later, off the caller's path.
   */
  noteAppend(name: string): void;
  /**
   * Compacts `name` now whatever its pending counts (e.g. when the server unloads it). Resolves
   * true when a snapshot was stored; rejects on failure (unlike background compaction).
   */
  compactNow(name: string): Promise<boolean>;
  /** Checks every stored document once (e.g. at start), compacting those over a threshold. */
  checkAll(): Promise<void>;
  /** Resolves when nothing is scheduled or running (for tests and shutdown). */
  idle(): Promise<void>;
  /** Stops scheduling, cancels retries and waits for running compactions. */
  close(): Promise<void>;
}

/**
 * The snapshot of a stored document: its snapshot and updates applied to a fresh Y.Doc with
 * garbage collection, then `Y.encodeStateAsUpdate`. Deleted content is dropped, so a snapshot is
 * smaller than its parts and deleted text is no longer stored (DESIGN.md, decision 2). Updates
 * whose dependencies are missing stay pending in the doc and are kept in the snapshot. With
 * `keepDeleted`, `Y.mergeUpdates` instead: every struct kept as it is, deleted text included.
 */
export function mergeStored(stored: StoredDocument, keepDeleted = false): Uint8Array {
  const parts = stored.snapshot === null ? [...stored.updates] : [stored.snapshot, ...stored.updates];
  if (keepDeleted) return Y.mergeUpdates(parts);
  const doc = new Y.Doc({ gc: true });
  try {
    for (const part of parts) Y.applyUpdate(doc, part, 'storage-compaction');
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** Loads `name`, merges it ({@link mergeStored}) and stores the snapshot; false when nothing to do. */
export async function compactDocument(log: DocumentLog, name: string, keepDeleted = false): Promise<boolean> {
  const stored = await log.load(name);
  if (stored === null || stored.updates.length === 0) return false;
  return log.compact(name, mergeStored(stored, keepDeleted), stored.seq);
}

/** Creates the compactor of `log`. Close it before closing the log. */
export function createCompactor(log: DocumentLog, options: CompactorOptions = {}): Compactor {
  const maxCount = options.maxCount ?? 500;
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const retryDelayMs = options.retryDelayMs ?? 30_000;
  const keepDeleted = options.keepDeleted ?? false;
  const onError = options.onError ?? ((message, error) => console.error(`[storage/compaction] ${message}`, error));
  /** Per document, the tail of its chain of checks and compactions: one at a time. */
  const lanes = new Map<string, Promise<void>>();
  /** Documents with a check queued that has not started: a later append needs no other. */
  const queued = new Set<string>();
  const running = new Set<Promise<unknown>>();
  const retries = new Set<NodeJS.Timeout>();
  let closed = false;

  const inLane = <T>(name: string, task: () => Promise<T>): Promise<T> => {
    const result = (lanes.get(name) ?? Promise.resolve()).then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    lanes.set(name, tail);
    running.add(tail);
    void tail.then(() => {
      running.delete(tail);
      if (lanes.get(name) === tail) lanes.delete(name);
    });
    return result;
  };

  const retryLater = (name: string): void => {
    const timer = setTimeout(() => {
      retries.delete(timer);
      schedule(name);
    }, retryDelayMs);
    timer.unref();
    retries.add(timer);
  };

  const check = async (name: string): Promise<void> => {
    try {
      const pending = await log.pending(name);
      if (pending.count >= maxCount || pending.bytes >= maxBytes) await compactDocument(log, name, keepDeleted);
    } catch (error) {
      onError(`compacting "${name}" failed${closed ? '' : `; retrying in ${retryDelayMs} ms`}`, error);
      if (!closed) retryLater(name);
    }
  };

  const schedule = (name: string): void => {
    if (closed || queued.has(name)) return;
    queued.add(name);
    void inLane(name, async () => {
      // A macrotask later: the append that triggered this has been acknowledged first.
      await new Promise((resolve) => setImmediate(resolve));
      queued.delete(name);
      if (!closed) await check(name);
    });
  };

  const idle = async (): Promise<void> => {
    while (running.size > 0) await Promise.allSettled([...running]);
  };

  return {
    noteAppend: schedule,
    compactNow: (name) => (closed ? Promise.reject(new Error('compactor is closed')) : inLane(name, () => compactDocument(log, name, keepDeleted))),
    async checkAll() {
      const names = await log.names();
      for (const [i, name] of names.entries()) {
        schedule(name);
        // A few at a time, so a large store is not hit with thousands of reads at once.
        if (i % 16 === 15) await idle();
      }
    },
    idle,
    async close() {
      closed = true;
      for (const timer of retries) clearTimeout(timer);
      retries.clear();
      await idle();
    },
  };
}
