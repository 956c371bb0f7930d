/**
 * TEST FIXTURE: stores opened for one test and closed after it, for the shared suites of the
 * document log and the server records (and any test that opens several instances of a store).
 */
import type { BackupCounts } from '../storage/backup/backup-records.ts';
import type { DocumentLog } from '../storage/documents/document-log.ts';

/** One fresh, empty store of the backend under test. */
export interface StoreUnderTest {
  /** Opens a log on this store; every call is another instance with its own connection. */
  open(): Promise<DocumentLog>;
  /** Restores a backup file into this store while no log of it is open. */
  restore(file: string): Promise<BackupCounts>;
  /**
   * Makes every later write of snapshots and updates fail inside its transaction (a trigger
   * raising an error, standing in for a full disk or a lost database), or work again. Only
   * called after a log of the store has been opened.
   */
  failWrites(fail: boolean): Promise<void>;
  /** Deletes the store. */
  destroy(): Promise<void>;
}

/** Opens stores and instances on them for one test, and closes them all after it. */
export class TestStores<S extends { open(): Promise<C>; destroy(): Promise<void> }, C extends { close(): Promise<void> } = Awaited<ReturnType<S['open']>>> {
  readonly #create: () => Promise<S>;
  #cleanups: (() => Promise<void>)[] = [];

  constructor(create: () => Promise<S>) {
    this.#create = create;
  }

  async store(): Promise<S> {
    const store = await this.#create();
    this.#cleanups.push(() => store.destroy());
    return store;
  }

  async open(store: S): Promise<C> {
    const opened = await store.open();
    this.#cleanups.push(() => opened.close());
    return opened;
  }

  /** A fresh store and one instance on it. */
  async fresh(): Promise<C> {
    return this.open(await this.store());
  }

  async cleanup(): Promise<void> {
    const cleanups = this.#cleanups.reverse();
    this.#cleanups = [];
    for (const cleanup of cleanups) await cleanup();
  }
}
