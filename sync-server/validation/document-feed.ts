/**
 * What a worker's replica of one live document lacks. The live document changes in ways the
 * validator does not check: updates from other server instances (Redis), restores, the server's
 * own writes, and the accepted updates themselves once the server applies them. The feed
 * records every update the live document emits from the moment it seeds the replica, and hands
 * them over with the next check.
 *
 * Why updates rather than a state vector: a change that only deletes does not move the state
 * vector, so `encodeStateAsUpdate(doc, replicaStateVector)` would lose it; and that call also
 * encodes the document's whole delete set, which costs O(document) on the main thread each
 * time. Recording updates costs O(update) and misses nothing. Updates the replica already has
 * (the accepted ones, sent back) are skipped by Yjs in the worker for about their size.
 */
import * as Y from 'yjs';
import type { CatchUp } from './protocol.ts';

/**
 * Recorded updates beyond this many bytes are dropped and the next check sends the full state
 * instead (a document that changes a lot between checks costs one full state, not unbounded memory).
 */
export const MAX_RECORDED_BYTES = 4 * 1024 * 1024;

/** Keeps one live document's changes for the worker replica that has not seen them yet. */
export class DocumentFeed {
  /** The live document; only read, and listened to. */
  readonly doc: Y.Doc;
  /** Generation of the worker whose replica this feed keeps up to date; 0 when it has none. */
  #generation = 0;
  #recorded: Uint8Array[] = [];
  #recordedBytes = 0;
  readonly #onUpdate = (update: Uint8Array): void => {
    if (this.#generation === 0) return;
    this.#recorded.push(update);
    this.#recordedBytes += update.length;
    if (this.#recordedBytes > MAX_RECORDED_BYTES) this.#reset(0);
  };
  readonly #onDestroy: () => void;

  /** Starts listening to `doc`; `onDestroy` runs when the document is destroyed (unloaded). */
  constructor(doc: Y.Doc, onDestroy: () => void) {
    this.doc = doc;
    this.#onDestroy = onDestroy;
    doc.on('update', this.#onUpdate);
    doc.on('destroy', this.#onDestroy);
  }

  /**
   * What to send with a check to the worker of generation `generation` (> 0): the full state
   * when that worker may not have a replica, else the updates recorded since the last call.
   */
  catchUp(generation: number): CatchUp {
    if (generation !== this.#generation) {
      this.#reset(generation);
      return { full: true, updates: [Y.encodeStateAsUpdate(this.doc)] };
    }
    const updates = this.#recorded;
    this.#reset(generation);
    return { full: false, updates };
  }

  /** Stops listening to the document. */
  close(): void {
    this.doc.off('update', this.#onUpdate);
    this.doc.off('destroy', this.#onDestroy);
    this.#reset(0);
  }

  #reset(generation: number): void {
    this.#generation = generation;
    this.#recorded = [];
    this.#recordedBytes = 0;
  }
}
