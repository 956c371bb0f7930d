/**
 * The durable storage extension (DESIGN decision 1). Documents are loaded from the update log
 * (latest snapshot plus the updates after it), and every update applied to a loaded document,
 * from any source, is appended to the log. `barrier(name)` resolves once everything applied so
 * far is durable: the acknowledgement gate waits on it before telling a client its edit is
 * saved. Hocuspocus's own debounced full-document store is not used. Each batch carries its
 * audit entries (`auditOf`) into the same transaction.
 *
 * When storage fails, the updates stay in memory, the append is retried with backoff, the
 * acknowledgements keep waiting, the document is not unloaded, and `health()` says so. Nothing
 * here ever writes a whole document over stored data, so a failure cannot overwrite it with an
 * empty document.
 */
import type { Extension, Hocuspocus, afterLoadDocumentPayload, beforeUnloadDocumentPayload, onLoadDocumentPayload } from '@hocuspocus/server';
import * as Y from 'yjs';
import { rootsTouched } from '../../model/observe.ts';
import type { AuditRecord } from '../storage/db/audit-append.ts';
import type { DocumentLog } from '../storage/documents/document-log.ts';
import { applyStored, STORAGE_ORIGIN } from '../storage/documents/stored-document.ts';
import { CLOSE, WireError } from './wire-error.ts';

/** What is waiting to be made durable for one document. */
interface DocState {
  /** Updates applied but not yet committed, oldest first, with where each came from. */
  queue: DurableUpdate[];
  /** Count of updates ever committed; with the queue's length, what barriers wait for. */
  committed: number;
  waiters: { target: number; resolve: () => void }[];
  flushing: boolean;
  failures: number;
  firstUnsavedAt: number | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** Where an update came from and which parts (root names) of the document it touched. */
export interface UpdateSource {
  readonly origin: unknown;
  readonly parts: readonly string[];
}

/** A durable update and its source. */
export interface DurableUpdate extends UpdateSource {
  readonly update: Uint8Array;
}

/** The root names of the shared types a transaction changed (what part of the plan it touched), sorted. */
export function partsTouched(transaction: Y.Transaction): string[] {
  return [...rootsTouched(transaction).names].sort();
}

export interface DurableHealth {
  readonly storage: 'ok' | 'failing';
  readonly lastError?: string;
  /** Documents with changes not yet on disk. */
  readonly unsaved: readonly { document: string; updates: number; since: string }[];
}

/** Told after each batch of a document's updates is durable, with where each came from. */
export type StoredListener = (name: string, updates: readonly DurableUpdate[]) => void;

/** Where others subscribe to what the durable storage extension has stored. */
export interface StoredEvents {
  /** Registers `listener` for every batch stored from now on (in registration order); returns its unsubscribe. */
  onStored(listener: StoredListener): () => void;
}

export interface DurableOptions {
  /** First retry delay after a failed append, doubling up to `maxRetryMs`. */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
  readonly log?: (message: string, error?: unknown) => void;
  /**
   * The audit entries of a batch about to be appended (who wrote it, from each update's
   * origin: `plans/audit-entries.ts`), appended with it in the same transaction, so no durable
   * update is ever without its audit entry. Unset: no audit (storage tests).
   */
  readonly auditOf?: (name: string, updates: readonly DurableUpdate[]) => AuditRecord[];
}

export class DurableDocuments implements Extension, StoredEvents {
  readonly extensionName = 'durable-documents';
  /** After access control and the update checks: only an update they let through is stored. */
  readonly priority = 150;
  readonly #listeners = new Set<StoredListener>();
  readonly #log: DocumentLog;
  readonly #options: DurableOptions;
  readonly #docs = new Map<string, DocState>();
  #instance: Hocuspocus | undefined;
  #lastError: string | undefined;
  #failing = false;

  constructor(log: DocumentLog, options: DurableOptions = {}) {
    this.#log = log;
    this.#options = options;
  }

  onStored(listener: StoredListener): () => void {
    // A wrapper per registration, so registering one function twice needs two unsubscribes.
    const entry: StoredListener = (name, updates) => listener(name, updates);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  async onConfigure({ instance }: { instance: Hocuspocus }): Promise<void> {
    this.#instance = instance;
    await Promise.resolve();
  }

  /**
   * Replays the stored document into Hocuspocus's. Throws (refusing the connection) when storage
   * fails, and for a document that was never stored unless the server itself is creating it
   * (a direct connection whose context has `action` 'create' or 'import'): clients never create
   * documents (DESIGN decision 5).
   */
  async onLoadDocument({ documentName, document, context }: onLoadDocumentPayload): Promise<void> {
    const stored = await this.#log.load(documentName);
    if (!stored) {
      const action = (context as { action?: unknown } | undefined)?.action;
      if (action === 'create' || action === 'import') return;
      throw new WireError(CLOSE.unknownDocument, `${documentName} does not exist`);
    }
    applyStored(document, stored);
  }

  async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload): Promise<void> {
    document.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
      // Updates from another instance (through Redis) are stored here too: that instance may
      // die between forwarding and committing, and a client re-sending the same change here
      // would then be acknowledged by a no-op. Appending an update twice changes nothing.
      if (origin === STORAGE_ORIGIN) return;
      this.enqueue(documentName, update, { origin, parts: partsTouched(transaction) });
    });
    await Promise.resolve();
  }

  /** Refuses to unload a document with changes not yet on disk (it is retried once they are). */
  async beforeUnloadDocument({ documentName }: beforeUnloadDocumentPayload): Promise<void> {
    const state = this.#docs.get(documentName);
    if (state && state.queue.length > 0) throw new Error(`${documentName} has unsaved changes`);
    this.#docs.delete(documentName);
    await Promise.resolve();
  }

  /** Queues one update of `name` for the log (normally called by the document's update listener). */
  enqueue(name: string, update: Uint8Array, source: UpdateSource): void {
    const state = this.#state(name);
    state.queue.push({ update, ...source });
    state.firstUnsavedAt ??= Date.now();
    if (!state.flushing && state.timer === undefined) queueMicrotask(() => void this.#flush(name));
  }

  /** Resolves when every update of `name` applied so far is durable; undefined when nothing is waiting. */
  barrier(name: string): Promise<void> | undefined {
    const state = this.#docs.get(name);
    if (!state || state.queue.length === 0) return undefined;
    const target = state.committed + state.queue.length;
    return new Promise((resolve) => state.waiters.push({ target, resolve }));
  }

  /** Waits until every queued update of every document is durable (or `timeoutMs` passes). Resolves true when all saved. */
  async flushAll(timeoutMs = 8000): Promise<boolean> {
    const waits = [...this.#docs.keys()].map((n) => this.barrier(n)).filter((p): p is Promise<void> => p !== undefined);
    if (waits.length === 0) return true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const result = await Promise.race([Promise.all(waits).then(() => true as const), timeout]);
    clearTimeout(timer);
    return result;
  }

  health(): DurableHealth {
    const unsaved = [...this.#docs.entries()]
      .filter(([, s]) => s.queue.length > 0)
      .map(([document, s]) => ({ document, updates: s.queue.length, since: new Date(s.firstUnsavedAt ?? Date.now()).toISOString() }));
    return { storage: this.#failing ? 'failing' : 'ok', lastError: this.#lastError, unsaved };
  }

  #state(name: string): DocState {
    let state = this.#docs.get(name);
    if (!state) {
      state = { queue: [], committed: 0, waiters: [], flushing: false, failures: 0, firstUnsavedAt: undefined, timer: undefined };
      this.#docs.set(name, state);
    }
    return state;
  }

  async #flush(name: string): Promise<void> {
    const state = this.#docs.get(name);
    if (!state || state.flushing || state.queue.length === 0) return;
    state.flushing = true;
    const batch = state.queue.slice();
    try {
      await this.#log.append(name, batch.map((u) => u.update), this.#options.auditOf?.(name, batch));
      state.queue.splice(0, batch.length);
      state.committed += batch.length;
      state.failures = 0;
      state.firstUnsavedAt = state.queue.length > 0 ? Date.now() : undefined;
      if (this.#failing) this.#recovered();
      const ready = state.waiters.filter((w) => w.target <= state.committed);
      state.waiters = state.waiters.filter((w) => w.target > state.committed);
      for (const w of ready) w.resolve();
      for (const listener of this.#listeners) {
        try {
          listener(name, batch);
        } catch (error) {
          this.#options.log?.(`durable-documents: a listener of stored updates of ${name} failed`, error);
        }
      }
    } catch (error) {
      state.failures++;
      this.#failing = true;
      this.#lastError = error instanceof Error ? error.message : String(error);
      this.#options.log?.(`durable-documents: append of ${batch.length} update(s) to ${name} failed (attempt ${state.failures}); kept in memory, retrying`, error);
      const base = this.#options.retryMs ?? 250;
      const delay = Math.min(base * 2 ** (state.failures - 1), this.#options.maxRetryMs ?? 5000);
      state.timer = setTimeout(() => {
        state.timer = undefined;
        void this.#flush(name);
      }, delay);
    } finally {
      state.flushing = false;
    }
    if (state.queue.length > 0 && state.timer === undefined) void this.#flush(name);
    else if (state.queue.length === 0) void this.#maybeUnload(name);
  }

  #recovered(): void {
    const stillFailing = [...this.#docs.values()].some((s) => s.failures > 0);
    if (!stillFailing) {
      this.#failing = false;
      this.#options.log?.('durable-documents: storage recovered; every queued update is saved');
    }
  }

  /** A document kept in memory only because it had unsaved changes is unloaded once saved. */
  async #maybeUnload(name: string): Promise<void> {
    const doc = this.#instance?.documents.get(name);
    if (doc && doc.getConnectionsCount() === 0) await this.#instance?.unloadDocument(doc);
  }
}
