/**
 * The embedded storage backend: one SQLite file in DATA_DIR through Node's built-in
 * `node:sqlite` (no native build). WAL with synchronous=FULL makes each commit durable against
 * a killed process and power loss; appends queued together share one commit, with the audit
 * entries they carry (`../db/audit-append.ts`).
 *
 * DatabaseSync is synchronous: each commit, fsync included, runs on the main thread. Group
 * commit keeps that to one sync per batch; under load, messages that arrive during a sync are
 * read in the next I/O phase and committed together.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import {
  byteLength,
  checkAppend,
  checkCompact,
  checkName,
  isEmptyUpdate,
  type DocumentLog,
  type DocumentLogStats,
  type PendingUpdates,
  type StoredDocument,
} from './document-log.ts';
import { GroupCommit } from './group-commit.ts';
import { sqliteAuditAppender, type AuditRecord } from '../db/audit-append.ts';
import { inSqliteTransaction } from '../db/sqlite-transaction.ts';
import { backupSqliteDatabase } from '../db/sqlite-copy.ts';
import { openSqliteDatabase, sqlitePath } from '../db/sqlite-store.ts';

/** Where and how to open the SQLite store. */
export interface SqliteDocumentLogOptions {
  /** DATA_DIR: the directory holding `documents.sqlite` (created when missing). */
  readonly dataDir: string;
  /** How long to wait for another process's write lock before failing (default 5 s). */
  readonly busyTimeoutMs?: number;
  /** Most appends in one commit (default 1,000). */
  readonly maxBatch?: number;
}

interface AppendRequest {
  readonly name: string;
  readonly updates: readonly Uint8Array[];
  readonly audit: readonly AuditRecord[];
}

interface Head {
  last_seq: number;
  snapshot_seq: number;
  pending_count: number;
  pending_bytes: number;
}

/** Pages copied per backup step: small steps keep each pause of this connection short. */
const BACKUP_PAGES_PER_STEP = 256;

/** Opens the SQLite store in `options.dataDir`, migrating its schema. */
export function openSqliteDocumentLog(options: SqliteDocumentLogOptions): Promise<DocumentLog> {
  return settle(() => new SqliteDocumentLog(options));
}

/** Runs synchronous storage code, turning its result or its exception into a promise. */
function settle<T>(body: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(body()));
}

class SqliteDocumentLog implements DocumentLog {
  readonly kind = 'sqlite';
  readonly #db: DatabaseSync;
  readonly #queue: GroupCommit<AppendRequest, number>;
  readonly #backups = new Set<Promise<void>>();
  readonly #sql: Record<'bump' | 'insertUpdate' | 'head' | 'snapshot' | 'updatesAfter' | 'hasContent' | 'upsertSnapshot' | 'deleteThrough' | 'setCompacted' | 'names', StatementSync>;
  readonly #appendAudit: (entries: readonly AuditRecord[]) => unknown;
  #updates = 0;
  #closed: Promise<void> | undefined;

  constructor(options: SqliteDocumentLogOptions) {
    this.#db = openSqliteDatabase(sqlitePath(options.dataDir), options.busyTimeoutMs);
    const prepare = (sql: string): StatementSync => this.#db.prepare(sql);
    this.#sql = {
      bump: prepare(`INSERT INTO yjs_documents (name, last_seq, pending_count, pending_bytes) VALUES (?, ?, ?, ?)
        ON CONFLICT (name) DO UPDATE SET last_seq = last_seq + excluded.last_seq,
          pending_count = pending_count + excluded.pending_count, pending_bytes = pending_bytes + excluded.pending_bytes
        RETURNING last_seq`),
      insertUpdate: prepare('INSERT INTO yjs_updates (name, seq, data) VALUES (?, ?, ?)'),
      head: prepare('SELECT last_seq, snapshot_seq, pending_count, pending_bytes FROM yjs_documents WHERE name = ?'),
      snapshot: prepare('SELECT data FROM yjs_snapshots WHERE name = ?'),
      updatesAfter: prepare('SELECT data FROM yjs_updates WHERE name = ? AND seq > ? ORDER BY seq'),
      hasContent: prepare(`SELECT EXISTS (SELECT 1 FROM yjs_snapshots WHERE name = ? AND substr(data, 1, 2) <> X'0000')
        OR EXISTS (SELECT 1 FROM yjs_updates WHERE name = ? AND seq <= ? AND substr(data, 1, 2) <> X'0000') AS content`),
      upsertSnapshot: prepare(`INSERT INTO yjs_snapshots (name, seq, data) VALUES (?, ?, ?)
        ON CONFLICT (name) DO UPDATE SET seq = excluded.seq, data = excluded.data WHERE excluded.seq > yjs_snapshots.seq`),
      deleteThrough: prepare('DELETE FROM yjs_updates WHERE name = ? AND seq <= ?'),
      setCompacted: prepare(`UPDATE yjs_documents SET snapshot_seq = ?,
          pending_count = (SELECT count(*) FROM yjs_updates WHERE name = ?),
          pending_bytes = (SELECT coalesce(sum(length(data)), 0) FROM yjs_updates WHERE name = ?)
        WHERE name = ?`),
      names: prepare('SELECT name FROM yjs_documents ORDER BY name'),
    };
    this.#appendAudit = sqliteAuditAppender(this.#db);
    this.#queue = new GroupCommit<AppendRequest, number>({
      commit: (batch) => this.#commit(batch),
      sizeOf: (request) => byteLength(request.updates),
      ...(options.maxBatch === undefined ? {} : { maxItems: options.maxBatch }),
    });
  }

  async append(name: string, updates: readonly Uint8Array[], audit: readonly AuditRecord[] = []): Promise<number> {
    checkAppend(name, updates, audit);
    return this.#queue.add({ name, updates, audit });
  }

  load(name: string): Promise<StoredDocument | null> {
    return settle(() => this.#load(name));
  }

  #load(name: string): StoredDocument | null {
    checkName(name);
    this.#checkOpen();
    return inSqliteTransaction(this.#db, 'BEGIN', () => {
      const head = this.#sql.head.get(name) as Head | undefined;
      if (head === undefined) return null;
      const snapshot = head.snapshot_seq > 0 ? (this.#sql.snapshot.get(name) as { data: Uint8Array } | undefined) : undefined;
      if (head.snapshot_seq > 0 && snapshot === undefined) throw new Error(`document "${name}": snapshot row missing`);
      const rows = this.#sql.updatesAfter.all(name, head.snapshot_seq) as { data: Uint8Array }[];
      return { snapshot: snapshot?.data ?? null, snapshotSeq: head.snapshot_seq, updates: rows.map((r) => r.data), seq: head.last_seq };
    });
  }

  compact(name: string, snapshot: Uint8Array, throughSeq: number): Promise<boolean> {
    return settle(() => this.#compact(name, snapshot, throughSeq));
  }

  #compact(name: string, snapshot: Uint8Array, throughSeq: number): boolean {
    checkCompact(name, snapshot, throughSeq);
    this.#checkOpen();
    return inSqliteTransaction(this.#db, 'BEGIN IMMEDIATE', () => {
      const head = this.#sql.head.get(name) as Head | undefined;
      if (head === undefined) throw new Error(`cannot compact unknown document "${name}"`);
      if (throughSeq > head.last_seq) throw new RangeError(`cannot compact "${name}" through ${throughSeq}: last seq is ${head.last_seq}`);
      if (throughSeq <= head.snapshot_seq) return false;
      if (isEmptyUpdate(snapshot)) {
        const { content } = this.#sql.hasContent.get(name, name, throughSeq) as { content: number };
        if (content !== 0) throw new Error(`refusing to replace the content of "${name}" with an empty snapshot`);
      }
      this.#sql.upsertSnapshot.run(name, throughSeq, snapshot);
      this.#sql.deleteThrough.run(name, throughSeq);
      this.#sql.setCompacted.run(throughSeq, name, name, name);
      return true;
    });
  }

  pending(name: string): Promise<PendingUpdates> {
    return settle(() => {
      checkName(name);
      this.#checkOpen();
      const head = this.#sql.head.get(name) as Head | undefined;
      return { count: head?.pending_count ?? 0, bytes: head?.pending_bytes ?? 0, lastSeq: head?.last_seq ?? 0 };
    });
  }

  names(): Promise<string[]> {
    return settle(() => {
      this.#checkOpen();
      return (this.#sql.names.all() as { name: string }[]).map((r) => r.name);
    });
  }

  async backup(file: string): Promise<void> {
    this.#checkOpen();
    const running = backupSqliteDatabase(this.#db, file, BACKUP_PAGES_PER_STEP);
    this.#backups.add(running);
    try {
      await running;
    } finally {
      this.#backups.delete(running);
    }
  }

  stats(): DocumentLogStats {
    return { commits: this.#queue.commits, updates: this.#updates };
  }

  close(): Promise<void> {
    this.#closed ??= (async () => {
      await this.#queue.close();
      await Promise.allSettled([...this.#backups]);
      this.#db.close();
    })();
    return this.#closed;
  }

  /** One transaction for a batch of appends; all or nothing. */
  #commit(batch: readonly AppendRequest[]): number[] {
    const results = inSqliteTransaction(this.#db, 'BEGIN IMMEDIATE', () => {
      const seqs = batch.map(({ name, updates }) => {
        const { last_seq } = this.#sql.bump.get(name, updates.length, updates.length, byteLength(updates)) as { last_seq: number };
        let seq = last_seq - updates.length;
        for (const update of updates) this.#sql.insertUpdate.run(name, ++seq, update);
        return seq;
      });
      // The audit entries of the whole batch, in the same transaction: durable together or not at all.
      this.#appendAudit(batch.flatMap((request) => request.audit));
      return seqs;
    });
    for (const request of batch) this.#updates += request.updates.length;
    return results;
  }


  #checkOpen(): void {
    if (this.#closed !== undefined) throw new Error('storage is closed');
  }
}
