/**
 * `GET /healthz`: answered 200 while storage works, 503 when it fails. Without sign-in (or signed
 * in as anyone but an administrator) only {@link PublicHealthReply}, `{ "status": "ok" | "degraded" }`;
 * with an administrator's bearer token the whole {@link HealthReply}: whether the server can
 * save, which documents have changes not yet on disk, how many documents and connections it holds.
 */
import * as z from 'zod';

export const HealthReply = z.object({
  /** `degraded` while storage fails or changes wait to be saved. */
  status: z.enum(['ok', 'degraded']),
  storage: z.object({ kind: z.string(), state: z.enum(['ok', 'failing']), lastError: z.string().optional() }),
  /** Documents with changes not yet on disk, since when (ISO 8601). */
  unsaved: z.array(z.object({ document: z.string(), updates: z.number().int(), since: z.string() })),
  /** Documents loaded. */
  documents: z.number().int(),
  connections: z.object({ open: z.number().int(), unauthenticated: z.number().int() }),
});
export type HealthReply = z.infer<typeof HealthReply>;

/** What anyone may know: whether the server is well. */
export const PublicHealthReply = HealthReply.pick({ status: true }).strict();
export type PublicHealthReply = z.infer<typeof PublicHealthReply>;
