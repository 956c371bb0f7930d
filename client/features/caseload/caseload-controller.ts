/**
 * A ReactiveController that loads the signed-in person's caseload (`GET /api/children`) for its
 * host, again whenever asked (each visit to the caseload page shows fresh ratings), and forgets
 * it on sign-out. The last caseload is kept in `sessionStorage` for this tab, so a plan can still
 * be found by its address when the server cannot be reached. A refused token (401) signs the
 * person out with the server's message.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import * as z from 'zod/mini';
import { CaseloadChild } from '../../../model/wire/index.ts';
import type { SessionStore } from '../../session/session-store.ts';

/** The `sessionStorage` key of the last caseload, with the username it belongs to. */
export const CASELOAD_KEY = 'permanence-board.caseload';

const Stored = z.object({ username: z.string(), children: z.array(CaseloadChild) });

/** Loads and keeps the signed-in person's caseload for its host; see the file's comment. */
export class CaseloadController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #store: SessionStore;
  readonly #storage: Storage | null;
  #caseload: readonly CaseloadChild[] | undefined;
  #error: string | undefined;
  #stale: string | undefined;
  #username: string | undefined;
  #stop: (() => void) | undefined;
  #sequence = 0;

  constructor(host: ReactiveControllerHost, store: SessionStore, storage: Storage | null = globalThis.sessionStorage) {
    this.#host = host;
    this.#store = store;
    this.#storage = storage;
    host.addController(this);
  }

  /** The caseload last loaded; undefined before the first answer. */
  get caseload(): readonly CaseloadChild[] | undefined {
    return this.#caseload;
  }

  /** Why the last load failed, when it did and there is nothing older to show. */
  get error(): string | undefined {
    return this.#error;
  }

  /** Set when the caseload shown is the last one loaded because a newer one could not be: says why. */
  get stale(): string | undefined {
    return this.#stale;
  }

  hostConnected(): void {
    this.#stop = this.#store.subscribe(() => this.#onSession());
    this.#onSession();
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = undefined;
  }

  /** The caseload row of a child, when the person may see them. */
  find(childId: string): CaseloadChild | undefined {
    return this.#caseload?.find((c) => c.childId === childId);
  }

  /** Loads the caseload again. */
  load(): Promise<void> {
    const session = this.#store.session;
    if (!session) return Promise.resolve();
    const sequence = ++this.#sequence;
    return (async () => {
      const result = await this.#store.api.caseload(session.token);
      if (sequence !== this.#sequence || this.#store.session?.user.username !== session.user.username) return;
      if (result.ok) {
        this.#caseload = result.value;
        this.#error = undefined;
        this.#stale = undefined;
        this.#storage?.setItem(CASELOAD_KEY, JSON.stringify({ username: session.user.username, children: result.value }));
      } else if (result.status === 401) {
        this.#store.signOut(result.message);
        return;
      } else if (this.#caseload === undefined) {
        this.#error = `Your caseload could not be loaded. ${result.message}`;
      } else {
        this.#stale = `This is your caseload as last loaded: a newer one could not be loaded. ${result.message}`;
      }
      this.#host.requestUpdate();
    })();
  }

  #onSession(): void {
    const username = this.#store.session?.user.username;
    if (username === this.#username) return;
    this.#username = username;
    this.#sequence++;
    this.#caseload = undefined;
    this.#error = undefined;
    this.#stale = undefined;
    if (username === undefined) this.#storage?.removeItem(CASELOAD_KEY);
    else {
      this.#caseload = this.#stored(username);
      void this.load();
    }
    this.#host.requestUpdate();
  }

  #stored(username: string): CaseloadChild[] | undefined {
    try {
      const parsed = Stored.safeParse(JSON.parse(this.#storage?.getItem(CASELOAD_KEY) ?? 'null'));
      return parsed.success && parsed.data.username === username ? parsed.data.children : undefined;
    } catch {
      return undefined;
    }
  }
}
