/**
 * The audit log in PostgreSQL: appending after the single chain-head row, locked FOR UPDATE
 * until COMMIT so appenders in every instance take turns and the chain never forks; pages for
 * one document; and verification in one REPEATABLE READ snapshot, in pages.
 */
import type pg from 'pg';
import { inTransaction } from '../db/postgres-transaction.ts';
import { appendPostgresAuditRecords, insertPostgresAuditRecords } from '../db/audit-append.ts';
import { AuditVerifier, type AuditHead } from './audit-chain.ts';
import { AUDIT_COLUMNS, auditEntryOf, type AuditRow } from './record-rows.ts';
import type { AuditEntry, AuditVerification, NewAuditEntry } from './server-records.ts';

/** Entries read per round trip while verifying. */
const VERIFY_PAGE = 2000;

/** Chains `entries` (checked, at least one) after the head and stores them, inside the caller's transaction. */
export function appendPostgresAudit(client: pg.PoolClient, entries: readonly NewAuditEntry[]): Promise<AuditEntry[]> {
  return appendPostgresAuditRecords(client, entries);
}

/** Inserts stored entries as they are (hashes included), in one statement. */
export function insertPostgresAudit(client: pg.PoolClient, entries: readonly AuditEntry[]): Promise<void> {
  return insertPostgresAuditRecords(client, entries);
}

/** Up to `limit` entries of `document` below `beforeSeq`, newest first. */
export async function postgresAuditPage(pool: pg.Pool, document: string, limit: number, beforeSeq: number | undefined): Promise<AuditEntry[]> {
  const { rows } = await pool.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM records_audit WHERE document = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`, [
    document,
    beforeSeq ?? Number.MAX_SAFE_INTEGER,
    limit,
  ]);
  return rows.map(auditEntryOf);
}

/** Verifies the whole chain against the head (and `anchor`, when given), from one snapshot: the head and every page agree while others append. */
export function verifyPostgresAudit(pool: pg.Pool, anchor?: AuditHead): Promise<AuditVerification> {
  return inTransaction(pool, 'repeatable read only', async (client) => {
    const { rows } = await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM records_audit_head WHERE id = 1');
    if (rows[0] === undefined) return { ok: false, seq: 1, reason: 'the audit chain head is missing' };
    const head: AuditHead = { seq: Number(rows[0].seq), hash: rows[0].hash };
    const verifier = new AuditVerifier(anchor);
    for (let after = 0; ; ) {
      const page = await client.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM records_audit WHERE seq > $1 ORDER BY seq LIMIT $2`, [after, VERIFY_PAGE]);
      if (!page.rows.every((row) => verifier.next(auditEntryOf(row))) || page.rows.length < VERIFY_PAGE) break;
      after = Number(page.rows.at(-1)!.seq);
    }
    return verifier.finish(head);
  });
}
