/**
 * Checks each client update before Hocuspocus applies it (DESIGN decision 6), in Hocuspocus's
 * `beforeSync` hook, which it awaits before applying: the update must decode, depend on nothing
 * the server lacks, leave the document's meta alone and leave the document valid against its
 * schema (`UpdateValidator`, off the main thread with a time limit). A refused update closes the
 * connection with 4422 `invalid-update` and is logged; the document is unchanged. Read-only
 * connections are not checked: Hocuspocus never applies their updates.
 *
 * A `timeout` verdict is the client's fault only if this thread was free while the check ran:
 * the validator's time limit is a timer on this thread, so a pause of the thread (for example a
 * synchronous SQLite write waiting up to 5 s for another process's lock) makes it fire before
 * the worker's answer, already waiting, is read. Such a check is made again.
 */
import type { Extension, beforeSyncPayload } from '@hocuspocus/server';
import { performance } from 'node:perf_hooks';
import type { UpdateValidator } from '../validation/update-validator.ts';
import type { AccessContext } from './access-control.ts';
import { CLOSE, WireError } from './close-codes.ts';

/** y-protocols sync message types that carry an update: SyncStep2 and Update. */
const CARRIES_UPDATE = new Set([1, 2]);

/** A gap this long between heartbeats of this thread is a pause, not timer jitter (ms). */
const PAUSE_MS = 500;
/** Most checks of one update that time out during pauses of this thread before it is refused. */
const MAX_ATTEMPTS = 4;

/** Notices pauses of this thread's event loop with a heartbeat every 100 ms. */
class PauseWatch {
  #beat = performance.now();
  #lastPauseEnd = -Infinity;
  readonly #timer = setInterval(() => this.#tick(), 100);

  constructor() {
    this.#timer.unref();
  }

  /** Whether the thread paused after `since` (a `performance.now()`), including a pause just ending. */
  pausedSince(since: number): boolean {
    this.#tick();
    return this.#lastPauseEnd > since;
  }

  close(): void {
    clearInterval(this.#timer);
  }

  #tick(): void {
    const now = performance.now();
    if (now - this.#beat >= PAUSE_MS) this.#lastPauseEnd = now;
    this.#beat = now;
  }
}

export interface RefusedUpdate {
  readonly document: string;
  readonly username?: string;
  readonly code: string;
  readonly reason: string;
  readonly bytes: number;
}

export class UpdateChecks implements Extension {
  readonly extensionName = 'update-checks';
  readonly #validator: UpdateValidator;
  readonly #onRefused: (refused: RefusedUpdate) => void;
  readonly #pauses = new PauseWatch();

  constructor(validator: UpdateValidator, onRefused: (refused: RefusedUpdate) => void) {
    this.#validator = validator;
    this.#onRefused = onRefused;
  }

  async beforeSync(data: beforeSyncPayload<AccessContext>): Promise<void> {
    if (!CARRIES_UPDATE.has(data.type) || data.connection.readOnly) return;
    let verdict;
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      verdict = await this.#validator.check(data.documentName, data.document, data.payload);
      if (verdict.ok || verdict.code !== 'timeout' || attempt >= MAX_ATTEMPTS || !this.#pauses.pausedSince(started)) break;
    }
    if (verdict.ok) return;
    this.#onRefused({
      document: data.documentName,
      username: data.context?.user.username,
      code: verdict.code,
      reason: verdict.reason,
      bytes: data.payload.length,
    });
    // The client now holds a change the server will never have, and its later updates depend on
    // it: end its socket with the named code (Hocuspocus's own close of one document carries only
    // the reason, on a socket left open), so it drops its local changes and syncs again.
    data.connection.webSocket.close(CLOSE.invalidUpdate.code, CLOSE.invalidUpdate.reason);
    throw new WireError(CLOSE.invalidUpdate, `${verdict.code}: ${verdict.reason}`);
  }

  async onDestroy(): Promise<void> {
    this.#pauses.close();
    await Promise.resolve();
  }
}
