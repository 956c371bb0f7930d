/**
 * The content of a backup as a stream of records, whatever the file format: every document's
 * head first, then snapshots, then updates; then the server records (`../records/`): accounts,
 * grants, audit entries, named versions, caseload summaries and settings, in that order. Both
 * backends write and restore through this, so a SQLite backup can be restored into PostgreSQL
 * and the other way round. A backup made before the records were included has none of their
 * kinds: restoring it leaves the records empty.
 */
import type { Account, AuditEntry, ChildSummary, Grant, NamedVersion } from '../records/server-records.ts';

/** One document's head: the seq counter and what the snapshot covers. */
export interface DocumentRecord {
  readonly t: 'document';
  readonly name: string;
  readonly lastSeq: number;
  readonly snapshotSeq: number;
}

/** One document's snapshot. */
export interface SnapshotRecord {
  readonly t: 'snapshot';
  readonly name: string;
  readonly seq: number;
  readonly data: Uint8Array;
}

/** One stored update. */
export interface UpdateRecord {
  readonly t: 'update';
  readonly name: string;
  readonly seq: number;
  readonly data: Uint8Array;
}

/** An account (password hash included: a backup is as confidential as the store). */
export interface AccountRecord extends Account {
  readonly t: 'account';
}

/** A grant; its account comes earlier in the same backup. */
export interface GrantRecord extends Grant {
  readonly t: 'grant';
}

/** An audit entry exactly as stored, hashes included (a restore does not re-chain it). */
export interface AuditRecord extends AuditEntry {
  readonly t: 'audit';
}

/** A named version with its state. */
export interface VersionRecord extends NamedVersion {
  readonly t: 'version';
}

/** A child's caseload summary. */
export interface ChildRecord extends ChildSummary {
  readonly t: 'child';
}

/** A server setting, e.g. the token-signing secret. */
export interface SettingRecord {
  readonly t: 'setting';
  readonly key: string;
  readonly value: Uint8Array;
}

/** The document log's part of a backup. */
export type DocumentBackupRecord = DocumentRecord | SnapshotRecord | UpdateRecord;
/** The server records' part of a backup. */
export type RecordsBackupRecord = AccountRecord | GrantRecord | AuditRecord | VersionRecord | ChildRecord | SettingRecord;
export type BackupRecord = DocumentBackupRecord | RecordsBackupRecord;

/** How many records of each kind a backup holds. */
export interface BackupCounts {
  readonly documents: number;
  readonly snapshots: number;
  readonly updates: number;
  readonly accounts: number;
  readonly grants: number;
  readonly audit: number;
  readonly versions: number;
  readonly children: number;
  readonly settings: number;
}

/** The kinds in the order a backup holds them. */
export const BACKUP_KINDS = ['document', 'snapshot', 'update', 'account', 'grant', 'audit', 'version', 'child', 'setting'] as const;

const ORDER = Object.fromEntries(BACKUP_KINDS.map((kind, i) => [kind, i])) as Record<BackupRecord['t'], number>;

/** The counts of the records' kinds, zero each: what a backup made before they were included holds. */
export const NO_RECORDS = { accounts: 0, grants: 0, audit: 0, versions: 0, children: 0, settings: 0 } as const;

/** Bytes a record carries as binary data (for batching inserts). */
export function binaryLength(record: BackupRecord): number {
  if (record.t === 'snapshot' || record.t === 'update') return record.data.length;
  if (record.t === 'version') return record.state.length;
  if (record.t === 'setting') return record.value.length;
  return 0;
}

/**
 * Checks a record stream as it passes: documents before snapshots before updates, every snapshot
 * and update belongs to a listed document, seqs fit the document's head, nothing twice. Throws
 * an Error naming the problem; a restore then rolls back.
 */
export class BackupChecker {
  readonly #heads = new Map<string, { lastSeq: number; snapshotSeq: number; snapshot: boolean; seq: number }>();
  readonly #records = new RecordsChecker();
  #phase = 0;
  #snapshots = 0;
  #updates = 0;

  /** Checks `record` against everything seen so far. */
  check(record: BackupRecord): void {
    const phase = ORDER[record.t];
    if (phase < this.#phase) throw new Error(`backup: a ${record.t} record after later kinds`);
    this.#phase = phase;
    if (record.t !== 'document' && record.t !== 'snapshot' && record.t !== 'update') {
      this.#records.check(record);
      return;
    }
    if (record.t === 'document') {
      if (this.#heads.has(record.name)) throw new Error(`backup: document "${record.name}" listed twice`);
      if (record.snapshotSeq > record.lastSeq) throw new Error(`backup: document "${record.name}" has snapshotSeq > lastSeq`);
      this.#heads.set(record.name, { lastSeq: record.lastSeq, snapshotSeq: record.snapshotSeq, snapshot: false, seq: record.snapshotSeq });
      return;
    }
    const head = this.#heads.get(record.name);
    if (head === undefined) throw new Error(`backup: ${record.t} of unlisted document "${record.name}"`);
    if (record.t === 'snapshot') {
      if (head.snapshot) throw new Error(`backup: two snapshots of "${record.name}"`);
      if (record.seq !== head.snapshotSeq) throw new Error(`backup: snapshot of "${record.name}" does not match its head`);
      head.snapshot = true;
      this.#snapshots += 1;
      return;
    }
    if (record.seq <= head.seq || record.seq > head.lastSeq) {
      throw new Error(`backup: update ${record.seq} of "${record.name}" is out of order or outside its head`);
    }
    head.seq = record.seq;
    this.#updates += 1;
  }

  /** The counts seen; throws when a document with snapshotSeq > 0 had no snapshot. */
  finish(): BackupCounts {
    for (const [name, head] of this.#heads) {
      if (head.snapshotSeq > 0 && !head.snapshot) throw new Error(`backup: snapshot of "${name}" is missing`);
    }
    return { documents: this.#heads.size, snapshots: this.#snapshots, updates: this.#updates, ...this.#records.counts() };
  }
}

/** The records' part of {@link BackupChecker}: nothing twice, grants of listed accounts, audit seqs increasing. */
class RecordsChecker {
  readonly #accounts = new Set<string>();
  readonly #grants = new Set<string>();
  readonly #versions = new Set<string>();
  readonly #children = new Set<string>();
  readonly #settings = new Set<string>();
  #auditSeq = 0;
  #audit = 0;

  check(record: RecordsBackupRecord): void {
    switch (record.t) {
      case 'account':
        return once(this.#accounts, record.username, `account "${record.username}"`);
      case 'grant':
        if (!this.#accounts.has(record.username)) throw new Error(`backup: grant of unlisted account "${record.username}"`);
        return once(this.#grants, `${record.username}\0${record.childId}`, `grant of "${record.username}" on "${record.childId}"`);
      case 'audit':
        if (record.seq <= this.#auditSeq) throw new Error(`backup: audit entry ${record.seq} is out of order`);
        this.#auditSeq = record.seq;
        this.#audit += 1;
        return;
      case 'version':
        return once(this.#versions, record.id, `version "${record.id}"`);
      case 'child':
        return once(this.#children, record.childId, `child "${record.childId}"`);
      case 'setting':
        return once(this.#settings, record.key, `setting "${record.key}"`);
    }
  }

  counts(): Omit<BackupCounts, 'documents' | 'snapshots' | 'updates'> {
    return {
      accounts: this.#accounts.size,
      grants: this.#grants.size,
      audit: this.#audit,
      versions: this.#versions.size,
      children: this.#children.size,
      settings: this.#settings.size,
    };
  }
}

function once(seen: Set<string>, key: string, what: string): void {
  if (seen.has(key)) throw new Error(`backup: ${what} listed twice`);
  seen.add(key);
}
