/**
 * The sync server's HTTP API as the client uses it: sign in (`POST /api/login`), renew a token
 * (`POST /api/token`) and the caseload (`GET /api/children`). Every reply is checked with zod,
 * and every expected failure (a refused password, too many attempts, an expired session, the
 * server out of reach) comes back as a value with a message a person can act on; nothing here
 * throws for them. The bodies are the wire contract's (`model/wire`), shared with the server.
 */
import type { z } from 'zod';
import { ChildrenReply, ErrorReply, LoginBody, SessionReply, type CaseloadChild } from '../../model/wire/index.ts';

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
    const body: LoginBody = { username, password };
    return this.#call('POST', '/api/login', SessionReply, undefined, body);
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
