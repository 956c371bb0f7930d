/**
 * What the server keeps besides the documents themselves, in its own storage and never in a
 * collaborative document (DESIGN decision 3): accounts, access grants, the audit log, named
 * versions, the caseload index and server settings (such as the token-signing secret).
 * Implementations: SQLite in DATA_DIR (default) and PostgreSQL (DATABASE_URL); both pass the
 * shared suite `server-records.suite.ts`.
 */

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
  /** What happened: an edit, a restore of a named version, creation, an import. */
  readonly action: 'edit' | 'create' | 'restore' | 'import';
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
  readonly updatedAt: string;
}

export interface ServerRecords {
  readonly kind: 'sqlite' | 'postgres';

  /** Adds an account; resolves false when the username is taken. */
  addAccount(account: Account): Promise<boolean>;
  account(username: string): Promise<Account | undefined>;
  accounts(): Promise<Account[]>;
  /** Resolves false for an unknown username. */
  setDisabled(username: string, disabled: boolean): Promise<boolean>;
  setPasswordHash(username: string, hash: string): Promise<boolean>;

  /** Creates or replaces the grant of `username` on `childId`. */
  grant(grant: Grant): Promise<void>;
  /** Removes the grant; resolves false when there was none. */
  revoke(username: string, childId: string): Promise<boolean>;
  grantFor(username: string, childId: string): Promise<Grant | undefined>;
  grantsOf(username: string): Promise<Grant[]>;
  grantsOn(childId: string): Promise<Grant[]>;
  /**
   * A number that increases whenever any account or grant changes (in any server instance
   * sharing the store), so open connections can re-check their access cheaply.
   */
  accessVersion(): Promise<number>;

  /**
   * Appends entries to the audit log atomically, chaining each to the one before
   * (hash = SHA-256 of the canonical JSON of seq, at, username, document, parts, bytes, action,
   * prevHash). Safe with several server instances: the chain never forks.
   */
  appendAudit(entries: readonly NewAuditEntry[]): Promise<AuditEntry[]>;
  /** Entries for one document, newest first. */
  auditOf(document: string, limit: number, beforeSeq?: number): Promise<AuditEntry[]>;
  /** Recomputes the chain; reports the first entry whose hash or link does not match. */
  verifyAudit(): Promise<{ ok: true; entries: number } | { ok: false; seq: number; reason: string }>;

  addVersion(version: NamedVersion): Promise<void>;
  /** Versions of a document, newest first, without their state. */
  versionsOf(document: string): Promise<Omit<NamedVersion, 'state'>[]>;
  version(id: string): Promise<NamedVersion | undefined>;

  /** Inserts or replaces a child's summary. */
  putChild(summary: ChildSummary): Promise<void>;
  child(childId: string): Promise<ChildSummary | undefined>;
  /** Summaries of these children (for a user's caseload), in name order. */
  children(childIds?: readonly string[]): Promise<ChildSummary[]>;

  /**
   * A server setting, created with `create()` the first time it is asked for and the same for
   * every instance sharing the store afterwards (first writer wins), e.g. the signing secret.
   */
  setting(key: string, create: () => Uint8Array): Promise<Uint8Array>;

  close(): Promise<void>;
}
