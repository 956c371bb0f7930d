/**
 * `GET /healthz` ({@link HealthReply}): whether the server can save, what is not yet on disk and
 * how many documents and connections it holds. Answered 200 while storage works, 503 when it fails.
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
