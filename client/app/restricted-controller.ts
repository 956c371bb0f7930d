/**
 * A ReactiveController of the page root that opens the restricted part of the page's child (its
 * own document, `child:<id>:restricted`) from the same {@link PlanRepo} as the plan, only while
 * the page shows that part AND the caseload says the person's grant covers it, and shares its
 * state through `restrictedContext`. Otherwise nothing of it is asked of the server: no frame
 * names the restricted document. Closed (and dropped: it is never kept on the device) as soon as
 * the page leaves the part. Sends the renewed session token, as the plan's controller does.
 */
import { ContextProvider } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SessionStore } from '../session/session-store.ts';
import type { PlanRepo } from '../sync/plan-repo.ts';
import type { RestrictedHandle } from '../sync/restricted-handle.ts';
import { restrictedContext } from '../sync/restricted-state.ts';

/** Which restricted part the page wants open: none without a child id. */
export interface RestrictedRequest {
  readonly childId?: string;
}

/** Opens and closes the restricted part to match the page; see the file's comment. */
export class RestrictedController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #store: SessionStore;
  readonly #request: () => RestrictedRequest;
  readonly #loadRepo: () => Promise<PlanRepo>;
  #repo: PlanRepo | undefined;
  readonly #provider: ContextProvider<typeof restrictedContext>;
  #handle: RestrictedHandle | undefined;
  #stop: (() => void) | undefined;
  #lastToken: string | undefined;

  /** @param repo the plan repo, or how to load it (once; the plan's code is loaded with the first plan) */
  constructor(host: ReactiveControllerHost & HTMLElement, store: SessionStore, request: () => RestrictedRequest, repo: PlanRepo | (() => Promise<PlanRepo>)) {
    this.#host = host;
    this.#store = store;
    this.#request = request;
    if (typeof repo === 'function') this.#loadRepo = repo;
    else {
      this.#repo = repo;
      this.#loadRepo = () => Promise.resolve(repo);
    }
    this.#provider = new ContextProvider(host, { context: restrictedContext, initialValue: undefined });
    host.addController(this);
  }

  hostConnected(): void {
    this.#follow();
  }

  hostUpdate(): void {
    this.#follow();
  }

  hostDisconnected(): void {
    this.#close();
  }

  #follow(): void {
    const session = this.#store.session;
    const wanted = session ? this.#request().childId : undefined;
    if (wanted !== this.#handle?.childId) {
      this.#close();
      if (wanted !== undefined && session && !this.#repo) {
        // Load the repo, then follow the page again.
        void this.#loadRepo().then((repo) => {
          this.#repo = repo;
          this.#host.requestUpdate();
        });
      } else if (wanted !== undefined && session && this.#repo) {
        // Values are written as the signed-in person's username: the server refuses any other.
        const handle = this.#repo.openRestricted({ childId: wanted, token: () => this.#store.token(), actor: session.user.username });
        this.#handle = handle;
        this.#lastToken = session.token;
        this.#stop = handle.subscribe(() => {
          this.#provider.setValue(handle.state);
          this.#host.requestUpdate();
        });
        this.#provider.setValue(handle.state);
      }
    } else if (this.#handle && session && session.token !== this.#lastToken) {
      this.#lastToken = session.token;
      this.#handle.sendToken();
    }
  }

  #close(): void {
    this.#stop?.();
    this.#stop = undefined;
    const handle = this.#handle;
    this.#handle = undefined;
    if (handle) this.#repo!.closeRestricted(handle).catch((error: unknown) => console.error(`restricted: closing the restricted part of ${handle.childId} failed`, error));
    if (this.#provider.value !== undefined) this.#provider.setValue(undefined);
  }
}
