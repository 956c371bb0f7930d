/**
 * Group commit: requests queued while nothing is being written (same tick, same I/O phase) or
 * while a commit is in flight go into the next commit together, so N concurrent appends cost
 * one sync to disk instead of N. Used by both storage backends.
 */

/** How a backend writes one batch. */
export interface GroupCommitOptions<T, R> {
  /**
   * Writes `batch` in one transaction and returns one result per item, in order. Must either
   * commit everything or nothing (roll back, then throw).
   */
  readonly commit: (batch: readonly T[]) => R[] | Promise<R[]>;
  /** Bytes an item adds to a batch (for {@link GroupCommitOptions.maxBytes}). */
  readonly sizeOf: (item: T) => number;
  /** Most items in one commit (default 1,000). */
  readonly maxItems?: number;
  /** Most bytes in one commit, unless a single item is larger (default 16 MiB). */
  readonly maxBytes?: number;
}

interface Waiting<T, R> {
  readonly item: T;
  readonly size: number;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * A queue that commits in batches, one commit in flight at a time. When a batch fails and held
 * more than one item, its items are retried alone, so one bad item cannot fail its neighbours;
 * when the storage itself fails, they are all rejected.
 */
export class GroupCommit<T, R> {
  readonly #options: GroupCommitOptions<T, R>;
  readonly #maxItems: number;
  readonly #maxBytes: number;
  #queue: Waiting<T, R>[] = [];
  #scheduled = false;
  #running: Promise<void> | undefined;
  #closed = false;
  #commits = 0;

  constructor(options: GroupCommitOptions<T, R>) {
    this.#options = options;
    this.#maxItems = options.maxItems ?? 1000;
    this.#maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
  }

  /** Commits that succeeded so far. */
  get commits(): number {
    return this.#commits;
  }

  /** Queues `item`; resolves with its result once its batch has committed. */
  add(item: T): Promise<R> {
    if (this.#closed) return Promise.reject(new Error('storage is closed'));
    return new Promise<R>((resolve, reject) => {
      this.#queue.push({ item, size: this.#options.sizeOf(item), resolve, reject });
      this.#schedule();
    });
  }

  /** Refuses new items and resolves once every queued item has been committed or rejected. */
  async close(): Promise<void> {
    this.#closed = true;
    while (this.#running !== undefined || this.#queue.length > 0) {
      if (this.#running === undefined) this.#start();
      await this.#running;
    }
  }

  #schedule(): void {
    if (this.#scheduled || this.#running !== undefined) return;
    this.#scheduled = true;
    // setImmediate, not a microtask: appends from every message read in this I/O phase join in.
    setImmediate(() => {
      this.#scheduled = false;
      if (this.#running === undefined) this.#start();
    });
  }

  #start(): void {
    this.#running = this.#drain().finally(() => {
      this.#running = undefined;
      if (this.#queue.length > 0 && !this.#closed) this.#schedule();
    });
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#take();
      try {
        await this.#commit(batch);
      } catch (error) {
        await this.#retryAlone(batch, error);
      }
    }
  }

  /**
   * Retries the items of a failed batch one at a time. Two failures in a row mean the storage
   * itself is failing (disk full, database down): the rest are rejected without more attempts.
   */
  async #retryAlone(batch: readonly Waiting<T, R>[], batchError: unknown): Promise<void> {
    if (batch.length === 1) {
      batch[0]!.reject(batchError);
      return;
    }
    let lastError = batchError;
    let failuresInARow = 0;
    for (const waiting of batch) {
      if (failuresInARow >= 2) {
        waiting.reject(lastError);
        continue;
      }
      try {
        await this.#commit([waiting]);
        failuresInARow = 0;
      } catch (error) {
        lastError = error;
        failuresInARow += 1;
        waiting.reject(error);
      }
    }
  }

  async #commit(batch: readonly Waiting<T, R>[]): Promise<void> {
    const results = await this.#options.commit(batch.map((w) => w.item));
    if (results.length !== batch.length) throw new Error(`commit returned ${results.length} results for ${batch.length} items`);
    this.#commits += 1;
    batch.forEach((waiting, i) => waiting.resolve(results[i]!));
  }

  #take(): Waiting<T, R>[] {
    let count = 0;
    let bytes = 0;
    while (count < this.#queue.length && count < this.#maxItems) {
      const size = this.#queue[count]!.size;
      if (count > 0 && bytes + size > this.#maxBytes) break;
      bytes += size;
      count += 1;
    }
    return this.#queue.splice(0, count);
  }
}
