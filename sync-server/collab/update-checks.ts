/**
 * Checks each client update before Hocuspocus applies it (DESIGN decision 6), in Hocuspocus's
 * `beforeSync` hook, which it awaits before applying: the update must decode, depend on nothing
 * the server lacks, leave the document's meta alone and leave the document valid against its
 * schema (`UpdateValidator`, off the main thread with a time limit). A refused update closes the
 * connection with 4422 `invalid-update`, or 4507 `plan-limit` when it would take the plan past a
 * size limit (`model/wire/limits.ts`), and is logged; the document is unchanged. Read-only
 * connections are not checked: Hocuspocus never applies their updates.
 *
 * Who wrote it (DESIGN decision 3): every register entry an update adds must name the
 * connection's authenticated username as its writer and carry a time no later than the server's
 * clock plus `clockSkewMs` (`CLOCK_SKEW_SECONDS`, default 5 minutes); else the update is refused
 * and the connection closed with 4424 `wrong-writer`.
 */
import type { Extension, beforeSyncPayload } from '@hocuspocus/server';
import type { UpdateValidator } from '../validation/update-validator.ts';
import { DEFAULT_CLOCK_SKEW_MS } from '../validation/writer-check.ts';
import type { AccessContext } from './access-control.ts';
import { CLOSE, WireError } from './wire-error.ts';

/** y-protocols sync message types that carry an update: SyncStep2 and Update. */
const CARRIES_UPDATE = new Set([1, 2]);

export interface RefusedUpdate {
  readonly document: string;
  readonly username?: string;
  readonly code: string;
  readonly reason: string;
  /** What is wrong, one `path: message` per line, when known. */
  readonly problems?: readonly string[];
  readonly bytes: number;
}

export class UpdateChecks implements Extension {
  readonly extensionName = 'update-checks';
  /** After access control (1000), before durable storage (150): an update is checked before it is stored. */
  readonly priority = 200;
  readonly #validator: UpdateValidator;
  readonly #onRefused: (refused: RefusedUpdate) => void;
  readonly #clockSkewMs: number;
  readonly #now: () => number;

  constructor(validator: UpdateValidator, onRefused: (refused: RefusedUpdate) => void, options: { clockSkewMs?: number; now?: () => number } = {}) {
    this.#validator = validator;
    this.#onRefused = onRefused;
    this.#clockSkewMs = options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
    this.#now = options.now ?? Date.now;
  }

  async beforeSync(data: beforeSyncPayload<AccessContext>): Promise<void> {
    if (!CARRIES_UPDATE.has(data.type) || data.connection.readOnly) return;
    const username = data.context?.user.username;
    // Access control sets the context on every authenticated connection; without one, nobody may write.
    const writer = { by: username ?? '', latestAt: this.#now() + this.#clockSkewMs };
    const verdict = await this.#validator.check(data.documentName, data.document, data.payload, writer);
    if (verdict.ok) return;
    this.#onRefused({
      document: data.documentName,
      username: data.context?.user.username,
      code: verdict.code,
      reason: verdict.reason,
      ...(verdict.problems ? { problems: verdict.problems } : {}),
      bytes: data.payload.length,
    });
    // The client now holds a change the server will never have, and its later updates depend on
    // it: end its socket with the named code (Hocuspocus's own close of one document carries only
    // the reason, on a socket left open), so it drops its local changes and syncs again.
    const close = verdict.code === 'wrong-writer' ? CLOSE.wrongWriter : verdict.code === 'over-limit' ? CLOSE.planLimit : CLOSE.invalidUpdate;
    data.connection.webSocket.close(close.code, close.reason);
    throw new WireError(close, `${verdict.code}: ${verdict.reason}`);
  }
}
