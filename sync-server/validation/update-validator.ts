/**
 * Checks each client update before the server applies it (DESIGN decision 6): size first, then,
 * off the main thread and within a time limit, that it decodes, brings nothing the server cannot
 * place, leaves the meta alone and keeps the document valid (the model's `validate`). The server
 * calls `check` from Hocuspocus's `beforeSync` hook and refuses the message when the verdict is
 * not ok, so a bad update never reaches the stored document.
 *
 * Each worker keeps a replica of the documents sharded to it (by a hash of the name), so a check
 * costs about the size of the update plus re-validating the parts of the document it touches,
 * not decoding the whole document again. See README.md for the design and its figures.
 */
import { availableParallelism } from 'node:os';
import type * as Y from 'yjs';
import { z } from 'zod';
import { DocumentFeed } from './document-feed.ts';
import { parseDocumentName, PLAN_LIMITS } from '../../model/wire/index.ts';
import type { TestOnlySlowness, WorkerData } from './protocol.ts';
import { refuse, type UpdateVerdict } from './verdict.ts';
import { WorkerSlot } from './worker-slot.ts';
import type { WriterClaim } from './writer-check.ts';

export type { RefusalCode, UpdateVerdict } from './verdict.ts';

/** Settings of an {@link UpdateValidator}; every one has a default. */
export interface UpdateValidatorOptions {
  /** Worker threads; documents are spread over them by name. Default: 1, or 2 with 3 or more CPUs. */
  readonly workers?: number;
  /** Longest a worker may go without answering before the check is refused with `timeout` (ms). Default 2000. */
  readonly timeoutMs?: number;
  /** Longer updates are refused with `too-large` without any other work. Default 1 MiB. */
  readonly maxUpdateBytes?: number;
  /** An update after which a document's encoded size would pass this is refused `over-limit`. Default `PLAN_LIMITS.planBytes` (8 MiB). */
  readonly maxDocumentBytes?: number;
  /** TEST ONLY: see {@link TestOnlySlowness}. Never set in production. */
  readonly testOnlySlowness?: TestOnlySlowness;
}

const Options = z.object({
  workers: z.number().int().min(1).max(64).default(() => Math.min(2, Math.max(1, availableParallelism() - 1))),
  timeoutMs: z.number().positive().default(2000),
  maxUpdateBytes: z.number().int().positive().default(1024 * 1024),
  maxDocumentBytes: z.number().int().positive().default(PLAN_LIMITS.planBytes),
  testOnlySlowness: z.object({ slowDocument: z.string(), busyMs: z.number().nonnegative() }).optional(),
});

/**
 * The server's update validator: one per server process, shared by every document. Create it at
 * start (its workers load in the background), call `check` for each client update, `forget`
 * when a document is unloaded, and `close` at shutdown.
 */
export class UpdateValidator {
  readonly #slots: readonly WorkerSlot[];
  readonly #maxUpdateBytes: number;
  readonly #feeds = new Map<string, DocumentFeed>();
  #closed = false;

  /** Throws a zod error for an option out of range (a programmer error). Workers start on first use. */
  constructor(options: UpdateValidatorOptions = {}) {
    const o = Options.parse(options);
    const data: WorkerData = { maxDocumentBytes: o.maxDocumentBytes, ...(o.testOnlySlowness ? { testOnlySlowness: o.testOnlySlowness } : {}) };
    this.#slots = Array.from({ length: o.workers }, () => new WorkerSlot(data, o.timeoutMs));
    this.#maxUpdateBytes = o.maxUpdateBytes;
  }

  /**
   * Checks `update` (a Yjs V1 update: the payload of a sync step 2 or update message) against
   * document `name`, whose current server state is `doc`. Resolves a verdict and never rejects
   * for a bad update; `ok` means the server should apply the update now.
   *
   * `doc` is the live document: only read, and listened to (its `update` and `destroy` events)
   * until {@link forget}, so that changes from other sources reach the worker's replica before
   * the next check. Checks of one document are answered in the order they were made, and each
   * is judged with the updates accepted before it, as the server will apply them.
   *
   * If an accepted update is not applied after all (a later hook refuses it), call `forget(name)`:
   * the replica would otherwise hold a change the server does not have.
   *
   * With `writer`, every register entry the update adds must name `writer.by` and carry a time no
   * later than `writer.latestAt` (`writer-check.ts`), else the verdict is `wrong-writer`.
   */
  check(name: string, doc: Y.Doc, update: Uint8Array, writer?: WriterClaim): Promise<UpdateVerdict> {
    if (this.#closed) return Promise.resolve(refuse('error', 'the update validator is closed'));
    if (update.length > this.#maxUpdateBytes) {
      return Promise.resolve(refuse('too-large', `the update is ${update.length} bytes; the limit is ${this.#maxUpdateBytes}`));
    }
    if (!parseDocumentName(name)) return Promise.resolve(refuse('invalid', `"${name}" is not a document name the server serves`));

    let feed = this.#feeds.get(name);
    if (feed?.doc !== doc) {
      if (feed) this.forget(name);
      feed = new DocumentFeed(doc, () => this.forget(name));
      this.#feeds.set(name, feed);
    }
    const own = feed;
    // A view into a larger buffer (Hocuspocus passes one) would be cloned whole; copy just the update.
    const bytes = update.byteOffset === 0 && update.byteLength === update.buffer.byteLength ? update : update.slice();
    return this.#slotOf(name).check((id, generation) =>
      this.#feeds.get(name) === own ? { type: 'check', id, name, catchUp: own.catchUp(generation), update: bytes, ...(writer ? { writer } : {}) } : undefined,
    );
  }

  /**
   * The server unloaded document `name`: stop listening to it and drop the worker's replica.
   * Also called by itself when the document is destroyed. Checks of it still in a worker's queue
   * are answered; checks that must be sent again (after a worker restart) are refused with `error`.
   */
  forget(name: string): void {
    const feed = this.#feeds.get(name);
    if (!feed) return;
    feed.close();
    this.#feeds.delete(name);
    this.#slotOf(name).tell({ type: 'forget', name });
  }

  /** Stops every worker and every listener; checks still waiting are refused with `error`, later ones too. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const name of [...this.#feeds.keys()]) this.forget(name);
    await Promise.all(this.#slots.map((slot) => slot.close()));
  }

  #slotOf(name: string): WorkerSlot {
    return this.#slots[fnv1a(name) % this.#slots.length]!;
  }
}

/** 32-bit FNV-1a hash of a string's UTF-16 code units: cheap, stable, well spread. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
