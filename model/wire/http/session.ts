/**
 * Signing in: `POST /api/login` with {@link LoginBody} and `POST /api/token` (a renewal) both
 * answer {@link SessionReply}; `GET /api/me` answers {@link MeReply};
 * `POST /api/session/sign-out-everywhere` answers {@link SignOutReply}.
 */
import * as z from 'zod';

export const LoginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) }).strict();
export type LoginBody = z.infer<typeof LoginBody>;

/** The public view of an account: who a person is to others (presence, history, minutes). */
export const SessionUser = z.object({
  username: z.string().min(1),
  name: z.string(),
  /** Practice role, e.g. "Child's Social Worker", "Independent Reviewing Officer". */
  role: z.string(),
  organisation: z.string(),
  admin: z.boolean(),
});
export type SessionUser = z.infer<typeof SessionUser>;

/** A token and who it names; `expiresAt` is an ISO 8601 time. */
export const SessionReply = z.object({ token: z.string().min(1), expiresAt: z.iso.datetime(), user: SessionUser });
export type SessionReply = z.infer<typeof SessionReply>;

/** Access a person holds on one child: `read` can never change a document; `edit` can. */
export const GrantReply = z.object({
  username: z.string(),
  childId: z.string(),
  level: z.enum(['read', 'edit']),
  /** Whether the grant also covers the child's restricted document. */
  restricted: z.boolean(),
});
export type GrantReply = z.infer<typeof GrantReply>;

/** `GET /api/me`: the account and its grants. */
export const MeReply = SessionUser.extend({ grants: z.array(GrantReply) });
export type MeReply = z.infer<typeof MeReply>;

/** `POST /api/session/sign-out-everywhere`: every token of the account has ended, this one included. */
export const SignOutReply = z.object({ signedOut: z.literal(true), message: z.string() });
export type SignOutReply = z.infer<typeof SignOutReply>;
