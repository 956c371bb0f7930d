/**
 * The restricted part of one child's plan (DESIGN decision 2: identifying details of prospective
 * adopters and carers, the placement address), open and live as ITS OWN document,
 * `child:<id>:restricted` (`model/wire`'s `restrictedDocumentName`), through a HocuspocusProvider
 * attached to the socket every open plan shares. Never kept on the device (no IndexedDB: what is
 * confidential is not left behind in a browser profile) and never read from or written into the
 * plan document. Opened only for a person whose grant covers it, and only while the page shows
 * it; the server refuses anyone else (`forbidden`), which ends the handle with the reason.
 *
 * States: `loading` (until the first sync brings the document's meta), `ready`, `ended` (the
 * server refused or closed it: `message` says why), `closed`.
 */
import { HocuspocusProvider, type HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { liveContext, type PlanContext } from '../../model/context.ts';
import { DocMeta, META_ROOT } from '../../model/doc-spec.ts';
import type { RecordView } from '../../model/record-view.ts';
import { restrictedRecord } from '../../model/restricted.ts';
import { RESTRICTED_SPEC } from '../../model/restricted-spec.ts';
import { restrictedDocumentName } from '../../model/wire/index.ts';
import { accessEndOfAuthFailure, accessEndOfClose } from './access-end.ts';

/** What opening the restricted part takes. */
export interface RestrictedHandleOptions {
  readonly childId: string;
  readonly socket: HocuspocusProviderWebsocket;
  readonly token: () => string | undefined;
  /** Who edits, as the plan's handle names them. */
  readonly actor: string;
}

/** Where the restricted part stands. */
export type RestrictedState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly record: RecordView; readonly readOnly: boolean }
  | { readonly status: 'ended'; readonly message: string }
  | { readonly status: 'closed' };

/** The restricted document of a child, open on this page only. */
export class RestrictedHandle {
  readonly childId: string;
  readonly doc = new Y.Doc();
  readonly provider: HocuspocusProvider;
  readonly #ctx: PlanContext;
  readonly #listeners = new Set<() => void>();
  #state: RestrictedState = { status: 'loading' };
  #readOnly = true;

  constructor(options: RestrictedHandleOptions) {
    this.childId = options.childId;
    this.#ctx = liveContext(options.actor);
    this.provider = new HocuspocusProvider({
      websocketProvider: options.socket,
      name: restrictedDocumentName(options.childId),
      document: this.doc,
      token: () => options.token() ?? '',
      onAuthenticated: ({ scope }) => {
        this.#readOnly = scope === 'readonly';
        this.#check();
      },
      onAuthenticationFailed: ({ reason }) => this.#end(accessEndOfAuthFailure(reason).message),
      onSynced: () => this.#check(),
      onClose: ({ event }) => {
        const end = accessEndOfClose(event.code, event.reason);
        if (end) this.#end(end.message);
      },
    });
    this.doc.getMap(META_ROOT).observe(() => this.#check());
    this.provider.attach();
  }

  get state(): RestrictedState {
    return this.#state;
  }

  /** Calls `listener` after every change of state. Returns the way to stop. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Sends the current token again (after it was renewed). */
  sendToken(): void {
    if (this.#state.status !== 'closed' && this.#state.status !== 'ended' && this.provider.isAuthenticated) void this.provider.sendToken();
  }

  /** The repo asks after a change of network; nothing to do (the provider follows the socket). */
  networkChanged(): void {}

  /** Detaches from the shared socket and drops the document (nothing is kept on the device). */
  close(): Promise<void> {
    if (this.#state.status === 'closed') return Promise.resolve();
    this.#set({ status: 'closed' });
    this.#listeners.clear();
    this.provider.destroy();
    this.doc.destroy();
    return Promise.resolve();
  }

  #check(): void {
    if (this.#state.status === 'closed' || this.#state.status === 'ended') return;
    const meta = DocMeta.safeParse(this.doc.getMap(META_ROOT).toJSON());
    if (!meta.success || !this.provider.isSynced) return;
    if (meta.data.format !== RESTRICTED_SPEC.format || meta.data.childId !== this.childId) return this.#end('This is not the restricted part of this child’s plan. Reload the page.');
    const current = this.#state;
    if (current.status === 'ready' && current.readOnly === this.#readOnly) return;
    this.#set({ status: 'ready', record: restrictedRecord(this.doc, this.#ctx), readOnly: this.#readOnly });
  }

  #end(message: string): void {
    if (this.#state.status === 'closed') return;
    this.#set({ status: 'ended', message });
  }

  #set(state: RestrictedState): void {
    this.#state = state;
    for (const l of [...this.#listeners]) l();
  }
}
