/**
 * The sync server's HTTP API as the client uses it: sign in (`POST /api/login`), renew a token
 * (`POST /api/token`) and the caseload (`GET /api/children`). Every reply is checked with zod,
 * and every expected failure (a refused password, too many attempts, an expired session, the
 * server out of reach) comes back as a value with a message a person can act on; nothing here
 * throws for them.
 */
import { z } from 'zod';

/** The signed-in person, as `POST /api/login` and `POST /api/token` describe them. */
export const SessionUser = z.object({
  username: z.string().min(1),
  name: z.string(),
  role: z.string(),
  organisation: z.string(),
  admin: z.boolean(),
});
export type SessionUser = z.infer<typeof SessionUser>;

/** A token and who it names; `expiresAt` is an ISO 8601 time. */
export const SessionReply = z.object({ token: z.string().min(1), expiresAt: z.iso.datetime(), user: SessionUser });
export type SessionReply = z.infer<typeof SessionReply>;

const Rating = z.enum(['red', 'amber', 'green']);

/** One row of a caseload: a child the user may see, with where their plan stands. */
export const CaseloadChild = z.object({
  childId: z.string().min(1),
  name: z.string(),
  pathwayId: z.string().nullable(),
  pathwayTitle: z.string().nullable(),
  /** Title of the latest stage recorded. */
  stage: z.string().nullable(),
  rating: Rating.nullable(),
  /** YYYY-MM-DD. */
  nextDue: z.string().nullable(),
  nextDueTitle: z.string().nullable(),
  access: z.enum(['read', 'edit']),
  restricted: z.boolean(),
});
export type CaseloadChild = z.infer<typeof CaseloadChild>;

const ChildrenReply = z.object({ children: z.array(CaseloadChild) });
const ErrorReply = z.object({ error: z.string(), message: z.string() });

/** A failed call: the HTTP status (0 when the server could not be reached) and what to tell the person. */
export interface ApiFailure {
  readonly ok: false;
  readonly status: number;
  /** The server's error code (`bad-credentials`, `too-many-attempts`, `token-expired`, ...), or `offline` / `bad-reply`. */
  readonly code: string;
  readonly message: string;
  /** Seconds to wait before trying again, from `Retry-After` (too many attempts). */
  readonly retryAfterSeconds?: number;
}

/** The outcome of a call: the checked reply, or a failure to show. */
export type ApiResult<T> = { readonly ok: true; readonly value: T } | ApiFailure;

/** Shown when the server cannot be reached at all. */
export const OFFLINE_MESSAGE = 'The server cannot be reached. Check your connection and try again.';

/**
 * Calls the API of the server that served the page (or of `base`). `fetchFn` is the browser's
 * `fetch` unless a test passes another.
 */
export class ServerApi {
  readonly #base: string;
  readonly #fetch: typeof fetch;

  constructor(base = '', fetchFn: typeof fetch = (input, init) => globalThis.fetch(input, init)) {
    this.#base = base.replace(/\/$/, '');
    this.#fetch = fetchFn;
  }

  /** Signs in with a username and password. */
  login(username: string, password: string): Promise<ApiResult<SessionReply>> {
    return this.#call('POST', '/api/login', SessionReply, undefined, { username, password });
  }

  /** Swaps a token that is still valid for a fresh one. */
  renew(token: string): Promise<ApiResult<SessionReply>> {
    return this.#call('POST', '/api/token', SessionReply, token);
  }

  /** The children this user may see, in name order. */
  async caseload(token: string): Promise<ApiResult<CaseloadChild[]>> {
    const result = await this.#call('GET', '/api/children', ChildrenReply, token);
    return result.ok ? { ok: true, value: result.value.children } : result;
  }

  async #call<T>(method: string, path: string, schema: z.ZodType<T>, token?: string, body?: unknown): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await this.#fetch(`${this.#base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      return { ok: false, status: 0, code: 'offline', message: OFFLINE_MESSAGE };
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = ErrorReply.safeParse(json);
      const retry = Number(response.headers.get('retry-after'));
      return {
        ok: false,
        status: response.status,
        code: error.success ? error.data.error : 'http-error',
        message: error.success ? error.data.message : `The server answered ${response.status} ${response.statusText}. Try again, and tell your administrator if it keeps happening.`,
        ...(Number.isFinite(retry) && retry > 0 ? { retryAfterSeconds: retry } : {}),
      };
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      return { ok: false, status: response.status, code: 'bad-reply', message: 'The server sent a reply this page does not understand. Reload the page to get the latest version.' };
    }
    return { ok: true, value: parsed.data };
  }
}
