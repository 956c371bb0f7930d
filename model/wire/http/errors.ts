/**
 * The body of every failed HTTP API call: a machine-readable code and a message a person can
 * act on. Statuses: 400 bad body or query, 401 not signed in, 403 not allowed, 404 no such
 * thing or no access to it, 405, 409 cannot be done in this state, 413, 415, 429, 500.
 */
import * as z from 'zod';

export const ErrorReply = z.object({
  /** E.g. `bad-credentials`, `too-many-attempts`, `token-expired`, `not-found`, `forbidden`. */
  error: z.string(),
  message: z.string(),
});
export type ErrorReply = z.infer<typeof ErrorReply>;
