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
 */
import { ContextProvider } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { templates as shippedTemplates } from '../../templates/index.ts';
import { openPlanContext } from '../binding/open-plan-context.ts';
import type { SessionStore } from '../session/session-store.ts';
import type { PlanHandle } from '../sync/plan-handle.ts';
import { planLoadContext, type PlanLoad } from '../sync/plan-load.ts';
import { PlanRepo } from '../sync/plan-repo.ts';
import { syncStateContext, type SyncState } from '../sync/sync-state.ts';

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
  readonly #repo: PlanRepo;
  readonly #plan: ContextProvider<typeof openPlanContext>;
  readonly #load: ContextProvider<typeof planLoadContext>;
  readonly #sync: ContextProvider<typeof syncStateContext>;
  #handle: PlanHandle | undefined;
  #stop: (() => void) | undefined;
  #lastToken: string | undefined;
  /** Set once the server ended access to the open child's plan: what to show instead. */
  #ended: { childId: string; load: PlanLoad; sync: SyncState } | undefined;

  /**
   * @param request what the page wants open, read on every update of the host
   * @param repo where plans are opened; one socket to the server that served the page by default
   */
  constructor(host: ReactiveControllerHost & HTMLElement, store: SessionStore, request: () => OpenPlanRequest, repo = new PlanRepo({ templates: shippedTemplates })) {
    this.#host = host;
    this.#store = store;
    this.#request = request;
    this.#repo = repo;
    this.#plan = new ContextProvider(host, { context: openPlanContext, initialValue: undefined });
    this.#load = new ContextProvider(host, { context: planLoadContext, initialValue: undefined });
    this.#sync = new ContextProvider(host, { context: syncStateContext, initialValue: undefined });
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
    if (wanted !== this.#handle?.childId) {
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
    const handle = this.#repo.open({ childId, token: () => this.#store.token(), actor, readOnly });
    this.#handle = handle;
    this.#lastToken = this.#store.token();
    this.#stop = handle.subscribe(() => this.#onChange(handle));
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
    this.#stop?.();
    this.#stop = undefined;
    const handle = this.#handle;
    this.#handle = undefined;
    if (handle) this.#repo.close(handle, forget).catch((error: unknown) => console.error(`open-plan: closing the plan of ${handle.childId} failed`, error));
  }

  #publish(): void {
    const childId = this.#request().childId;
    const ended = this.#ended && this.#ended.childId === childId ? this.#ended : undefined;
    const handle = this.#handle;
    const load = ended?.load ?? handle?.load;
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
  return a?.phase === b?.phase && a?.readOnly === b?.readOnly && a?.detail === b?.detail;
}
