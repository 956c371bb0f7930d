/**
 * The messages between the UpdateValidator (main thread) and its validation workers. Each
 * worker handles its messages one at a time, in order, so a check always sees the catch-ups
 * and checks sent before it for the same document.
 */
import type { UpdateVerdict } from './verdict.ts';
import type { WriterClaim } from './writer-check.ts';

/**
 * Server state the worker's replica lacks, sent with a check. `full`: drop any replica and
 * start from `updates` (the first being the document's full state); otherwise apply `updates`
 * (everything applied to the live document since the last message) to the replica.
 */
export interface CatchUp {
  readonly full: boolean;
  readonly updates: readonly Uint8Array[];
}

/** Main thread to worker. */
export type ToWorker =
  | { readonly type: 'check'; readonly id: number; readonly name: string; readonly catchUp: CatchUp; readonly update: Uint8Array; readonly writer?: WriterClaim }
  | { readonly type: 'forget'; readonly name: string };

/**
 * Worker to main thread. `ready`: the worker has loaded its code (templates included) and the
 * time limit starts to apply. `progress`: it has caught a replica up and starts the check proper,
 * so the time limit counts each step from its own start.
 */
export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'verdict'; readonly id: number; readonly verdict: UpdateVerdict }
  | { readonly type: 'progress'; readonly id: number };

/**
 * TEST ONLY: makes the worker slow on purpose, to test the time limit with a real stuck worker.
 * When it checks an update of document `slowDocument`, it first spins for `busyMs` ms without
 * answering. Never set in production.
 */
export interface TestOnlySlowness {
  readonly slowDocument: string;
  readonly busyMs: number;
}

/** What a worker is started with (its `workerData`). */
export interface WorkerData {
  /** Largest encoded size a document may reach (bytes); an update past it is refused `over-limit`. */
  readonly maxDocumentBytes: number;
  readonly testOnlySlowness?: TestOnlySlowness;
}
