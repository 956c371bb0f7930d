/**
 * The content of a backup as a stream of records, whatever the file format: every document's
 * head first, then snapshots, then updates. Both backends write and restore through this, so a
 * SQLite backup can be restored into PostgreSQL and the other way round.
 */

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

export type BackupRecord = DocumentRecord | SnapshotRecord | UpdateRecord;

/** How many records of each kind a backup holds. */
export interface BackupCounts {
  readonly documents: number;
  readonly snapshots: number;
  readonly updates: number;
}

const ORDER = { document: 0, snapshot: 1, update: 2 } as const;

/**
 * Checks a record stream as it passes: documents before snapshots before updates, every snapshot
 * and update belongs to a listed document, seqs fit the document's head, nothing twice. Throws
 * an Error naming the problem; a restore then rolls back.
 */
export class BackupChecker {
  readonly #heads = new Map<string, { lastSeq: number; snapshotSeq: number; snapshot: boolean; seq: number }>();
  #phase = 0;
  #snapshots = 0;
  #updates = 0;

  /** Checks `record` against everything seen so far. */
  check(record: BackupRecord): void {
    const phase = ORDER[record.t];
    if (phase < this.#phase) throw new Error(`backup: a ${record.t} record after later kinds`);
    this.#phase = phase;
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
    return { documents: this.#heads.size, snapshots: this.#snapshots, updates: this.#updates };
  }
}
