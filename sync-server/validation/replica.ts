/**
 * The worker's copy of one document, kept up to date so that checking an update costs about the
 * update, not the document. A candidate update is applied in place; when it is refused the copy
 * is rebuilt from what it held before, so a bad update never stays in it.
 *
 * How it rolls back: it keeps every update it has taken since its last compaction (the first
 * being a full state) and replays them into a fresh Y.Doc. Compaction re-encodes the document
 * once the kept updates outgrow the last full state, so keeping costs amortised O(update) per
 * check and nothing is encoded on the accept path. (Encoding a snapshot before every candidate
 * instead costs about 1 ms per 100 KB on every check, and copying the document about 3 ms: see
 * bench.ts and the README.)
 */
import * as Y from 'yjs';

/** Transaction origin of every change the validator makes to a replica (Conventions). */
export const REPLICA_ORIGIN = 'update-validator';

/** Kept updates are compacted once those after the first exceed this many bytes and the first's size. */
const MIN_COMPACT_BYTES = 64 * 1024;

/** A document replica in a worker: caught up with trusted server state, tried with client updates. */
export class Replica {
  #doc = new Y.Doc();
  #kept: Uint8Array[] = [];
  #keptBytes = 0;

  /** A replica holding `updates` (server state: a full state, then anything after it). */
  constructor(updates: readonly Uint8Array[]) {
    for (const update of updates) this.applyServerState(update);
  }

  /** The replica's document. Read it; change it only through this class. */
  get doc(): Y.Doc {
    return this.#doc;
  }

  /** Applies state the server already holds (a catch-up); it is trusted and not checked. */
  applyServerState(update: Uint8Array): void {
    Y.applyUpdate(this.#doc, update, REPLICA_ORIGIN);
    this.#keep(update);
  }

  /**
   * Applies a client's update in one transaction and returns that transaction (its `changed`
   * types say what the update touched). The caller must then `accept` or `rollback`; if this
   * throws, the replica is already rolled back.
   */
  tryApply(update: Uint8Array): Y.Transaction {
    let transaction: Y.Transaction | undefined;
    try {
      this.#doc.transact((tr) => {
        transaction = tr;
        Y.applyUpdate(this.#doc, update, REPLICA_ORIGIN);
      }, REPLICA_ORIGIN);
    } catch (error) {
      this.rollback();
      throw error;
    }
    if (!transaction) throw new Error('Yjs ran no transaction');
    return transaction;
  }

  /** Keeps a candidate applied with `tryApply`. */
  accept(update: Uint8Array): void {
    this.#keep(update);
  }

  /** The kept updates' total plus a candidate's: an upper bound of the size after `tryApply`. */
  boundWith(update: Uint8Array): number {
    return this.#keptBytes + update.length;
  }

  /** Makes the current document (a candidate just applied) the kept state, given its encoding. */
  acceptAsState(state: Uint8Array): void {
    this.#kept = [state];
    this.#keptBytes = state.length;
  }

  /** Undoes a candidate applied with `tryApply`: rebuilds the document from what it held before. */
  rollback(): void {
    this.#doc.destroy();
    this.#doc = new Y.Doc();
    for (const update of this.#kept) Y.applyUpdate(this.#doc, update, REPLICA_ORIGIN);
  }

  /** Frees the document. */
  destroy(): void {
    this.#doc.destroy();
    this.#kept = [];
  }

  #keep(update: Uint8Array): void {
    this.#kept.push(update);
    this.#keptBytes += update.length;
    const base = this.#kept[0]!.length;
    if (this.#keptBytes - base > Math.max(MIN_COMPACT_BYTES, base)) {
      const state = Y.encodeStateAsUpdate(this.#doc);
      this.#kept = [state];
      this.#keptBytes = state.length;
    }
  }
}
