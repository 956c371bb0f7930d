/**
 * What checking an update decides. A refusal is an expected outcome, so it is a value, not an
 * exception (Conventions): the server logs it with its code and tells the client.
 */

/**
 * Why an update was refused:
 * - `too-large`: longer than the size limit; not decoded at all.
 * - `undecodable`: not a Yjs update, or one Yjs cannot apply (truncated, corrupted).
 * - `invalid`: it decodes, but the document would break a rule: it would not validate against its
 *   spec, it changes the meta, it depends on changes the server does not have, or the document
 *   name is not one the server serves.
 * - `wrong-writer`: a register entry it adds names a writer other than the signed-in person, or a
 *   time later than the server's clock allows (`writer-check.ts`).
 * - `over-limit`: it decodes and is well formed, but the document would pass a limit of plan size
 *   (`model/wire/limits.ts`): its encoded size, a text field's length, a table's rows.
 * - `timeout`: checking took longer than the time limit (the worker was restarted).
 * - `error`: the validator itself failed (worker crashed, or the validator was closed); refused
 *   to be safe, the update may well be fine and the client will send it again.
 */
export type RefusalCode = 'too-large' | 'undecodable' | 'invalid' | 'wrong-writer' | 'over-limit' | 'timeout' | 'error';

/** The outcome of a check. `problems` lists what is wrong, one `path: message` per line, when known. */
export type UpdateVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: RefusalCode; readonly reason: string; readonly problems?: readonly string[] };

/** Most problems a verdict lists; the rest are counted in one last line. */
export const MAX_PROBLEMS = 20;

/** The accepting verdict (one shared object: it carries nothing). */
export const OK: UpdateVerdict = Object.freeze({ ok: true });

/** A refusal; `problems` are capped at {@link MAX_PROBLEMS} so a verdict stays small on the wire. */
export function refuse(code: RefusalCode, reason: string, problems?: readonly string[]): UpdateVerdict {
  if (problems === undefined || problems.length === 0) return { ok: false, code, reason };
  const listed = problems.length > MAX_PROBLEMS ? [...problems.slice(0, MAX_PROBLEMS), `... and ${problems.length - MAX_PROBLEMS} more`] : [...problems];
  return { ok: false, code, reason, problems: listed };
}

/** The message of a thrown value, for a reason text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
