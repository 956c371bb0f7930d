/**
 * `GET /healthz` (docs/api.md): anyone learns whether the server is well (`ok` or `degraded`,
 * 200, or 503 while storage fails); only an administrator's bearer token gets the detail, the
 * documents with unsaved changes (names of children's documents), counts of documents and
 * connections, and the storage error.
 *
 * While storage fails the account behind a token cannot be read, yet that is when the detail
 * matters: a token seen to be an administrator's in the last {@link ADMIN_MEMORY_MS} keeps its
 * detail while (and only while) the check cannot be made. A token refused (401) is forgotten.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HealthReply, PublicHealthReply } from '../../model/wire/index.ts';
import { HttpError, sendJson } from './router.ts';
import type { Sessions } from './session.ts';

/** How long an administrator's token is remembered for when storage cannot be asked. */
export const ADMIN_MEMORY_MS = 10 * 60 * 1000;
/** Tokens remembered at most (the oldest is forgotten first). */
const REMEMBERED = 32;

/** The handler of `/healthz`, answering from `health()`. */
export function healthRoute(sessions: Pick<Sessions, 'user'>, health: () => HealthReply): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const admins = new Map<string, number>();
  const isAdmin = async (req: IncomingMessage): Promise<boolean> => {
    const header = req.headers.authorization;
    if (header === undefined) return false;
    try {
      const admin = (await sessions.user(req)).admin;
      admins.delete(header);
      if (admin) {
        admins.set(header, Date.now());
        if (admins.size > REMEMBERED) admins.delete(admins.keys().next().value!);
      }
      return admin;
    } catch (error) {
      if (error instanceof HttpError) {
        admins.delete(header);
        return false;
      }
      const seen = admins.get(header);
      return seen !== undefined && Date.now() - seen < ADMIN_MEMORY_MS;
    }
  };
  return async (req, res) => {
    const admin = await isAdmin(req);
    const h = health();
    const status = h.storage.state === 'ok' ? 200 : 503;
    if (admin) sendJson(res, status, h);
    else sendJson(res, status, { status: h.status } satisfies PublicHealthReply);
  };
}
