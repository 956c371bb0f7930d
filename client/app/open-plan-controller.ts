/**
 * A ReactiveController of the page root that opens the child's plan the page shows and shares
 * it with every element below through @lit/context: the plan (`openPlanContext`: the whole
 * `Plan`, its meta and forms), how far it has opened (`planLoadContext`) and its sync state
 * (`syncStateContext`). Elements never open a plan themselves; a new screen reads these
 * contexts and needs no change here. Plans are opened from a {@link PlanRepo}, so every plan
 * open on the page shares one socket.
 *
 * The plan is provided with `canEdit`: true only while the person's access is not read-only (what
 * the caseload said, then what the server said when it authenticated the connection). Register
 * entries are written as the signed-in person's account id (`user.username`, the identity the
 * server authenticated and checks `by` against), never their display name.
 *
 * It connects with the session's token, sends the token again whenever the session renews it,
 * and closes the plan when the page leaves it. When the server ends the session it signs the
 * person out with the reason; when it ends access to this plan it closes the plan, deletes this
 * device's copy, and says why.
 *
 * The plan's code (the repo, yjs, the templates, the workspace's elements) is not part of the
 * first page: the default repo (`repo-loader.ts`) is loaded with `import()` of `plan-workspace.ts` when the first
 * plan is asked for, and the load says "Loading the plan…" meanwhile.
 */
import { ContextProvider } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { openPlanContext } from '../binding/open-plan-context.ts';
import type { SessionStore } from '../session/session-store.ts';
import type { PlanHandle } from '../sync/plan-handle.ts';
import { LOADING, planLoadContext, type PlanLoad } from '../sync/plan-load.ts';
import { syncStateContext, type SyncState } from '../sync/sync-state.ts';
import { PresenceController } from './presence-controller.ts';
import { RepoLoader } from './repo-loader.ts';

/** What the page wants open. */
export interface OpenPlanRequest {
  /** The child whose plan to open; nothing is opened without one (or without a session). */
  readonly childId?: string;
  /** Access the caseload reported, shown until the server says. */
  readonly readOnly?: boolean;
}

/** Opens the page's plan from a {@link PlanRepo} and provides it, its load and its sync state as contexts. */
export class OpenPlanController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #store: SessionStore;
  readonly #request: () => OpenPlanRequest;
  /** Where plans are opened, loaded with the first plan. */
  readonly #repos: RepoLoader;
  /** The child whose plan waits for the repo to load. */
  #waiting: { childId: string; readOnly: boolean; actor: string } | undefined;
  /** Set when the plan's code could not be loaded: what to say. */
  #loadFailed: string | undefined;
  readonly #plan: ContextProvider<typeof openPlanContext>;
  readonly #load: ContextProvider<typeof planLoadContext>;
  readonly #sync: ContextProvider<typeof syncStateContext>;
  /** The open plan's presence (`presentPeopleContext`, `presenceContext`). */
  readonly #presence: PresenceController;
  #handle: PlanHandle | undefined;
  #stop: (() => void) | undefined;
  #lastToken: string | undefined;
  /** Set once the server ended access to the open child's plan: what to show instead. */
  #ended: { childId: string; load: PlanLoad; sync: SyncState } | undefined;

  /**
   * @param request what the page wants open, read on every update of the host
   * @param repos where plans are opened (shared with the page's other controllers); by default one
   *   socket to the server that served the page, loaded with the plan's code when first needed
   */
  constructor(
    host: ReactiveControllerHost & HTMLElement,
    store: SessionStore,
    request: () => OpenPlanRequest,
    repos: RepoLoader = new RepoLoader(),
  ) {
    this.#host = host;
    this.#store = store;
    this.#request = request;
    this.#repos = repos;
    this.#plan = new ContextProvider(host, { context: openPlanContext, initialValue: undefined });
    this.#load = new ContextProvider(host, { context: planLoadContext, initialValue: undefined });
    this.#sync = new ContextProvider(host, { context: syncStateContext, initialValue: undefined });
    this.#presence = new PresenceController(host, () => {
      const user = this.#store.session?.user;
      return user && { username: user.username, name: user.name, role: user.role, organisation: user.organisation };
    });
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
    this.#publish();
  }

  /** Opens, keeps or closes the plan to match the request and the session; sends a renewed token. */
  #follow(): void {
    const request = this.#request();
    const session = this.#store.session;
    const wanted = !request.childId || !session ? undefined : request.childId;
    if (wanted !== (this.#handle?.childId ?? this.#waiting?.childId)) {
      this.#close();
      if (wanted !== undefined && this.#ended?.childId !== wanted) this.#open(wanted, request.readOnly ?? false, session!.user.username);
    } else if (this.#handle && session && session.token !== this.#lastToken) {
      this.#lastToken = session.token;
      this.#handle.sendToken();
    }
    this.#publish();
  }

  #open(childId: string, readOnly: boolean, actor: string): void {
    this.#ended = undefined;
    const repo = this.#repos.repo;
    if (!repo) {
      this.#waiting = { childId, readOnly, actor };
      this.#repos.load().then(
        () => {
          const waiting = this.#waiting;
          this.#waiting = undefined;
          if (waiting) this.#open(waiting.childId, waiting.readOnly, waiting.actor);
          this.#publish();
          this.#host.requestUpdate();
        },
        (error: unknown) => {
          console.error('open-plan: the plan code could not be loaded', error);
          this.#loadFailed = 'The plan could not be loaded. Check the connection, then reload the page.';
          this.#publish();
          this.#host.requestUpdate();
        },
      );
      return;
    }
    this.#loadFailed = undefined;
    const handle = repo.open({ childId, token: () => this.#store.token(), actor, readOnly });
    this.#handle = handle;
    this.#lastToken = this.#store.token();
    this.#stop = handle.subscribe(() => this.#onChange(handle));
    this.#presence.follow(handle);
  }

  #onChange(handle: PlanHandle): void {
    const { doc } = handle.state;
    if (doc.name === 'ended' && doc.end.kind === 'session') {
      this.#close();
      this.#store.signOut(doc.end.message);
    } else if (doc.name === 'ended') {
      this.#ended = { childId: handle.childId, load: handle.load, sync: handle.sync };
      this.#close(true);
    }
    this.#publish();
    this.#host.requestUpdate();
  }

  #close(forget = false): void {
    this.#waiting = undefined;
    this.#loadFailed = undefined;
    this.#stop?.();
    this.#stop = undefined;
    const handle = this.#handle;
    this.#handle = undefined;
    this.#presence.follow(undefined);
    if (handle) this.#repos.repo?.close(handle, forget).catch((error: unknown) => console.error(`open-plan: closing the plan of ${handle.childId} failed`, error));
  }

  #publish(): void {
    const childId = this.#request().childId;
    const ended = this.#ended && this.#ended.childId === childId ? this.#ended : undefined;
    const handle = this.#handle;
    const waiting = this.#waiting && this.#waiting.childId === childId;
    const load: PlanLoad | undefined =
      ended?.load ?? handle?.load ?? (waiting ? (this.#loadFailed ? { status: 'failed', message: this.#loadFailed } : { status: 'waiting', message: LOADING }) : undefined);
    const sync = ended?.sync ?? handle?.sync;
    const opened = ended ? undefined : handle?.openPlan;
    const canEdit = sync !== undefined && !sync.readOnly && sync.phase !== 'access-ended';
    const shown = this.#plan.value;
    const user = this.#store.session?.user;
    // A new value only when the plan or the person's right to change it changed.
    if (shown?.plan !== opened?.plan || (shown?.canEdit ?? false) !== canEdit) {
      this.#plan.setValue(opened && { ...opened, canEdit, people: new Map(user ? [[user.username, user.name]] : []) });
    }
    // Derived values are new objects each time: provide one only when it says something new.
    if (!sameLoad(load, this.#load.value)) this.#load.setValue(load);
    if (!sameSync(sync, this.#sync.value)) this.#sync.setValue(sync);
  }
}

function sameLoad(a: PlanLoad | undefined, b: PlanLoad | undefined): boolean {
  const message = (l: PlanLoad | undefined): string | undefined => (l && 'message' in l ? l.message : undefined);
  return a?.status === b?.status && message(a) === message(b);
}

function sameSync(a: SyncState | undefined, b: SyncState | undefined): boolean {
  return a?.phase === b?.phase && a?.readOnly === b?.readOnly && a?.detail === b?.detail && a?.pending === b?.pending && a?.copy === b?.copy;
}
