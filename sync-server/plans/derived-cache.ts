/**
 * What is worked out from a whole plan (a calendar feed, and the like), kept per document state,
 * so that fetching it again costs nothing until the plan changes, and one large plan fetched by
 * several people at once is worked out once (`docs/limits.md`, "Plan size"): a calendar of a
 * plan at the size limit takes tens of milliseconds of the main thread, and without this each
 * fetch paid it again, plus a copy of the document.
 *
 * The state is named without encoding the document:
 * - a loaded document is read in place (read only, no copy) and its state is a count of its
 *   `update` events (every change, deletions included, which a state vector would miss);
 * - a document only on disk is keyed by the highest seq the log holds for it (`pending`: one
 *   small row, not the document), and read and decoded only when that seq is new.
 *
 * At most {@link MAX_DERIVED} values are kept (least recently used dropped first), and a value's
 * key includes a `variant` (for example today's date, which a calendar depends on).
 */
import * as Y from 'yjs';
import type { DocumentLog } from '../storage/documents/document-log.ts';
import { applyStored } from '../storage/documents/stored-document.ts';
import type { PlanHost } from './plan-host.ts';

/** Most values kept, across every document and kind. */
export const MAX_DERIVED = 500;

/** Changes seen of each loaded document: its state's name (`update` events counted since first asked). */
const changesOf = new WeakMap<Y.Doc, { count: number }>();

function changes(doc: Y.Doc): { count: number } {
  let seen = changesOf.get(doc);
  if (!seen) {
    const counter = { count: 0 };
    seen = counter;
    changesOf.set(doc, counter);
    doc.on('update', () => void counter.count++);
  }
  return seen;
}

export class DerivedCache {
  readonly #host: PlanHost;
  readonly #log: DocumentLog;
  /** By `kind|name|variant`: the state it was worked out from, and the value (or its promise). */
  readonly #values = new Map<string, { readonly state: string; readonly value: Promise<unknown> }>();
  /** A distinct number per loaded Y.Doc object, so a document unloaded and loaded again is a new state. */
  readonly #docIds = new WeakMap<Y.Doc, number>();
  #nextDocId = 1;

  constructor(host: PlanHost, log: DocumentLog) {
    this.#host = host;
    this.#log = log;
  }

  /**
   * `compute(doc)` for document `name` as it is now, from the cache when its state has not
   * changed since: undefined when there is no such document. `compute` must only read `doc` (it
   * may be the live document) and not keep it. A value being worked out is shared by every call
   * for the same state; a compute that throws is not kept.
   */
  async derive<T>(kind: string, name: string, variant: string, compute: (doc: Y.Doc) => T): Promise<T | undefined> {
    const key = `${kind}|${name}|${variant}`;
    const live = this.#host.documents.get(name);
    let state: string;
    let make: () => T | undefined | Promise<T | undefined>;
    if (live) {
      state = `live:${this.#docId(live)}:${changes(live).count}`;
      make = () => compute(live);
    } else {
      const { lastSeq } = await this.#log.pending(name);
      if (lastSeq === 0) return undefined;
      state = `stored:${lastSeq}`;
      make = async () => {
        const stored = await this.#log.load(name);
        if (!stored) return undefined;
        const doc = new Y.Doc();
        try {
          applyStored(doc, stored);
          return compute(doc);
        } finally {
          doc.destroy();
        }
      };
    }
    const cached = this.#values.get(key);
    if (cached?.state === state) {
      // Most recently used goes last.
      this.#values.delete(key);
      this.#values.set(key, cached);
      return cached.value as Promise<T>;
    }
    const value = Promise.resolve().then(make);
    this.#values.delete(key);
    this.#values.set(key, { state, value });
    value.catch(() => {
      if (this.#values.get(key)?.value === value) this.#values.delete(key);
    });
    while (this.#values.size > MAX_DERIVED) this.#values.delete(this.#values.keys().next().value!);
    return value;
  }

  #docId(doc: Y.Doc): number {
    let id = this.#docIds.get(doc);
    if (id === undefined) this.#docIds.set(doc, (id = this.#nextDocId++));
    return id;
  }
}
