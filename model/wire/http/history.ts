/**
 * A child's history: `GET /api/children/:id/history?limit=&before=` ({@link HistoryQuery},
 * answered by {@link HistoryReply}), read from the audit log, newest first; and the audit chain
 * check for administrators, `GET /api/audit/verify` ({@link AuditVerifyReply}).
 */
import * as z from 'zod';

/** The most entries one page of history holds. */
export const MAX_HISTORY_PAGE = 1000;

/** Page size of the history when `limit` is not given. */
export const DEFAULT_HISTORY_LIMIT = 50;

const LIMIT = `limit must be a whole number from 1 to ${MAX_HISTORY_PAGE}`;
const BEFORE = 'before must be the seq of an entry from the previous page';

/** The query: `limit` 1 to 1000 (default 50), `before` the `next` of the previous page. */
export const HistoryQuery = z
  .object({
    limit: z.coerce.number({ error: LIMIT }).int(LIMIT).min(1, LIMIT).max(MAX_HISTORY_PAGE, `limit must be at most ${MAX_HISTORY_PAGE}`).default(DEFAULT_HISTORY_LIMIT),
    before: z.coerce.number({ error: BEFORE }).int(BEFORE).min(1, BEFORE).max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict();
export type HistoryQuery = z.infer<typeof HistoryQuery>;

/** Who a writer was, as others see them (the server and the admin command line are writers too). */
export const Person = z.object({
  username: z.string(),
  name: z.string(),
  role: z.string().nullable(),
  organisation: z.string().nullable(),
});
export type Person = z.infer<typeof Person>;

/** How a change came about. */
export const AuditAction = z.enum(['edit', 'create', 'import', 'restore', 'delete-version']);
export type AuditAction = z.infer<typeof AuditAction>;

/** One entry: one writer's stored batch of changes to one document. */
export const HistoryEntry = z.object({
  seq: z.number().int().min(1),
  at: z.string(),
  action: AuditAction,
  /** `plan` for the child's plan, `restricted` for its restricted document. */
  document: z.enum(['plan', 'restricted']),
  user: Person,
  /** The parts (roots) changed, each with what people call it. */
  parts: z.array(z.object({ part: z.string(), label: z.string() })),
  bytes: z.number().int().min(0),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** A page of history; `next` is the `before` of the next page, or null on the last. */
export const HistoryReply = z.object({ entries: z.array(HistoryEntry), next: z.number().int().nullable() });
export type HistoryReply = z.infer<typeof HistoryReply>;

/** The audit chain holds (with how many entries), or the first seq where it breaks and why. */
export const AuditVerifyReply = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), entries: z.number().int().min(0) }),
  z.object({ ok: z.literal(false), seq: z.number().int(), reason: z.string() }),
]);
export type AuditVerifyReply = z.infer<typeof AuditVerifyReply>;
