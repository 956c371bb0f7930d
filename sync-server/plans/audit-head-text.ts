/**
 * The audit chain head as a person keeps it elsewhere: `<seq>:<sha256 hex>`, e.g.
 * `1234:9f86d0...`. The admin line prints it (`audit head`), the server logs it at each day's
 * change (`collab/audit-head-log.ts`), and `audit verify --head <seq>:<hash>` checks the store
 * against a copy of it (`storage/records` `verifyAudit(anchor)`).
 */

/** A chain head: the last entry's seq and hash. */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

/** The head as text: `<seq>:<hash>` (`0:` for an empty log). */
export function headText(head: ChainHead): string {
  return `${head.seq}:${head.hash}`;
}

/** Reads `<seq>:<hash>`; undefined when it is not that shape. */
export function parseHeadText(text: string): ChainHead | undefined {
  const m = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text.trim().toLowerCase());
  if (!m) return undefined;
  const seq = Number(m[1]);
  return seq > 0 ? { seq, hash: m[2]! } : undefined;
}
