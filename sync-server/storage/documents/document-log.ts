/**
 * The storage contract of the sync server: an append-only log of Yjs updates per document,
 * compacted into snapshots in the background. Design decision 1: an acknowledged edit is on
 * disk, so the server acknowledges an update only after {@link DocumentLog.append} resolves.
 *
 * Implementations: `sqlite-document-log.ts` (embedded default, one file in DATA_DIR) and
 * `postgres-document-log.ts` (DATABASE_URL). Both pass `document-log.suite.ts`.
 */

import { checkAuditRecords, type AuditRecord } from '../db/audit-append.ts';

/** What {@link DocumentLog.load} returns: replay `snapshot` then `updates` to rebuild the document. */
export interface StoredDocument {
  /** The latest snapshot (a Yjs v1 update of the merged state), or null before the first compaction. */
  readonly snapshot: Uint8Array | null;
  /** The highest seq the snapshot includes (0 when there is none). */
  readonly snapshotSeq: number;
  /** The Yjs v1 updates appended after the snapshot, in seq order. */
  readonly updates: readonly Uint8Array[];
  /** The highest seq included (snapshot or updates): pass it to {@link DocumentLog.compact}. */
  readonly seq: number;
}

/**
 * Updates stored since the last snapshot, to decide when to compact, and the highest seq stored
 * (0 when nothing is): it changes with every append, so it names the stored state cheaply (the
 * calendar cache keys a document on disk by it).
 */
export interface PendingUpdates {
  readonly count: number;
  readonly bytes: number;
  readonly lastSeq: number;
}

/** Counters of one log instance since it was opened (for tests, metrics and benchmarks). */
export interface DocumentLogStats {
  /** Append transactions committed: several appends may share one (group commit). */
  readonly commits: number;
  /** Updates appended and committed. */
  readonly updates: number;
}

/**
 * A durable log of Yjs updates per document name. Seqs are per document, start at 1 and
 * increase by one per update; two instances sharing one store (two server processes) never
 * hand out the same seq. Every method rejects when storage fails and then has changed nothing:
 * a failure is never reported as "empty document".
 */
export interface DocumentLog {
  /** Which backend this is, for logs and the admin command line. */
  readonly kind: 'sqlite' | 'postgres';

  /**
   * Appends `updates` (non-empty Yjs v1 updates, not modified until the promise settles) to
   * document `name`, and resolves with the seq of the last one once they are committed durably
   * (SQLite: WAL synced at commit; PostgreSQL: a committed transaction with synchronous_commit
   * on). Concurrent calls, for any documents, may share one commit (group commit). Rejects with
   * nothing written when storage fails. A rejection after a lost connection can hide a commit
   * that did happen; re-sending is safe because applying a Yjs update twice changes nothing.
   * Throws a TypeError (as a rejection) for an empty name or an empty list or update.
   *
   * `audit`, when given, are the audit entries of these updates (who wrote them, which parts):
   * they are chained into the records' audit log in the same transaction as the updates
   * (`../db/audit-append.ts`), so an update is durable exactly when its audit entry is. The
   * store's records must have been opened once (their tables made) before an append with audit.
   */
  append(name: string, updates: readonly Uint8Array[], audit?: readonly AuditRecord[]): Promise<number>;

  /**
   * The latest snapshot and the updates after it, read consistently (one transaction), or null
   * when the document was never stored. Only committed appends are visible.
   */
  load(name: string): Promise<StoredDocument | null>;

  /**
   * Replaces everything up to and including `throughSeq` with `snapshot` (a Yjs v1 update of
   * the merged state: snapshot plus updates through `throughSeq`), atomically; updates after
   * `throughSeq` are kept. Resolves true when stored, false when the stored snapshot already
   * covers `throughSeq` (another instance compacted further: nothing is changed). Rejects an
   * empty snapshot for a document that has content, a `throughSeq` beyond the last seq, and an
   * unknown document.
   */
  compact(name: string, snapshot: Uint8Array, throughSeq: number): Promise<boolean>;

  /** Count and bytes of the updates after the snapshot ({0, 0} for an unknown document). */
  pending(name: string): Promise<PendingUpdates>;

  /** The names of every stored document, sorted. */
  names(): Promise<string[]>;

  /**
   * Writes a consistent online backup of the whole store to `file` (replaced atomically:
   * written aside, synced, then renamed). SQLite writes a SQLite database file through the
   * backup API; PostgreSQL writes a JSON-lines export read in one REPEATABLE READ transaction.
   * Either can be restored into either backend with `restoreDocumentLog`.
   */
  backup(file: string): Promise<void>;

  /** Counters since this instance was opened. */
  stats(): DocumentLogStats;

  /** Waits for queued appends to commit, then closes; later calls reject. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Whether `update` is a Yjs v1 update that changes nothing: no structs and an empty delete set,
 * which encode as the two bytes `0, 0` (what `Y.encodeStateAsUpdate(new Y.Doc())` returns).
 * An empty byte array counts as empty too.
 */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 0 || (update.length >= 2 && update[0] === 0 && update[1] === 0);
}

/** Throws a TypeError unless `name` and `updates` are acceptable for {@link DocumentLog.append}. */
export function checkAppend(name: string, updates: readonly Uint8Array[], audit: readonly AuditRecord[] = []): void {
  checkName(name);
  if (!Array.isArray(audit)) throw new TypeError('audit entries are an array');
  checkAuditRecords(audit);
  if (!Array.isArray(updates) || updates.length === 0) throw new TypeError('append needs at least one update');
  for (const update of updates) {
    if (!(update instanceof Uint8Array) || update.length === 0) {
      throw new TypeError('every update must be a non-empty Uint8Array');
    }
  }
}

/** Longest accepted document name, in UTF-16 code units. */
export const MAX_NAME_LENGTH = 512;

/** Throws a TypeError unless `name` is a non-empty string of at most {@link MAX_NAME_LENGTH}. */
export function checkName(name: string): void {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH) {
    throw new TypeError(`a document name is a string of 1 to ${MAX_NAME_LENGTH} characters`);
  }
}

/** Throws unless `snapshot` and `throughSeq` are acceptable for {@link DocumentLog.compact}. */
export function checkCompact(name: string, snapshot: Uint8Array, throughSeq: number): void {
  checkName(name);
  if (!(snapshot instanceof Uint8Array)) throw new TypeError('a snapshot is a Uint8Array');
  if (!Number.isSafeInteger(throughSeq) || throughSeq < 1) throw new RangeError('throughSeq is a positive integer');
}

/** Total byte length of `updates`. */
export function byteLength(updates: readonly Uint8Array[]): number {
  let bytes = 0;
  for (const update of updates) bytes += update.length;
  return bytes;
}
