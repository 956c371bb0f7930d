/**
 * The audit log's hash chain, the same for every backend: each entry's hash covers its fields
 * and the previous entry's hash, so changing, removing or reordering a stored entry breaks the
 * chain from that entry on. The chain head (last seq and hash) is kept in a row of its own,
 * updated in the same transaction as the appends: it serialises appenders, and it shows a log
 * cut short at its end, which the links alone cannot.
 */
import { auditHash, type AuditHead } from '../db/audit-append.ts';
import type { AuditEntry, AuditVerification } from './server-records.ts';

export { auditHash, chainAfter, type AuditHead } from '../db/audit-append.ts';

/** The head of an empty log. */
export const EMPTY_HEAD: AuditHead = { seq: 0, hash: '' };

/**
 * Checks stored entries one by one, in seq order, against the chain; then {@link finish}
 * compares the last one with the recorded head. Used by both backends' `verifyAudit`.
 *
 * With an `anchor` (a chain head printed earlier, `audit head`, and kept elsewhere), the entry
 * at the anchor's seq must still have the anchor's hash and the chain must reach it: a chain
 * rewritten as a whole (every hash and the head row recomputed) still links, but no longer
 * matches a head published before the rewrite.
 */
export class AuditVerifier {
  #expected = 1;
  #prevHash = '';
  #failure: AuditVerification | undefined;
  readonly #anchor: AuditHead | undefined;

  constructor(anchor?: AuditHead) {
    this.#anchor = anchor && anchor.seq > 0 ? anchor : undefined;
  }

  /** Checks the next stored entry; returns false once the chain is broken (stop reading). */
  next(entry: AuditEntry): boolean {
    if (this.#failure) return false;
    const seq = this.#expected;
    if (entry.seq !== seq) {
      this.#failure = { ok: false, seq, reason: entry.seq > seq ? `entry ${seq} is missing (the next stored entry is ${entry.seq})` : `entry ${entry.seq} is out of order` };
    } else if (entry.prevHash !== this.#prevHash) {
      this.#failure = { ok: false, seq, reason: seq === 1 ? 'the first entry must have an empty prevHash' : `prevHash does not match the hash of entry ${seq - 1}` };
    } else if (auditHash(entry) !== entry.hash) {
      this.#failure = { ok: false, seq, reason: "the hash does not match the entry's content" };
    }
    else if (this.#anchor?.seq === seq && this.#anchor.hash !== entry.hash) {
      this.#failure = { ok: false, seq, reason: `entry ${seq} does not have the hash of the chain head kept elsewhere: the chain was rewritten up to it` };
    }
    if (this.#failure) return false;
    this.#expected += 1;
    this.#prevHash = entry.hash;
    return true;
  }

  /** The verdict once every entry has been passed to {@link next}, given the recorded chain head. */
  finish(head: AuditHead): AuditVerification {
    if (this.#failure) return this.#failure;
    const last = this.#expected - 1;
    if (head.seq > last) return { ok: false, seq: last + 1, reason: `entries ${last + 1} to ${head.seq} are missing (the chain head records ${head.seq})` };
    if (head.seq < last) return { ok: false, seq: head.seq + 1, reason: `entries from ${head.seq + 1} are not in the chain head (added outside the server)` };
    if (head.hash !== this.#prevHash) return { ok: false, seq: last, reason: "the last entry's hash does not match the chain head" };
    if (this.#anchor && this.#anchor.seq > last) return { ok: false, seq: last + 1, reason: `the chain ends at entry ${last}, before the chain head kept elsewhere (entry ${this.#anchor.seq})` };
    return { ok: true, entries: last };
  }
}
