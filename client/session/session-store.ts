/**
 * The signed-in session of this browser tab: the token, when it expires and who it names. It
 * lives in memory and in `sessionStorage` (so a reload keeps the person signed in, and closing
 * the tab forgets it; never `localStorage`, which outlives the tab and is shared between tabs).
 * The token is renewed with `POST /api/token` a minute before it expires; a renewal the server
 * refuses signs the person out with the server's message. Elements reach the store through
 * {@link sessionContext} (see `session-controller.ts`).
 */
import { SessionReply, type SessionUser } from '../../model/wire/index.ts';
import { ServerApi, type ApiFailure } from './server-api.ts';

/** A signed-in session. */
export interface Session {
  readonly token: string;
  /** ISO 8601 time the token stops working. */
  readonly expiresAt: string;
  readonly user: SessionUser;
}

/** What signing in came to: signed in, or the failure to show on the form. */
export type SignInOutcome = { readonly ok: true } | Pick<ApiFailure, 'ok' | 'code' | 'message' | 'retryAfterSeconds'>;

/** The `sessionStorage` key holding the session as JSON. */
export const SESSION_KEY = 'permanence-board.session';

/** Shown on the sign-in page after the session ran out without a message from the server. */
export const EXPIRED_NOTICE = 'Your session has expired: sign in again.';

/** How the store is wired; every part has a browser default. */
export interface SessionStoreOptions {
  readonly api?: ServerApi;
  /** Where the session survives a reload; `null` keeps it in memory only. Default `sessionStorage`. */
  readonly storage?: Storage | null;
  readonly now?: () => number;
  /** How long before expiry the token is renewed, ms. Default 60 000. */
  readonly renewAheadMs?: number;
  /** How long to wait before trying a renewal again after the server could not be reached, ms. Default 15 000. */
  readonly retryMs?: number;
}

/** The session of this tab: signs in, renews, signs out, and tells its listeners. */
export class SessionStore {
  readonly #api: ServerApi;
  readonly #storage: Storage | null;
  readonly #now: () => number;
  readonly #renewAheadMs: number;
  readonly #retryMs: number;
  readonly #listeners = new Set<() => void>();
  #session: Session | undefined;
  #notice: string | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: SessionStoreOptions = {}) {
    this.#api = options.api ?? new ServerApi();
    this.#storage = options.storage === undefined ? globalThis.sessionStorage : options.storage;
    this.#now = options.now ?? Date.now;
    this.#renewAheadMs = options.renewAheadMs ?? 60_000;
    this.#retryMs = options.retryMs ?? 15_000;
  }

  /** The current session; undefined when signed out. */
  get session(): Session | undefined {
    return this.#session;
  }

  /** Why the person was last signed out (for the sign-in page), until they sign in again. */
  get notice(): string | undefined {
    return this.#notice;
  }

  /** The current token, for calls and for the collaboration provider; undefined when signed out. */
  token(): string | undefined {
    return this.#session?.token;
  }

  /** The server API this store signs in with, for other calls made with its token. */
  get api(): ServerApi {
    return this.#api;
  }

  /** Calls `listener` after every change of session or notice. Returns the way to stop. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Takes up the session this tab saved, unless it is missing, malformed or expired; schedules its renewal. */
  restore(): void {
    const raw = this.#read();
    if (!raw) return;
    const parsed = SessionReply.safeParse(raw);
    if (!parsed.success || Date.parse(parsed.data.expiresAt) <= this.#now()) {
      this.#storage?.removeItem(SESSION_KEY);
      if (parsed.success) this.#notice = EXPIRED_NOTICE;
      this.#changed();
      return;
    }
    this.#set(parsed.data);
  }

  /** Signs in; on success the session is kept and renewed, on failure nothing changes but the answer. */
  async signIn(username: string, password: string): Promise<SignInOutcome> {
    const result = await this.#api.login(username, password);
    if (!result.ok) return { ok: false, code: result.code, message: result.message, retryAfterSeconds: result.retryAfterSeconds };
    this.#notice = undefined;
    this.#set(result.value);
    return { ok: true };
  }

  /** Forgets the session (memory and `sessionStorage`); `notice` says why, on the sign-in page. */
  signOut(notice?: string): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#storage?.removeItem(SESSION_KEY);
    const had = this.#session !== undefined;
    this.#session = undefined;
    this.#notice = notice;
    if (had || notice !== undefined) this.#changed();
  }

  /**
   * Renews the token now. Resolves true when renewed. A refusal (401) signs out with the
   * server's message; when the server cannot be reached it tries again later, until expiry.
   */
  async renew(): Promise<boolean> {
    const session = this.#session;
    if (!session) return false;
    clearTimeout(this.#timer);
    const result = await this.#api.renew(session.token);
    if (this.#session !== session) return false; // signed out or in again meanwhile
    if (result.ok) {
      this.#set(result.value);
      return true;
    }
    if (result.status === 401) {
      this.signOut(result.message);
      return false;
    }
    const left = Date.parse(session.expiresAt) - this.#now();
    if (left <= 0) this.signOut(EXPIRED_NOTICE);
    else this.#timer = setTimeout(() => void this.renew(), Math.min(this.#retryMs, left));
    return false;
  }

  /** Stops the renewal timer (the element holding the store left the page). */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Starts renewing again after {@link stop}. */
  resume(): void {
    if (this.#session && this.#timer === undefined) this.#schedule(this.#session);
  }

  #set(session: Session): void {
    this.#session = session;
    this.#storage?.setItem(SESSION_KEY, JSON.stringify(session));
    this.#schedule(session);
    this.#changed();
  }

  #schedule(session: Session): void {
    clearTimeout(this.#timer);
    const due = Date.parse(session.expiresAt) - this.#renewAheadMs - this.#now();
    this.#timer = setTimeout(() => void this.renew(), Math.max(0, due));
  }

  #read(): unknown {
    const text = this.#storage?.getItem(SESSION_KEY);
    if (!text) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }

  #changed(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
