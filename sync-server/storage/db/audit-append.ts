/**
 * Appending to the audit hash chain inside a transaction someone else holds, the one way every
 * store part does it: the server records' `appendAudit`, and the document log, which writes the
 * audit entries of an append in the same transaction as the updates (so no durable update is
 * ever without its audit entry, issue 13). Here, in `db/`, because both `documents/` and
 * `records/` stand on it and on nothing beside them. The tables (`records_audit`,
 * `records_audit_head`) are the records' (`records/sqlite-records-schema.ts`,
 * `records/postgres-records-schema.ts`); the chain rules are in `records/audit-chain.ts`.
 *
 * Each entry's hash covers its fields and the previous entry's hash; the head row (last seq and
 * hash) is read and written in the caller's transaction, which serialises appenders: SQLite's
 * BEGIN IMMEDIATE write lock, PostgreSQL's row lock (`FOR UPDATE`) until COMMIT.
 */
import { createHash } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type pg from 'pg';

/** An audit entry before it is chained: who, when, which document and parts, how many bytes. */
export interface AuditRecord {
  /** ISO 8601, server time. */
  readonly at: string;
  /** The authenticated user (never a Yjs client id); `system` for the server's own writes. */
  readonly username: string;
  readonly document: string;
  readonly parts: readonly string[];
  readonly bytes: number;
  /** What happened (`edit`, `create`, `restore`, `import`, ...: the records' `AuditEntry` names them). */
  readonly action: string;
}

/** The last entry of the chain: seq 0 and hash '' before the first append. */
export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
}

/** The columns of `records_audit`, in the order the inserts below give them. */
export const AUDIT_COLUMNS = 'seq, at, username, document, parts, bytes, action, prev_hash, hash';

/**
 * Hex SHA-256 of the canonical JSON `[seq, at, username, document, parts, bytes, action,
 * prevHash]`. An array in a fixed order, so the JSON of the same values is always the same.
 */
export function auditHash(entry: AuditRecord & { readonly seq: number; readonly prevHash: string }): string {
  const canonical = JSON.stringify([entry.seq, entry.at, entry.username, entry.document, entry.parts, entry.bytes, entry.action, entry.prevHash]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** An entry of type `E` as chained. */
export type Chained<E extends AuditRecord> = E & { readonly seq: number; readonly prevHash: string; readonly hash: string };

/** The entries to store after `head`: seqs from head.seq + 1, each linked to the one before. */
export function chainAfter<E extends AuditRecord>(head: AuditHead, entries: readonly E[]): Chained<E>[] {
  let { seq, hash: prevHash } = head;
  return entries.map((entry) => {
    seq += 1;
    const unhashed = { seq, at: entry.at, username: entry.username, document: entry.document, parts: [...entry.parts], bytes: entry.bytes, action: entry.action, prevHash };
    const hash = auditHash(unhashed);
    prevHash = hash;
    return { ...unhashed, hash } as unknown as Chained<E>;
  });
}

/** Throws a TypeError unless every entry is well formed (the document log's own check; the records check theirs with zod). */
export function checkAuditRecords(entries: readonly AuditRecord[]): void {
  for (const e of entries) {
    const ok =
      typeof e.at === 'string' &&
      !Number.isNaN(Date.parse(e.at)) &&
      typeof e.username === 'string' &&
      e.username.length > 0 &&
      typeof e.document === 'string' &&
      e.document.length > 0 &&
      Array.isArray(e.parts) &&
      e.parts.every((p) => typeof p === 'string') &&
      Number.isSafeInteger(e.bytes) &&
      e.bytes >= 0 &&
      typeof e.action === 'string' &&
      /^[a-z][a-z-]{0,31}$/.test(e.action);
    if (!ok) throw new TypeError(`a malformed audit entry: ${JSON.stringify(e)}`);
  }
}

/**
 * A function that chains `entries` after the head and stores them, for use inside a write
 * transaction (BEGIN IMMEDIATE) on `db`; statements prepared once. Returns the stored entries.
 */
export function sqliteAuditAppender(db: DatabaseSync): (entries: readonly AuditRecord[]) => Chained<AuditRecord>[] {
  let prepared: { head: ReturnType<DatabaseSync['prepare']>; insert: ReturnType<DatabaseSync['prepare']>; setHead: ReturnType<DatabaseSync['prepare']> } | undefined;
  return (entries) => {
    if (entries.length === 0) return [];
    // Prepared at first use: a document log opened before the records have migrated the file still opens.
    prepared ??= {
      head: db.prepare('SELECT seq, hash FROM records_audit_head WHERE id = 1'),
      insert: db.prepare(`INSERT INTO records_audit (${AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      setHead: db.prepare('UPDATE records_audit_head SET seq = ?, hash = ? WHERE id = 1'),
    };
    const head = prepared.head.get() as AuditHead | undefined;
    if (head === undefined) throw new Error('records: the audit chain head is missing');
    const chained = chainAfter({ seq: Number(head.seq), hash: String(head.hash) }, entries);
    for (const e of chained) prepared.insert.run(e.seq, e.at, e.username, e.document, JSON.stringify(e.parts), e.bytes, e.action, e.prevHash, e.hash);
    const last = chained.at(-1)!;
    prepared.setHead.run(last.seq, last.hash);
    return chained;
  };
}

/** Chains `entries` after the head (locked FOR UPDATE until the caller's COMMIT) and stores them in one statement. */
export async function appendPostgresAuditRecords<E extends AuditRecord>(client: pg.PoolClient, entries: readonly E[]): Promise<Chained<E>[]> {
  if (entries.length === 0) return [];
  const { rows } = await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM records_audit_head WHERE id = 1 FOR UPDATE');
  if (rows[0] === undefined) throw new Error('records: the audit chain head is missing');
  const chained = chainAfter({ seq: Number(rows[0].seq), hash: rows[0].hash }, entries);
  await insertPostgresAuditRecords(client, chained);
  const last = chained.at(-1)!;
  await client.query('UPDATE records_audit_head SET seq = $1, hash = $2 WHERE id = 1', [last.seq, last.hash]);
  return chained;
}

/** Inserts chained entries as they are (hashes included), in one statement. */
export async function insertPostgresAuditRecords(client: pg.PoolClient, entries: readonly Chained<AuditRecord>[]): Promise<void> {
  await client.query(
    `INSERT INTO records_audit (${AUDIT_COLUMNS}) SELECT ${AUDIT_COLUMNS} FROM jsonb_to_recordset($1::jsonb)
       AS x(seq bigint, at text, username text, document text, parts jsonb, bytes bigint, action text, prev_hash text, hash text)`,
    [JSON.stringify(entries.map((e) => ({ ...e, prev_hash: e.prevHash })))],
  );
}
