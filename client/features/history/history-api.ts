/**
 * The calls the history page makes to the server, each checked with the wire contract's zod
 * schema (`model/wire/http/history.ts`, `versions.ts`, `calendar.ts`), every expected failure a
 * value with a message a person can act on (never a throw): the plan's history, its named
 * versions (list, save, read, restore), a version's printable minutes (HTML, fetched with the
 * token because a browser cannot send it when navigating) and this person's calendar feed.
 */
import {
  CalendarUrlReply,
  CreatedVersionReply,
  ErrorReply,
  HistoryReply,
  RestoreReply,
  VersionReply,
  VersionsReply,
  type NewVersionBody,
} from '../../../model/wire/index.ts';

/** What a call gives: the checked reply, or what to tell the person. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly status: number; readonly message: string };

/** Shown when the server cannot be reached. */
export const UNREACHABLE = 'The server cannot be reached, so this cannot be done now. Check the connection and try again; the plan itself keeps working on this device.';

/** A schema as much as the calls use of it (classic zod and zod/mini both fit). */
interface Checks<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false };
}

/** The history page's calls for one child, with the token of the moment. */
export class HistoryApi {
  readonly #childId: string;
  readonly #token: () => string | undefined;
  readonly #fetch: typeof fetch;

  constructor(childId: string, token: () => string | undefined, fetchFn: typeof fetch = (input, init) => globalThis.fetch(input, init)) {
    this.#childId = childId;
    this.#token = token;
    this.#fetch = fetchFn;
  }

  get #child(): string {
    return `/api/children/${encodeURIComponent(this.#childId)}`;
  }

  /** One page of who changed which part when, newest first; `before` is the last page's `next`. */
  history(before?: number, limit = 50): Promise<Outcome<HistoryReply>> {
    const query = new URLSearchParams({ limit: String(limit), ...(before === undefined ? {} : { before: String(before) }) });
    return this.#json('GET', `${this.#child}/history?${query.toString()}`, HistoryReply);
  }

  /** The named versions, newest first. */
  versions(): Promise<Outcome<VersionsReply>> {
    return this.#json('GET', `${this.#child}/versions`, VersionsReply);
  }

  /** Saves the plan as it is now under `name`. */
  save(name: string): Promise<Outcome<CreatedVersionReply>> {
    const body: NewVersionBody = { name };
    return this.#json('POST', `${this.#child}/versions`, CreatedVersionReply, body);
  }

  /** A version with its plan in plain-JSON form. */
  version(id: string): Promise<Outcome<VersionReply>> {
    return this.#json('GET', `${this.#child}/versions/${encodeURIComponent(id)}`, VersionReply);
  }

  /** Restores a version as a new change. */
  restore(id: string): Promise<Outcome<RestoreReply>> {
    return this.#json('POST', `${this.#child}/versions/${encodeURIComponent(id)}/restore`, RestoreReply);
  }

  /** The printable minutes of a version, as the HTML page the server lays out. */
  async minutes(id: string): Promise<Outcome<string>> {
    const response = await this.#send('GET', `${this.#child}/versions/${encodeURIComponent(id)}/minutes`, 'text/html');
    if (!response.ok) return response;
    return { ok: true, value: await response.value.text() };
  }

  /** This person's calendar feed addresses (with their feed key). */
  calendar(): Promise<Outcome<CalendarUrlReply>> {
    return this.#json('GET', '/api/me/calendar-url', CalendarUrlReply);
  }

  async #json<T>(method: string, path: string, schema: Checks<T>, body?: unknown): Promise<Outcome<T>> {
    const response = await this.#send(method, path, 'application/json', body);
    if (!response.ok) return response;
    const parsed = schema.safeParse(await response.value.json().catch(() => undefined));
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, status: response.value.status, message: 'The server sent a reply this page does not understand. Reload the page to get the latest version.' };
  }

  async #send(method: string, path: string, accept: string, body?: unknown): Promise<Outcome<Response>> {
    const token = this.#token();
    const headers: Record<string, string> = { accept };
    if (token) headers['authorization'] = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.#fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      return { ok: false, status: 0, message: UNREACHABLE };
    }
    if (response.ok) return { ok: true, value: response };
    const error = ErrorReply.safeParse(await response.json().catch(() => undefined));
    return {
      ok: false,
      status: response.status,
      message: error.success ? error.data.message : `The server answered ${response.status}. Try again, and tell your administrator if it keeps happening.`,
    };
  }
}
