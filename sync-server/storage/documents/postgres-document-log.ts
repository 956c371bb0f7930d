/**
 * The storage backend at scale: PostgreSQL through `pg`, shared by several server instances.
 * An append is acknowledged after its transaction has committed with synchronous_commit on.
 * Appends queue while a commit is in flight and go into the next one together (group commit).
 *
 * Instances sharing the database stay consistent through the row of each document in
 * `yjs_documents`: an append bumps its `last_seq` (handing out seqs), compaction locks it
 * (FOR UPDATE), so a compaction never deletes an update it has not merged.
 */
import pg from 'pg';
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
import { appendPostgresAuditRecords, type AuditRecord } from '../db/audit-append.ts';
import { migratePostgres } from './postgres-schema.ts';
import { inTransaction, openPostgresPool } from '../db/postgres-transaction.ts';

/** How to reach the database. */
export interface PostgresDocumentLogOptions {
  /** DATABASE_URL, e.g. `postgres://user:password@host:5432/db`. */
  readonly databaseUrl: string;
  /** Connections in the pool (default 4): appends use one at a time, loads and compaction the rest. */
  readonly maxConnections?: number;
  /** Most appends in one commit (default 1,000). */
  readonly maxBatch?: number;
  /** Where idle-connection errors are reported (default console.error). */
  readonly onError?: (message: string, error: unknown) => void;
  /**
   * What `backup(file)` writes from this log's pool: the whole store in one snapshot
   * (`../backup/postgres-backup.ts`'s `backupPostgres`, which this layer cannot import).
   * Without it `backup` rejects.
   */
  readonly backup?: PostgresBackup;
}

/** Writes a consistent backup of the store behind `pool` to `file`. */
export type PostgresBackup = (pool: pg.Pool, file: string) => Promise<unknown>;

interface AppendRequest {
  readonly name: string;
  readonly updates: readonly Uint8Array[];
  readonly audit: readonly AuditRecord[];
}

/** Connects, creates or upgrades the tables, and returns the log. */
export async function openPostgresDocumentLog(options: PostgresDocumentLogOptions): Promise<DocumentLog> {
  return new PostgresDocumentLog(await openPostgresPool(options, 'storage', migratePostgres), options.maxBatch, options.backup);
}

/** A zero-copy plain Uint8Array view of a bytea Buffer. */
function bytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}


class PostgresDocumentLog implements DocumentLog {
  readonly kind = 'postgres';
  readonly #pool: pg.Pool;
  readonly #queue: GroupCommit<AppendRequest, number>;
  #updates = 0;
  readonly #backup: PostgresBackup | undefined;
  #closed: Promise<void> | undefined;

  constructor(pool: pg.Pool, maxBatch: number | undefined, backup: PostgresBackup | undefined) {
    this.#pool = pool;
    this.#backup = backup;
    this.#queue = new GroupCommit<AppendRequest, number>({
      commit: (batch) => this.#commit(batch),
      sizeOf: (request) => byteLength(request.updates),
      ...(maxBatch === undefined ? {} : { maxItems: maxBatch }),
    });
  }

  async append(name: string, updates: readonly Uint8Array[], audit: readonly AuditRecord[] = []): Promise<number> {
    checkAppend(name, updates, audit);
    return this.#queue.add({ name, updates, audit });
  }

  async load(name: string): Promise<StoredDocument | null> {
    checkName(name);
    this.#checkOpen();
    // One statement reads one MVCC snapshot: head, snapshot and later updates agree.
    const { rows } = await this.#pool.query<{ part: number; seq: string; data: Buffer | null }>(
      `SELECT 0 AS part, last_seq AS seq, NULL::bytea AS data FROM yjs_documents WHERE name = $1
       UNION ALL SELECT 1, seq, data FROM yjs_snapshots WHERE name = $1
       UNION ALL SELECT 2, u.seq, u.data FROM yjs_updates u JOIN yjs_documents d ON d.name = u.name
         WHERE u.name = $1 AND u.seq > d.snapshot_seq
       ORDER BY 1, 2`,
      [name],
    );
    const head = rows[0];
    if (head?.part !== 0) return null;
    const snapshot = rows[1]?.part === 1 ? rows[1] : undefined;
    return {
      snapshot: snapshot?.data ? bytes(snapshot.data) : null,
      snapshotSeq: snapshot ? Number(snapshot.seq) : 0,
      updates: rows.filter((r) => r.part === 2).map((r) => bytes(r.data!)),
      seq: Number(head.seq),
    };
  }

  async compact(name: string, snapshot: Uint8Array, throughSeq: number): Promise<boolean> {
    checkCompact(name, snapshot, throughSeq);
    this.#checkOpen();
    return inTransaction(this.#pool, 'read write', async (client) => {
      const { rows } = await client.query<{ last_seq: string; snapshot_seq: string }>(
        'SELECT last_seq, snapshot_seq FROM yjs_documents WHERE name = $1 FOR UPDATE',
        [name],
      );
      const head = rows[0];
      if (head === undefined) throw new Error(`cannot compact unknown document "${name}"`);
      if (throughSeq > Number(head.last_seq)) throw new RangeError(`cannot compact "${name}" through ${throughSeq}: last seq is ${head.last_seq}`);
      if (throughSeq <= Number(head.snapshot_seq)) return false;
      if (isEmptyUpdate(snapshot)) {
        const content = await client.query<{ content: boolean }>(
          `SELECT EXISTS (SELECT 1 FROM yjs_snapshots WHERE name = $1 AND substring(data FROM 1 FOR 2) <> '\\x0000'::bytea)
             OR EXISTS (SELECT 1 FROM yjs_updates WHERE name = $1 AND seq <= $2 AND substring(data FROM 1 FOR 2) <> '\\x0000'::bytea) AS content`,
          [name, throughSeq],
        );
        if (content.rows[0]?.content !== false) throw new Error(`refusing to replace the content of "${name}" with an empty snapshot`);
      }
      await client.query(
        `INSERT INTO yjs_snapshots (name, seq, data) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET seq = excluded.seq, data = excluded.data WHERE yjs_snapshots.seq < excluded.seq`,
        [name, throughSeq, snapshot],
      );
      await client.query('DELETE FROM yjs_updates WHERE name = $1 AND seq <= $2', [name, throughSeq]);
      await client.query(
        `UPDATE yjs_documents SET snapshot_seq = $2,
           pending_count = (SELECT count(*) FROM yjs_updates WHERE name = $1),
           pending_bytes = (SELECT coalesce(sum(octet_length(data)), 0) FROM yjs_updates WHERE name = $1)
         WHERE name = $1`,
        [name, throughSeq],
      );
      return true;
    });
  }

  async pending(name: string): Promise<PendingUpdates> {
    checkName(name);
    this.#checkOpen();
    const { rows } = await this.#pool.query<{ pending_count: string; pending_bytes: string; last_seq: string }>(
      'SELECT pending_count, pending_bytes, last_seq FROM yjs_documents WHERE name = $1',
      [name],
    );
    return { count: Number(rows[0]?.pending_count ?? 0), bytes: Number(rows[0]?.pending_bytes ?? 0), lastSeq: Number(rows[0]?.last_seq ?? 0) };
  }

  async names(): Promise<string[]> {
    this.#checkOpen();
    const { rows } = await this.#pool.query<{ name: string }>('SELECT name FROM yjs_documents ORDER BY name COLLATE "C"');
    return rows.map((r) => r.name);
  }

  async backup(file: string): Promise<void> {
    this.#checkOpen();
    if (!this.#backup) throw new Error('this PostgreSQL log was opened without a backup writer (open it with openStoreLog)');
    await this.#backup(this.#pool, file);
  }

  stats(): DocumentLogStats {
    return { commits: this.#queue.commits, updates: this.#updates };
  }

  close(): Promise<void> {
    this.#closed ??= (async () => {
      await this.#queue.close();
      await this.#pool.end();
    })();
    return this.#closed;
  }

  /** One transaction for a batch of appends: bump each document's seq once, insert every update. */
  async #commit(batch: readonly AppendRequest[]): Promise<number[]> {
    const totals = new Map<string, { count: number; bytes: number }>();
    for (const { name, updates } of batch) {
      const total = totals.get(name) ?? { count: 0, bytes: 0 };
      total.count += updates.length;
      total.bytes += byteLength(updates);
      totals.set(name, total);
    }
    // Rows are locked in name order, so two instances' batches cannot deadlock on each other.
    const names = [...totals.keys()].sort();
    const counts = names.map((n) => totals.get(n)!.count);
    const results = await inTransaction(this.#pool, 'read write', async (client) => {
      const heads = await client.query<{ name: string; last_seq: string }>(
        `INSERT INTO yjs_documents AS d (name, last_seq, pending_count, pending_bytes)
         SELECT * FROM unnest($1::text[], $2::bigint[], $2::bigint[], $3::bigint[]) ORDER BY 1
         ON CONFLICT (name) DO UPDATE SET last_seq = d.last_seq + excluded.last_seq,
           pending_count = d.pending_count + excluded.pending_count, pending_bytes = d.pending_bytes + excluded.pending_bytes
         RETURNING name, last_seq`,
        [names, counts, names.map((n) => totals.get(n)!.bytes)],
      );
      const next = new Map(heads.rows.map((r) => [r.name, Number(r.last_seq) - totals.get(r.name)!.count]));
      const rowNames: string[] = [];
      const rowSeqs: number[] = [];
      const rowData: Uint8Array[] = [];
      const lastSeqs = batch.map(({ name, updates }) => {
        let seq = next.get(name)!;
        for (const update of updates) {
          rowNames.push(name);
          rowSeqs.push(++seq);
          rowData.push(update);
        }
        next.set(name, seq);
        return seq;
      });
      await client.query('INSERT INTO yjs_updates (name, seq, data) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bytea[])', [
        rowNames,
        rowSeqs,
        rowData,
      ]);
      // The batch's audit entries in the same transaction; the chain head is locked after the
      // document rows, never before, so appenders and the records cannot deadlock.
      await appendPostgresAuditRecords(client, batch.flatMap((request) => request.audit));
      return lastSeqs;
    });
    for (const request of batch) this.#updates += request.updates.length;
    return results;
  }

  #checkOpen(): void {
    if (this.#closed !== undefined) throw new Error('storage is closed');
  }
}
