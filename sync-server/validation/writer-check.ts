/**
 * Who wrote it, and when (DESIGN decision 3): a register entry (`model/register.ts`: a map entry
 * `{ value, by, at }`) that a client's update adds must name the connection's authenticated
 * person as its writer (`by` is their username, the identity the audit records) and carry a
 * time no later than the server's clock plus a small skew. Earlier times are kept: an edit made
 * offline keeps the honest time it was made, and an early time only loses conflicts. A hostile
 * clock cannot win every conflict with a far-future time, and no one can write as someone else.
 *
 * The check reads the update's own structs (`Y.decodeUpdate`), wherever an entry is put and
 * however its content is encoded: any map entry whose content is an object with a `by` or `at`
 * is held to it. Only structs the server does not have yet count (`known`, the replica's state
 * vector): a client sends again what it already has, for example everything its device's copy
 * held when a page opens it from IndexedDB, and entries other people wrote are in that.
 */
import * as Y from 'yjs';

/** The writer a connection may write as, and the latest time its entries may carry. */
export interface WriterClaim {
  /** The authenticated username: the only `by` a new entry may name. */
  readonly by: string;
  /** Latest `at` accepted, ms since the epoch: the server's now plus the allowed clock skew. */
  readonly latestAt: number;
}

/** Default clock skew allowed for an entry's time: 5 minutes. */
export const DEFAULT_CLOCK_SKEW_MS = 5 * 60_000;

/** Most problems listed (the verdict caps its list anyway). */
const MAX_LISTED = 5;

/**
 * What is wrong with the writers and times of the register entries `decoded` adds beyond
 * `known` (the server's state vector for the document; none: every struct is new); empty when
 * nothing.
 */
export function writerProblems(decoded: ReturnType<typeof Y.decodeUpdate>, writer: WriterClaim, known: ReadonlyMap<number, number> = new Map()): string[] {
  const problems: string[] = [];
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item) || struct.parentSub === null) continue;
    // Already on the server: written and checked before (or written by the server itself).
    if (struct.id.clock + struct.length <= (known.get(struct.id.client) ?? 0)) continue;
    for (const value of struct.content.getContent() as unknown[]) {
      if (!isPlainObject(value) || !('by' in value || 'at' in value)) continue;
      const entry = value as { by?: unknown; at?: unknown };
      const where = `entry ${struct.parentSub}`;
      if (entry.by !== writer.by) problems.push(`${where}: written as ${JSON.stringify(entry.by)}, but this connection is signed in as ${JSON.stringify(writer.by)}`);
      const at = typeof entry.at === 'string' ? Date.parse(entry.at) : Number.NaN;
      if (!Number.isFinite(at)) problems.push(`${where}: its time ${JSON.stringify(entry.at)} is not an ISO 8601 time`);
      else if (at > writer.latestAt) problems.push(`${where}: its time ${String(entry.at)} is later than the server's clock allows (${new Date(writer.latestAt).toISOString()})`);
      if (problems.length >= MAX_LISTED) return problems;
    }
  }
  return problems;
}

/** A plain object (what ContentAny, ContentJSON and ContentEmbed decode to), not a Yjs type or a Doc. */
function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
