/**
 * One child's plan, open and live: a Y.Doc kept in IndexedDB (y-indexeddb, under the document's
 * name `child:<id>`) so it opens offline from the last sync and keeps changes made offline, and
 * synced with the server through a HocuspocusProvider on `/collab` that sends the session's
 * token. Once the document's `meta` has arrived (from this device or from the server) the plan
 * is wrapped in the model's `Plan` with the spec of the templates its meta names. The
 * connection reports where it stands ({@link SyncState}) and whether the server ended access.
 * DOM-free apart from IndexedDB and WebSocket; `open-plan-controller.ts` ties it to elements.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { liveContext } from '../model/context.ts';
import { DocMeta, META_ROOT } from '../model/doc-spec.ts';
import { Plan } from '../model/plan.ts';
import type { TemplateRegistry } from '../model/template/registry.ts';
import { templates as shippedTemplates } from '../templates/index.ts';
import { accessEndOfAuthFailure, accessEndOfClose, type AccessEnd } from './access-end.ts';
import type { OpenPlan } from './plan-context.ts';
import type { SyncPhase, SyncState } from './sync-context.ts';

/** What opening a plan takes. */
export interface PlanConnectionOptions {
  readonly childId: string;
  /** The collaboration endpoint, e.g. `wss://board.example/collab`. */
  readonly wsUrl: string;
  /** The current session token; asked again on every (re)connection, so a renewed token is used. */
  readonly token: () => string | undefined;
  /** Who edits, as shown in the plan (the signed-in person's name). */
  readonly actor: string;
  /** What the caseload said about access, until the server says (`authorizedScope`). */
  readonly readOnly?: boolean;
  /** Where the templates the plan names are found; the shipped ones by default. */
  readonly templates?: TemplateRegistry;
  /** Keep the document in IndexedDB. Default true. */
  readonly persist?: boolean;
}

/** How far the plan has opened. */
export type PlanLoad =
  | { readonly status: 'waiting'; readonly message: string }
  | { readonly status: 'ready'; readonly openPlan: OpenPlan }
  | { readonly status: 'failed'; readonly message: string };

/** The name of a child's plan document on the server and in IndexedDB. */
export function planDocumentName(childId: string): string {
  return `child:${childId}`;
}

/** The collaboration endpoint of the server that served this page. */
export function collabUrl(location: Pick<Location, 'protocol' | 'host'> = globalThis.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}

const LOADING = 'Loading the plan…';
const NOT_ON_DEVICE = 'This plan has not been opened on this device before and the server cannot be reached. It will open when the connection is back.';

export class PlanConnection {
  readonly childId: string;
  readonly doc = new Y.Doc();
  readonly provider: HocuspocusProvider;
  readonly #socket: HocuspocusProviderWebsocket;
  readonly #persistence: IndexeddbPersistence | undefined;
  readonly #templates: TemplateRegistry;
  readonly #actor: string;
  readonly #listeners = new Set<() => void>();
  #load: PlanLoad = { status: 'waiting', message: LOADING };
  #socketStatus: WebSocketStatus = WebSocketStatus.Connecting;
  #wasDisconnected = false;
  #synced = false;
  #unsynced = 0;
  #readOnly: boolean;
  #accessEnd: AccessEnd | undefined;
  #localLoaded = false;
  #destroyed = false;
  /** A renewed token is to be sent once the connection is authenticated. */
  #tokenPending = false;
  /** What the browser says about the network; a socket can look open for a while after it went. */
  #online = globalThis.navigator?.onLine ?? true;
  readonly #onNetwork = (): void => {
    this.#online = globalThis.navigator?.onLine ?? true;
    // Back online: reconnect now rather than when the provider's back-off next tries.
    if (this.#online && this.#socketStatus !== WebSocketStatus.Connected) void this.#socket.connect();
    this.#changed();
  };

  constructor(options: PlanConnectionOptions) {
    this.childId = options.childId;
    this.#templates = options.templates ?? shippedTemplates;
    this.#actor = options.actor;
    this.#readOnly = options.readOnly ?? false;
    const name = planDocumentName(options.childId);
    const meta = this.doc.getMap(META_ROOT);
    const onMeta = (): void => {
      if (this.#tryOpen()) meta.unobserve(onMeta);
    };
    meta.observe(onMeta);

    if (options.persist ?? true) {
      this.#persistence = new IndexeddbPersistence(name, this.doc);
      this.#persistence.whenSynced.then(
        () => {
          this.#localLoaded = true;
          this.#changed();
        },
        // No IndexedDB (a private window in some browsers): the plan still opens from the server.
        (error: unknown) => console.error(`plan-connection: the copy of ${name} on this device could not be opened`, error),
      );
    }
    this.#socket = new HocuspocusProviderWebsocket({ url: options.wsUrl });
    this.provider = new HocuspocusProvider({
      websocketProvider: this.#socket,
      name,
      document: this.doc,
      token: () => options.token() ?? '',
      onStatus: ({ status }) => {
        if (status === WebSocketStatus.Disconnected) this.#wasDisconnected = true;
        if (status === WebSocketStatus.Connected) this.#wasDisconnected = false;
        this.#socketStatus = status;
        this.#changed();
      },
      onSynced: ({ state }) => {
        this.#synced = state;
        this.#changed();
      },
      onUnsyncedChanges: ({ number }) => {
        this.#unsynced = number;
        this.#changed();
      },
      onAuthenticated: ({ scope }) => {
        this.#readOnly = scope === 'readonly';
        // A token renewed while this (re)connection was authenticating may not be the one it sent.
        if (this.#tokenPending) {
          this.#tokenPending = false;
          void this.provider.sendToken();
        }
        this.#changed();
      },
      onAuthenticationFailed: ({ reason }) => this.#end(accessEndOfAuthFailure(reason)),
      onClose: ({ event }) => {
        const end = accessEndOfClose(event.code, event.reason);
        if (end) this.#end(end);
        else {
          this.#synced = false;
          this.#changed();
        }
      },
    });
    this.provider.attach();
    globalThis.addEventListener?.('online', this.#onNetwork);
    globalThis.addEventListener?.('offline', this.#onNetwork);
  }

  /** How far the plan has opened. */
  get load(): PlanLoad {
    if (this.#load.status === 'waiting' && this.#localLoaded && this.#phase() === 'offline') return { status: 'waiting', message: NOT_ON_DEVICE };
    return this.#load;
  }

  /** Where the plan stands with the server. */
  get sync(): SyncState {
    const phase = this.#phase();
    return phase === 'access-ended' ? { phase, readOnly: this.#readOnly, detail: this.#accessEnd?.message } : { phase, readOnly: this.#readOnly };
  }

  /** Why the server ended access, once it has. */
  get accessEnd(): AccessEnd | undefined {
    return this.#accessEnd;
  }

  /** Calls `listener` after every change of load, sync state or access. Returns the way to stop. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Sends the current token again (after it was renewed), so the server extends this connection. */
  sendToken(): void {
    if (this.#destroyed || this.#accessEnd !== undefined) return;
    if (this.provider.isAuthenticated) void this.provider.sendToken();
    else this.#tokenPending = true;
  }

  /**
   * Closes the connection and the local store. With `forget`, also deletes this device's copy
   * of the plan (when access has ended, the device should not keep what the person may no
   * longer see).
   */
  async destroy(forget = false): Promise<void> {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#listeners.clear();
    globalThis.removeEventListener?.('online', this.#onNetwork);
    globalThis.removeEventListener?.('offline', this.#onNetwork);
    this.provider.destroy();
    this.#socket.destroy();
    if (forget) await this.#persistence?.clearData();
    else await this.#persistence?.destroy();
    this.doc.destroy();
  }

  #phase(): SyncPhase {
    if (this.#accessEnd) return 'access-ended';
    if (!this.#online) return 'offline';
    if (this.#socketStatus !== WebSocketStatus.Connected) return this.#wasDisconnected ? 'offline' : 'connecting';
    if (!this.#synced) return 'connected';
    return this.#unsynced > 0 ? 'saving' : 'saved';
  }

  /** Wraps the document in a Plan once its meta is readable; true when done (or failed for good). */
  #tryOpen(): boolean {
    const parsed = DocMeta.safeParse(this.doc.getMap(META_ROOT).toJSON());
    if (!parsed.success) return false;
    const meta = parsed.data;
    if (meta.childId !== this.childId) {
      this.#load = { status: 'failed', message: `This device holds a different child's plan under this name (${meta.childId}). Reload the page.` };
    } else {
      try {
        const spec = this.#templates.specFor(meta);
        const ppmRef = meta.templates.find((t) => t.kind === 'ppm');
        if (!ppmRef) throw new RangeError('the plan names no PPM template');
        const ppmForm = this.#templates.require('ppm', ppmRef.id, ppmRef.version);
        const plan = new Plan(this.doc, spec, liveContext(this.#actor));
        this.#load = { status: 'ready', openPlan: { plan, ppmForm } };
      } catch (error) {
        this.#load = {
          status: 'failed',
          message: `This plan was made from templates this version of the board does not have (${error instanceof Error ? error.message : String(error)}). Reload the page to get the latest version.`,
        };
      }
    }
    this.#changed();
    return true;
  }

  #end(end: AccessEnd): void {
    if (this.#accessEnd) return;
    this.#accessEnd = end;
    this.#changed();
  }

  #changed(): void {
    if (this.#destroyed) return;
    for (const listener of [...this.#listeners]) listener();
  }
}
