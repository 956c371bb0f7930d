/**
 * The plans open on this page, all synced through ONE WebSocket to the server's `/collab`
 * endpoint (a `HocuspocusProviderWebsocket`), each plan a {@link PlanHandle} whose provider is
 * attached to it: opening a second plan (a board of several children, a plan beside its
 * restricted part) costs no second connection, and the server sees one socket per tab. The
 * socket is made when the first plan opens and closed when the last one closes. The repo also
 * follows the browser's `online` / `offline` events for every handle, and reconnects at once
 * when the network is back rather than when the socket's back-off next tries. Named after
 * automerge-repo's `Repo`, which hands out `DocHandle`s the same way.
 */
import { HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import type { TemplateRegistry } from '../../model/template/registry.ts';
import { PlanHandle, type PlanHandleOptions } from './plan-handle.ts';
import { RestrictedHandle, type RestrictedHandleOptions } from './restricted-handle.ts';

/** The collaboration endpoint of the server that served this page. */
export function collabUrl(location: Pick<Location, 'protocol' | 'host'> = globalThis.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}

/** How the repo is wired. */
export interface PlanRepoOptions {
  /** The collaboration endpoint; the server that served the page by default. */
  readonly url?: () => string;
  /** Where the templates plans name are found. */
  readonly templates: TemplateRegistry;
}

/** What opening one plan takes, besides what the repo holds. */
export type OpenOptions = Omit<PlanHandleOptions, 'socket' | 'templates'>;

/** The open plans of this page and the one socket they share. */
export class PlanRepo {
  readonly #url: () => string;
  readonly #templates: TemplateRegistry;
  readonly #handles = new Set<PlanHandle>();
  readonly #restricted = new Set<RestrictedHandle>();
  #socket: HocuspocusProviderWebsocket | undefined;
  readonly #onNetwork = (): void => {
    const socket = this.#socket;
    if ((globalThis.navigator?.onLine ?? true) && socket && socket.status !== WebSocketStatus.Connected) void socket.connect();
    for (const handle of this.#handles) handle.networkChanged();
  };

  constructor(options: PlanRepoOptions) {
    this.#url = options.url ?? (() => collabUrl());
    this.#templates = options.templates;
  }

  /** The open handles. */
  get handles(): ReadonlySet<PlanHandle> {
    return this.#handles;
  }

  /** Opens a child's plan on the shared socket (made now if none is open). Close it with {@link close}. */
  open(options: OpenOptions): PlanHandle {
    const handle = new PlanHandle({ ...options, socket: this.#shared(), templates: this.#templates });
    this.#handles.add(handle);
    return handle;
  }

  /**
   * Opens a child's restricted part, its own document, on the shared socket. Only for a person
   * whose grant covers it (the server refuses anyone else). Close it with {@link closeRestricted}.
   */
  openRestricted(options: Omit<RestrictedHandleOptions, 'socket'>): RestrictedHandle {
    const handle = new RestrictedHandle({ ...options, socket: this.#shared() });
    this.#restricted.add(handle);
    return handle;
  }

  /** Closes a restricted part; closes the socket when nothing else is open. */
  async closeRestricted(handle: RestrictedHandle): Promise<void> {
    if (!this.#restricted.delete(handle)) return;
    const closing = handle.close();
    this.#closeSocketIfIdle();
    await closing;
  }

  /** The shared socket, made now if none is open. */
  #shared(): HocuspocusProviderWebsocket {
    if (!this.#socket) {
      this.#socket = new HocuspocusProviderWebsocket({ url: this.#url() });
      globalThis.addEventListener?.('online', this.#onNetwork);
      globalThis.addEventListener?.('offline', this.#onNetwork);
    }
    return this.#socket;
  }

  #closeSocketIfIdle(): void {
    if (this.#handles.size === 0 && this.#restricted.size === 0 && this.#socket) {
      globalThis.removeEventListener?.('online', this.#onNetwork);
      globalThis.removeEventListener?.('offline', this.#onNetwork);
      this.#socket.destroy();
      this.#socket = undefined;
    }
  }

  /**
   * Closes a handle (and, with `forget`, deletes this device's copy); closes the socket when it
   * was the last. Resolves when the local store is closed.
   */
  async close(handle: PlanHandle, forget = false): Promise<void> {
    if (!this.#handles.delete(handle)) return;
    const closing = handle.close(forget);
    this.#closeSocketIfIdle();
    await closing;
  }
}
