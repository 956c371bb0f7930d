/**
 * One child's plan, open and live: a Y.Doc kept in IndexedDB (y-indexeddb, under the document's
 * name from the wire contract) so it opens offline from the last sync and keeps changes made
 * offline, and synced through a HocuspocusProvider attached to the socket that every open plan
 * shares (`plan-repo.ts`). Once the document's meta has arrived (from this device or the
 * server) it is opened with the model's `openPlan`, the one place that reads a plan's
 * templates. The handle holds one state (`plan-state.ts`: its diagram and transitions); the
 * sync status and the load are derived from it. {@link PlanHandle.whenReady} waits for the plan,
 * as automerge-repo's `DocHandle.whenReady` does.
 */
import { HocuspocusProvider, WebSocketStatus, type HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { liveContext } from '../../model/context.ts';
import { META_ROOT } from '../../model/doc-spec.ts';
import { openPlan, type OpenedPlan } from '../../model/open-plan.ts';
import type { TemplateRegistry } from '../../model/template/registry.ts';
import { planDocumentName } from '../../model/wire/index.ts';
import { accessEndOfAuthFailure, accessEndOfClose, refusalOfClose } from './access-end.ts';
import { loadOf, type PlanLoad } from './plan-load.ts';
import { initialState, nextState, syncStateOf, type PlanEvent, type PlanState, type SocketStatus } from './plan-state.ts';
import type { SyncState } from './sync-state.ts';

/** What opening a plan takes. */
export interface PlanHandleOptions {
  readonly childId: string;
  /** The socket shared by every open plan; the handle attaches its provider to it. */
  readonly socket: HocuspocusProviderWebsocket;
  /** The current session token; asked again on every (re)connection, so a renewed token is used. */
  readonly token: () => string | undefined;
  /** Who edits: the signed-in person's username, the `by` of every value written (the server refuses any other). */
  readonly actor: string;
  /** What the caseload said about access, until the server says (`authorizedScope`). */
  readonly readOnly?: boolean;
  /** Where the templates the plan names are found. */
  readonly templates: TemplateRegistry;
  /** Keep the document in IndexedDB. Default true. */
  readonly persist?: boolean;
  /** Whether the browser is online now; `navigator.onLine` by default. */
  readonly online?: () => boolean;
  /** The provider's batching window for outgoing updates and presence, ms; {@link FLUSH_DELAY_MS} by default. */
  readonly flushDelay?: number;
}

/**
 * Outgoing document updates and presence are batched over this window (the provider's
 * `flushDelay`: a fixed window, not a debounce, so it adds at most this much to what others see).
 */
export const FLUSH_DELAY_MS = 50;

const SOCKET: Readonly<Record<WebSocketStatus, SocketStatus>> = {
  [WebSocketStatus.Connecting]: 'connecting',
  [WebSocketStatus.Connected]: 'connected',
  [WebSocketStatus.Disconnected]: 'disconnected',
};

/** A child's plan document, open on this device and synced through the shared socket. */
export class PlanHandle {
  readonly childId: string;
  readonly doc = new Y.Doc();
  readonly provider: HocuspocusProvider;
  readonly #socket: HocuspocusProviderWebsocket;
  readonly #persistence: IndexeddbPersistence | undefined;
  readonly #online: () => boolean;
  readonly #listeners = new Set<() => void>();
  #state: PlanState;
  /** The token the provider last sent, to send a renewed one once it is authenticated. */
  #sentToken: string | undefined;

  constructor(options: PlanHandleOptions) {
    this.childId = options.childId;
    this.#socket = options.socket;
    this.#online = options.online ?? (() => globalThis.navigator?.onLine ?? true);
    this.#state = initialState(options.readOnly ?? false);
    const name = planDocumentName(options.childId);
    const meta = this.doc.getMap(META_ROOT);
    const onMeta = (): void => {
      if (this.#tryOpen(options.templates, options.actor)) meta.unobserve(onMeta);
    };
    meta.observe(onMeta);

    if (options.persist ?? true) {
      this.#persistence = new IndexeddbPersistence(name, this.doc);
      this.#persistence.whenSynced.then(
        () => this.#apply({ type: 'stored' }),
        // No IndexedDB (a private window in some browsers): the plan still opens from the server.
        (error: unknown) => {
          console.error(`plan-handle: the copy of ${name} on this device could not be opened`, error);
          this.#apply({ type: 'no-copy' });
        },
      );
    } else this.#apply({ type: 'no-copy' });
    const token = (): string => {
      this.#sentToken = options.token();
      return this.#sentToken ?? '';
    };
    this.provider = new HocuspocusProvider({
      websocketProvider: this.#socket,
      name,
      document: this.doc,
      token,
      flushDelay: options.flushDelay ?? FLUSH_DELAY_MS,
      onStatus: () => this.networkChanged(),
      onSynced: ({ state }) => this.#apply({ type: 'synced', synced: state, unsynced: this.provider.unsyncedChanges }),
      onUnsyncedChanges: ({ number }) => this.#apply({ type: 'unsynced', unsynced: number }),
      onAuthenticated: ({ scope }) => {
        // A token renewed while this (re)connection was authenticating may not be the one it sent.
        if (options.token() !== this.#sentToken) void this.provider.sendToken();
        this.#apply({ type: 'authenticated', readOnly: scope === 'readonly' });
      },
      onAuthenticationFailed: ({ reason }) => this.#apply({ type: 'ended', end: accessEndOfAuthFailure(reason) }),
      onClose: ({ event }) => {
        const end = accessEndOfClose(event.code, event.reason);
        const refusal = end ? undefined : refusalOfClose(event.code, event.reason);
        if (refusal) this.#apply({ type: 'refused', message: refusal });
        this.#apply(end ? { type: 'ended', end } : { type: 'synced', synced: false, unsynced: 0 });
      },
    });
    // A change made here: neither the server's (the provider's origin) nor this device's stored copy.
    this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== this.provider && origin !== this.#persistence) this.#apply({ type: 'edited' });
    });
    // A provider given a socket of its own to share is not attached until asked.
    this.provider.attach();
    this.networkChanged();
  }

  /** The handle's one state (see `plan-state.ts`). */
  get state(): PlanState {
    return this.#state;
  }

  /** How far the plan has opened. */
  get load(): PlanLoad {
    return loadOf(this.#state);
  }

  /** Where the plan stands with the server. */
  get sync(): SyncState {
    return syncStateOf(this.#state);
  }

  /** The open plan, once ready. */
  get openPlan(): OpenedPlan | undefined {
    return this.#state.doc.name === 'ready' ? this.#state.doc.open : undefined;
  }

  /**
   * Resolves with the open plan once it is ready; rejects with the reason when it failed, access
   * ended or the handle was closed first. Resolves at once when already ready.
   */
  whenReady(): Promise<OpenedPlan> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const { doc } = this.#state;
        if (doc.name === 'ready') resolve(doc.open);
        else if (doc.name === 'loading') return false;
        else reject(new Error(doc.name === 'failed' ? doc.message : doc.name === 'ended' ? doc.end.message : 'the plan was closed'));
        return true;
      };
      if (check()) return;
      const stop = this.subscribe(() => {
        if (check()) stop();
      });
    });
  }

  /** Calls `listener` after every change of state. Returns the way to stop. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Reads the socket's status and the browser's network again (the repo calls it on `online` / `offline`). */
  networkChanged(): void {
    this.#apply({ type: 'link', socket: SOCKET[this.#socket.status], online: this.#online(), synced: this.provider.isSynced, unsynced: this.provider.unsyncedChanges });
  }

  /** Sends the current token again (after it was renewed), so the server extends this connection. */
  sendToken(): void {
    const { doc } = this.#state;
    if (doc.name === 'ended' || doc.name === 'closed') return;
    // Not yet authenticated: `onAuthenticated` sends it if the token sent was an older one.
    if (this.provider.isAuthenticated) void this.provider.sendToken();
  }

  /**
   * Detaches from the shared socket and closes the local store. With `forget`, also deletes this
   * device's copy of the plan (when access has ended, the device should not keep what the
   * person may no longer see). Close a handle through `PlanRepo.close`, which also closes the
   * shared socket with the last plan.
   */
  async close(forget = false): Promise<void> {
    if (this.#state.doc.name === 'closed') return;
    this.#apply({ type: 'closed' });
    this.#listeners.clear();
    this.provider.destroy();
    if (forget) await this.#persistence?.clearData();
    else await this.#persistence?.destroy();
    this.doc.destroy();
  }

  /** Opens the plan once its meta is readable; true when done (opened or failed for good). */
  #tryOpen(templates: TemplateRegistry, actor: string): boolean {
    const opened = openPlan(this.doc, templates, liveContext(actor));
    if (!opened.ok && opened.reason === 'no-meta') return false;
    if (!opened.ok) {
      this.#apply({
        type: 'unopenable',
        message: `This plan was made from templates this version of the board does not have (${opened.message}). Reload the page to get the latest version.`,
      });
    } else if (opened.meta.childId !== this.childId) {
      this.#apply({ type: 'unopenable', message: `This device holds a different child's plan under this name (${opened.meta.childId}). Reload the page.` });
    } else this.#apply({ type: 'opened', open: opened });
    return true;
  }

  #apply(event: PlanEvent): void {
    const next = nextState(this.#state, event);
    if (next === this.#state) return;
    this.#state = next;
    for (const listener of [...this.#listeners]) listener();
  }
}
