/**
 * What the server keeps besides the documents themselves, in its own storage and never in a
 * collaborative document (DESIGN decision 3): accounts, access grants, the audit log, named
 * versions, the caseload index and server settings (such as the token-signing secret).
 * Implementations: SQLite in DATA_DIR (default) and PostgreSQL (DATABASE_URL); both pass the
 * shared suite `server-records.suite.ts`. Open one with `openServerRecords` (open-server-records.ts).
 * The tables are described in README.md; the store-level backup and restore
 * (`npm run admin -- backup|restore`) cover them together with the documents.
 */
import { MAX_HISTORY_PAGE } from '../../../model/wire/index.ts';

/**
 * What a username looks like: a lowercase identifier of 2 to 64 characters. Usernames are
 * compared exactly (case-sensitive); write methods refuse any other with a TypeError, lookups
 * treat one as unknown.
 */
export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** Most audit entries one {@link ServerRecords.auditOf} call returns. */
export const MAX_AUDIT_PAGE = MAX_HISTORY_PAGE;

/** A chain head: the seq and hash of the audit log's last entry at some moment (`audit head`). */
export interface AuditAnchor {
  readonly seq: number;
  readonly hash: string;
}

/** What {@link ServerRecords.verifyAudit} reports: the whole chain holds, or where it first breaks. */
export type AuditVerification = { readonly ok: true; readonly entries: number } | { readonly ok: false; readonly seq: number; readonly reason: string };

/** A person who can sign in. The password is stored only as a slow hash. */
export interface Account {
  readonly username: string;
  /** Full name, shown to others in presence and history. */
  readonly name: string;
  /** Practice role, e.g. "Child's Social Worker", "Independent Reviewing Officer". */
  readonly role: string;
  readonly organisation: string;
  readonly passwordHash: string;
  readonly disabled: boolean;
  /** May administer accounts and grants through the API (the admin command line always may). */
  readonly admin: boolean;
  /** ISO 8601. */
  readonly createdAt: string;
}

/** Access to one child's documents. Deny by default: no grant means no access. */
export interface Grant {
  readonly username: string;
  readonly childId: string;
  /** `read` can never change a document; `edit` can. */
  readonly level: 'read' | 'edit';
  /** Whether the grant also covers the child's restricted document (`child:<id>:restricted`). */
  readonly restricted: boolean;
}

/** One accepted change, in an append-only log chained by hashes. */
export interface AuditEntry {
  /** Position in the log, from 1, gap-free. */
  readonly seq: number;
  /** ISO 8601, server time. */
  readonly at: string;
  /** The authenticated user (never a Yjs client id); `system` for the server's own writes. */
  readonly username: string;
  readonly document: string;
  /** Parts of the plan touched, e.g. ["ppms", "child"]. */
  readonly parts: readonly string[];
  readonly bytes: number;
  /**
   * What happened: an edit, a restore of a named version, creation, an import, or an
   * administrator deleting a named version (`parts` then names it: `version <id>`, `bytes` its size).
   */
  readonly action: 'edit' | 'create' | 'restore' | 'import' | 'delete-version';
  /** Hex SHA-256 of the previous entry ('' for the first). */
  readonly prevHash: string;
  /** Hex SHA-256 over this entry's fields and prevHash. */
  readonly hash: string;
}

/** What a caller supplies to append; seq, prevHash and hash are assigned by the store. */
export type NewAuditEntry = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>;

/** A named version of a document, e.g. "PPM 2026-11-03, minutes agreed". */
export interface NamedVersion {
  readonly id: string;
  readonly document: string;
  readonly name: string;
  readonly createdAt: string;
  readonly createdBy: string;
  /** Y.encodeStateAsUpdate of the document at that point. */
  readonly state: Uint8Array;
}

/** A version just deleted: what it was, and how many bytes of state went with it. */
export type DeletedVersion = Omit<NamedVersion, 'state'> & { readonly bytes: number };

/** One child in the caseload index, updated whenever the child's plan is stored. */
export interface ChildSummary {
  readonly childId: string;
  readonly name: string;
  readonly pathwayId: string | null;
  readonly pathwayTitle: string | null;
  /** The latest stage recorded, by title. */
  readonly stage: string | null;
  readonly rating: 'red' | 'amber' | 'green' | null;
  /** YYYY-MM-DD. */
  readonly nextDue: string | null;
  readonly nextDueTitle: string | null;
  /** When this entry last changed (an edit that changes none of the fields above does not move it). */
  readonly updatedAt: string;
  /**
   * The day (YYYY-MM-DD, in the server's time zone) the rating and next due date hold for: the
   * later of the day this entry was last rated and the day the whole caseload was last re-rated
   * ({@link ServerRecords.markCaseloadRated}), so an entry the nightly pass found unchanged (and
   * did not write) still says "as of today". Null for an entry never rated by the server's
   * re-rating (made offline by the admin line, or restored from a backup) until it is. Optional
   * on input only: the records always answer it.
   */
  readonly ratedOn?: string | null;
}

/** An index entry with what re-rating it needs: a page of {@link ServerRecords.childrenToRate}. */
export interface RateableChild {
  readonly summary: ChildSummary;
  /** The rating input stored with the entry (opaque JSON text, see `putChild`), or null when none was. */
  readonly ratingInput: string | null;
}

/** One entry's new rating, computed from the rating input `basedOn`: {@link ServerRecords.rerateChildren}. */
export interface RerateChange {
  readonly childId: string;
  readonly basedOn: string;
  readonly rating: Rerating;
}

/** What re-rating an entry changes. */
export interface Rerating {
  readonly rating: ChildSummary['rating'];
  readonly nextDue: string | null;
  readonly nextDueTitle: string | null;
  /** YYYY-MM-DD. */
  readonly ratedOn: string;
  readonly updatedAt: string;
}

/**
 * The server's own records. Every method rejects when storage fails, and then has written
 * nothing (each write is one transaction). Write methods reject with a TypeError for malformed
 * input (see `record-checks.ts`): usernames must match {@link USERNAME}, child ids the document
 * names' CHILD_ID, strings must be well-formed Unicode without NUL, timestamps ISO 8601.
 * Several instances may share one store (server processes on one SQLite file or one
 * PostgreSQL database); the guarantees below hold across them.
 */
/** Longest rating input {@link ServerRecords.putChild} stores (UTF-16 units). */
export const MAX_RATING_INPUT = 4_000_000;
/** Most entries one {@link ServerRecords.childrenToRate} page holds. */
export const MAX_RATE_PAGE = 10_000;

const CHILD_NAME_ORDER = new Intl.Collator('en-GB');

/**
 * The order of {@link ServerRecords.children}: by name (en-GB collation, so "amy" sorts with
 * "Amy", not after "Zoe"), then by child id. Sorted in JavaScript, so both backends agree
 * whatever the database's collation.
 */
export function byChildName(a: ChildSummary, b: ChildSummary): number {
  return CHILD_NAME_ORDER.compare(a.name, b.name) || (a.childId < b.childId ? -1 : a.childId > b.childId ? 1 : 0);
}

export interface ServerRecords {
  readonly kind: 'sqlite' | 'postgres';

  /** Adds an account; resolves false when the username is taken (a unique key: no race). */
  addAccount(account: Account): Promise<boolean>;
  /** The account, or undefined (also for a string that is not a valid username). */
  account(username: string): Promise<Account | undefined>;
  /** Every account, by username. */
  accounts(): Promise<Account[]>;
  /**
   * Resolves false for an unknown username. In the same transaction it deletes the account's
   * session generation and calendar key (`account-settings.ts`), so every token and feed address
   * of the account ends, even if it is enabled again.
   */
  setDisabled(username: string, disabled: boolean): Promise<boolean>;
  /** Resolves false for an unknown username. Ends the account's sessions and calendar key as {@link setDisabled} does. */
  setPasswordHash(username: string, hash: string): Promise<boolean>;

  /**
   * Creates or replaces the grant of `username` on `childId`. Rejects with a RangeError when
   * there is no such account (grants of unknown users are never stored).
   */
  grant(grant: Grant): Promise<void>;
  /** Removes the grant; resolves false when there was none. */
  revoke(username: string, childId: string): Promise<boolean>;
  grantFor(username: string, childId: string): Promise<Grant | undefined>;
  /** The grants of one user, by child id. */
  grantsOf(username: string): Promise<Grant[]>;
  /** The grants on one child, by username. */
  grantsOn(childId: string): Promise<Grant[]>;
  /**
   * A number that increases whenever any account or grant changes (in any server instance
   * sharing the store), so open connections can re-check their access cheaply. It is a counter
   * row bumped in the same transaction as the change; a restore bumps it too.
   */
  accessVersion(): Promise<number>;

  /**
   * Appends entries to the audit log atomically, chaining each to the one before
   * (hash = SHA-256 of the canonical JSON of seq, at, username, document, parts, bytes, action,
   * prevHash). Safe with several server instances: appends are serialised on the chain head
   * (SQLite: the write lock; PostgreSQL: the head row locked FOR UPDATE), so seqs are gap-free
   * and the chain never forks. Resolves with the stored entries ([] for no entries). The log
   * is append-only: there is no method to change or delete an entry, and the tables refuse it
   * (triggers).
   */
  appendAudit(entries: readonly NewAuditEntry[]): Promise<AuditEntry[]>;
  /**
   * Entries for one document, newest first: at most `limit` (1 to {@link MAX_AUDIT_PAGE},
   * else a RangeError), with seq below `beforeSeq` when given (the next page: pass the last
   * seq of the previous one).
   */
  auditOf(document: string, limit: number, beforeSeq?: number): Promise<AuditEntry[]>;
  /**
   * Recomputes the chain from one consistent read: every seq from 1 present, each prevHash the
   * hash before it, each hash matching its entry, and the last entry the recorded chain head
   * (so a deleted tail or a row added outside the server shows too). Reports the first entry
   * whose hash or link does not match. Reads the whole log, in pages, without blocking writers.
   * With `anchor` (a chain head from {@link auditHead}, kept elsewhere), also that the entry at
   * its seq still has its hash and the chain reaches it: a whole chain rewritten is found too.
   */
  verifyAudit(anchor?: AuditAnchor): Promise<AuditVerification>;
  /** The recorded chain head: the last entry's seq and hash (seq 0, hash '' before the first). */
  auditHead(): Promise<AuditAnchor>;

  /**
   * Stores a named version; rejects when the id is taken. With `max`, stores it only when its
   * document has fewer than `max` versions, checked in the same transaction as the insert (so
   * parallel saves never pass it), and resolves false when it has not (nothing stored).
   */
  addVersion(version: NamedVersion, max?: number): Promise<boolean>;
  /**
   * Deletes the version `id` (an administrator's decision; the caller audits it). Resolves what it
   * was, with the size of its state in bytes, or undefined when there is no such version.
   */
  deleteVersion(id: string): Promise<DeletedVersion | undefined>;
  /** Versions of a document, newest first (by createdAt, then id), without their state. */
  versionsOf(document: string): Promise<Omit<NamedVersion, 'state'>[]>;
  version(id: string): Promise<NamedVersion | undefined>;

  /**
   * Inserts or replaces a child's summary with its rating input: opaque text (JSON) from which
   * the re-rating pass recomputes the rating for another day without reading the plan; omitted
   * or null when there is none (the pass then reads the plan). At most {@link MAX_RATING_INPUT}
   * UTF-16 units.
   */
  putChild(summary: ChildSummary, ratingInput?: string | null): Promise<void>;
  child(childId: string): Promise<ChildSummary | undefined>;
  /**
   * Summaries of these children (for a user's caseload; every child when omitted), in name
   * order (en-GB collation, then child id), the same on both backends. Unknown ids are skipped.
   */
  children(childIds?: readonly string[]): Promise<ChildSummary[]>;
  /**
   * A page of index entries with their rating inputs, by child id (byte order), those after
   * `after` (null for the first page), at most `limit` (1 to 10,000, else a RangeError).
   */
  childrenToRate(after: string | null, limit: number): Promise<RateableChild[]>;
  /** One entry with its rating input, as {@link childrenToRate} gives it; undefined when not indexed. */
  rateable(childId: string): Promise<RateableChild | undefined>;
  /**
   * Sets each entry's rating, next due date, rated day and time, in one transaction, only if its
   * stored rating input is still `basedOn` (compare-and-set: an entry rewritten meanwhile from a
   * newer plan is left as it is). Resolves, per change, whether it was made.
   */
  rerateChildren(changes: readonly RerateChange[]): Promise<boolean[]>;
  /** The day (YYYY-MM-DD) the whole caseload was last re-rated for, or null when never. */
  caseloadRatedOn(): Promise<string | null>;
  /** Records that every entry was re-rated for `day` (YYYY-MM-DD); an earlier day than the one stored is ignored. */
  markCaseloadRated(day: string): Promise<void>;

  /**
   * A server setting, created with `create()` the first time it is asked for and the same for
   * every instance sharing the store afterwards (first writer wins: insert-if-absent, then
   * read), e.g. the signing secret. `create` is called only when the setting is absent, and
   * may be called by two instances at once; only one value is ever stored.
   */
  setting(key: string, create: () => Uint8Array): Promise<Uint8Array>;
  /**
   * Deletes a setting (the next `setting` call makes a new value) and bumps the access version in
   * the same transaction, so open connections re-check their sessions. Resolves whether there was
   * one. Used to end an account's sessions or calendar key (`account-settings.ts`).
   */
  deleteSetting(key: string): Promise<boolean>;

  /**
   * Waits for calls in progress, then closes the connection(s); later calls reject with
   * "records are closed". Safe to call twice.
   */
  close(): Promise<void>;
}
