/**
 * The audit log in the SQLite store: appending after the chain head inside the records'
 * BEGIN IMMEDIATE transaction (the file's write lock serialises appenders in every process, so
 * the chain never forks), pages for one document, and verification from a connection of its
 * own in one read transaction (a consistent snapshot that blocks no writer in WAL mode).
 */
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { AuditVerifier, chainAfter, type AuditHead } from './audit-chain.ts';
import { AUDIT_COLUMNS, auditEntryOf, type AuditRow } from './record-rows.ts';
import type { AuditEntry, AuditVerification, NewAuditEntry } from './server-records.ts';

/** Entries read per page while verifying; the event loop turns between pages. */
const VERIFY_PAGE = 2000;

/** A function inserting one stored entry as it is, through a statement prepared on `db`. */
export function auditInserter(db: DatabaseSync): (e: AuditEntry) => void {
  const insert = db.prepare(`INSERT INTO records_audit (${AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  return (e) => void insert.run(e.seq, e.at, e.username, e.document, JSON.stringify(e.parts), e.bytes, e.action, e.prevHash, e.hash);
}

export class SqliteAuditLog {
  readonly #path: string;
  readonly #busyTimeoutMs: number;
  readonly #head: StatementSync;
  readonly #insert: (e: AuditEntry) => void;
  readonly #setHead: StatementSync;
  readonly #page: StatementSync;

  /** `db` is the records' connection to the file at `path`. */
  constructor(db: DatabaseSync, path: string, busyTimeoutMs: number) {
    this.#path = path;
    this.#busyTimeoutMs = busyTimeoutMs;
    this.#head = db.prepare('SELECT seq, hash FROM records_audit_head WHERE id = 1');
    this.#insert = auditInserter(db);
    this.#setHead = db.prepare('UPDATE records_audit_head SET seq = ?, hash = ? WHERE id = 1');
    this.#page = db.prepare(`SELECT ${AUDIT_COLUMNS} FROM records_audit WHERE document = ? AND seq < ? ORDER BY seq DESC LIMIT ?`);
  }

  /** Chains `entries` (checked, at least one) after the head and stores them; call inside BEGIN IMMEDIATE. */
  appendInTransaction(entries: readonly NewAuditEntry[]): AuditEntry[] {
    const head = this.#head.get() as AuditHead | undefined;
    if (head === undefined) throw new Error('records: the audit chain head is missing');
    const chained = chainAfter(head, entries);
    for (const e of chained) this.#insert(e);
    const last = chained.at(-1)!;
    this.#setHead.run(last.seq, last.hash);
    return chained;
  }

  /** Up to `limit` entries of `document` below `beforeSeq`, newest first. */
  page(document: string, limit: number, beforeSeq: number | undefined): AuditEntry[] {
    return (this.#page.all(document, beforeSeq ?? Number.MAX_SAFE_INTEGER, limit) as unknown as AuditRow[]).map(auditEntryOf);
  }

  /** The recorded chain head. */
  head(): AuditHead {
    const head = this.#head.get() as AuditHead | undefined;
    if (head === undefined) throw new Error('records: the audit chain head is missing');
    return { seq: Number(head.seq), hash: String(head.hash) };
  }

  /** Verifies the whole chain against the head (and `anchor`, when given), from one snapshot, in pages. */
  async verify(anchor?: AuditHead): Promise<AuditVerification> {
    const db = new DatabaseSync(this.#path, { timeout: this.#busyTimeoutMs, readOnly: true });
    try {
      db.exec('BEGIN');
      const head = db.prepare('SELECT seq, hash FROM records_audit_head WHERE id = 1').get() as AuditHead | undefined;
      if (head === undefined) return { ok: false, seq: 1, reason: 'the audit chain head is missing' };
      const page = db.prepare(`SELECT ${AUDIT_COLUMNS} FROM records_audit WHERE seq > ? ORDER BY seq LIMIT ?`);
      const verifier = new AuditVerifier(anchor);
      for (let after = 0; ; ) {
        const rows = page.all(after, VERIFY_PAGE) as unknown as AuditRow[];
        if (!rows.every((row) => verifier.next(auditEntryOf(row))) || rows.length < VERIFY_PAGE) break;
        after = Number(rows.at(-1)!.seq);
        await new Promise((resolve) => setImmediate(resolve));
      }
      return verifier.finish(head);
    } finally {
      if (db.isTransaction) db.exec('COMMIT');
      db.close();
    }
  }
}
