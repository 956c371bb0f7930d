/**
 * A ReactiveController that opens the child's plan its host asks for and shares it with the
 * elements below: the plan through {@link openPlanContext} (so `<ppm-record-view>` and
 * `<plan-timeline>` render it live) and its sync state through {@link syncStateContext} (for
 * `<sync-status>`). It connects with the token from {@link sessionContext}, sends the token again
 * whenever the session renews it, and closes the connection when the host leaves the page or
 * asks for another child. When the server ends the session it signs the person out with the
 * reason; when it ends access to this plan it closes the plan, deletes this device's copy, and
 * says why.
 *
 * A host that already holds a plan (a test, a demonstration) passes it as `given`: it is
 * provided as it is, with no connection.
 */
import { ContextConsumer, ContextProvider } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { openPlanContext, type OpenPlan } from './plan-context.ts';
import { collabUrl, PlanConnection, type PlanLoad } from './plan-connection.ts';
import { sessionContext, type SessionState } from './session-context.ts';
import { syncStateContext, type SyncState } from './sync-context.ts';

/** What the host wants open. */
export interface OpenPlanRequest {
  /** The child whose plan to open; nothing is opened without one (or without a session). */
  readonly childId?: string;
  /** Access the caseload reported, shown until the server says. */
  readonly readOnly?: boolean;
  /** A plan to show as it is, with no connection. */
  readonly given?: OpenPlan;
  /** The sync state to show with a given plan. */
  readonly givenSync?: SyncState;
}

export class OpenPlanController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #request: () => OpenPlanRequest;
  readonly #planProvider: ContextProvider<typeof openPlanContext>;
  readonly #syncProvider: ContextProvider<typeof syncStateContext>;
  readonly #session: ContextConsumer<typeof sessionContext, ReactiveControllerHost & HTMLElement>;
  /** Collaboration endpoint; the server that served the page by default. */
  readonly #wsUrl: () => string;
  #connection: PlanConnection | undefined;
  #stop: (() => void) | undefined;
  #lastToken: string | undefined;
  /** Set once the server ended access to the open child's plan: what to show instead. */
  #ended: { childId: string; load: PlanLoad; sync: SyncState } | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, request: () => OpenPlanRequest, wsUrl: () => string = () => collabUrl()) {
    this.#host = host;
    this.#request = request;
    this.#wsUrl = wsUrl;
    this.#planProvider = new ContextProvider(host, { context: openPlanContext, initialValue: undefined });
    this.#syncProvider = new ContextProvider(host, { context: syncStateContext, initialValue: undefined });
    this.#session = new ContextConsumer(host, { context: sessionContext, subscribe: true, callback: (state) => this.#onSession(state) });
    host.addController(this);
  }

  /** How far the plan has opened; undefined when nothing is asked for. */
  get load(): PlanLoad | undefined {
    const request = this.#request();
    if (request.given) return { status: 'ready', openPlan: request.given };
    if (this.#ended && this.#ended.childId === request.childId) return this.#ended.load;
    return this.#connection?.load;
  }

  /** The open plan's sync state. */
  get sync(): SyncState | undefined {
    const request = this.#request();
    if (request.given) return request.givenSync;
    if (this.#ended && this.#ended.childId === request.childId) return this.#ended.sync;
    return this.#connection?.sync;
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

  /** Opens, keeps or closes the connection to match the host's request and the session. */
  #follow(): void {
    const request = this.#request();
    const session = this.#session.value?.session;
    const wanted = request.given || !request.childId || !session ? undefined : request.childId;
    if (wanted !== this.#connection?.childId) {
      this.#close();
      if (wanted !== undefined && this.#ended?.childId !== wanted) this.#open(wanted, request.readOnly ?? false, session!.user.name);
    }
    this.#publish();
  }

  #open(childId: string, readOnly: boolean, actor: string): void {
    this.#ended = undefined;
    const connection = new PlanConnection({ childId, wsUrl: this.#wsUrl(), token: () => this.#session.value?.session?.token, actor, readOnly });
    this.#connection = connection;
    this.#lastToken = this.#session.value?.session?.token;
    this.#stop = connection.subscribe(() => this.#onConnectionChange(connection));
  }

  #onConnectionChange(connection: PlanConnection): void {
    const end = connection.accessEnd;
    if (end?.kind === 'session') {
      this.#close();
      this.#session.value?.store.signOut(end.message);
    } else if (end?.kind === 'access') {
      this.#ended = { childId: connection.childId, load: { status: 'failed', message: end.message }, sync: connection.sync };
      this.#close(true);
    }
    this.#publish();
    this.#host.requestUpdate();
  }

  #onSession(state: SessionState | undefined): void {
    const token = state?.session?.token;
    if (this.#connection && token && token !== this.#lastToken) {
      this.#lastToken = token;
      this.#connection.sendToken();
    }
    this.#host.requestUpdate();
  }

  #close(forget = false): void {
    this.#stop?.();
    this.#stop = undefined;
    const connection = this.#connection;
    this.#connection = undefined;
    if (connection) {
      connection.destroy(forget).catch((error: unknown) => console.error(`open-plan: closing the plan of ${connection.childId} failed`, error));
    }
  }

  #publish(): void {
    const load = this.load;
    this.#planProvider.setValue(load?.status === 'ready' ? load.openPlan : undefined);
    const sync = this.sync;
    const shown = this.#syncProvider.value;
    if (sync?.phase !== shown?.phase || sync?.readOnly !== shown?.readOnly || sync?.detail !== shown?.detail) this.#syncProvider.setValue(sync);
  }
}
