/**
 * A ReactiveController of the page root that opens the restricted part of the page's child (its
 * own document, `child:<id>:restricted`) from the same plan repo as the plan ({@link RepoLoader}), only while
 * the page shows that part AND the caseload says the person's grant covers it, and shares its
 * state through `restrictedContext`. Otherwise nothing of it is asked of the server: no frame
 * names the restricted document. Closed (and dropped: it is never kept on the device) as soon as
 * the page leaves the part. Sends the renewed session token, as the plan's controller does.
 */
import { ContextProvider } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SessionStore } from '../session/session-store.ts';
import type { RestrictedHandle } from '../sync/restricted-handle.ts';
import { restrictedContext } from '../sync/restricted-state.ts';
import type { RepoLoader } from './repo-loader.ts';

/** Which restricted part the page wants open: none without a child id. */
export interface RestrictedRequest {
  readonly childId?: string;
}

/** Opens and closes the restricted part to match the page; see the file's comment. */
export class RestrictedController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #store: SessionStore;
  readonly #request: () => RestrictedRequest;
  readonly #repos: RepoLoader;
  readonly #provider: ContextProvider<typeof restrictedContext>;
  #handle: RestrictedHandle | undefined;
  #stop: (() => void) | undefined;
  #lastToken: string | undefined;

  /** @param repos the page's plan repo (shared with the plan's controller), loaded with the first plan */
  constructor(host: ReactiveControllerHost & HTMLElement, store: SessionStore, request: () => RestrictedRequest, repos: RepoLoader) {
    this.#host = host;
    this.#store = store;
    this.#request = request;
    this.#repos = repos;
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
      const repo = this.#repos.repo;
      if (wanted !== undefined && session && !repo) {
        // Load the repo, then follow the page again (the plan's controller says if the load fails).
        this.#repos.load().then(
          () => this.#host.requestUpdate(),
          (error: unknown) => console.error('restricted: the plan code could not be loaded', error),
        );
      } else if (wanted !== undefined && session && repo) {
        // Values are written as the signed-in person's username: the server refuses any other.
        const handle = repo.openRestricted({ childId: wanted, token: () => this.#store.token(), actor: session.user.username });
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
    if (handle) this.#repos.repo?.closeRestricted(handle).catch((error: unknown) => console.error(`restricted: closing the restricted part of ${handle.childId} failed`, error));
    if (this.#provider.value !== undefined) this.#provider.setValue(undefined);
  }
}
