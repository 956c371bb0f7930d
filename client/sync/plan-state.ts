/**
 * The states of a plan handle (`plan-handle.ts`) and every transition between them, in one pure
 * function, so the handle holds one state field and the sync status and the load are derived
 * from it, never from flags of their own.
 *
 * The document, drawn as automerge-repo's DocHandle draws its states:
 * ```
 *             meta readable (this device's copy or the server)
 *   loading ──────────────────────────────────────────────────▶ ready
 *      │
 *      └──── meta names another child, or templates unknown ──▶ failed
 *
 *   loading | ready | failed ──── the server ends access ────▶ ended
 *   any state ─────────────────────── close() ────────────────▶ closed
 * ```
 * `loading` notes whether this device's copy has been read (`stored`): a plan never opened
 * here, while the server cannot be reached, says so rather than "Loading…". `ended` moves only
 * to `closed`; `closed` is final.
 *
 * The link to the server, beside the document:
 * ```
 *   connecting ──socket open──▶ connected ──first sync──▶ synced { unsynced: n }
 *   any link ──socket dropped, or browser offline──▶ offline
 *   offline ──socket open again──▶ connected (synced, if the provider already is)
 * ```
 * `offline` stays `offline` while the socket tries again (it does not go back to `connecting`).
 * `refused` holds the server's words when it refused a change this device sent (a close that
 * `refusesChange`): kept until every change is acknowledged after a later edit, so the person is
 * told why the plan does not say "Stored on the server" and what to do.
 * From the link the sync phase follows: `synced` with unacknowledged changes is `saving`,
 * with none `saved` (the server acknowledges only what is on its disk).
 */
import type { OpenedPlan } from '../../model/open-plan.ts';
import type { AccessEnd } from './access-end.ts';
import type { SyncPhase, SyncState } from './sync-state.ts';

/** Where the document stands. */
export type DocStage =
  | { readonly name: 'loading'; readonly stored: boolean }
  | { readonly name: 'ready'; readonly open: OpenedPlan }
  | { readonly name: 'failed'; readonly message: string }
  | { readonly name: 'ended'; readonly end: AccessEnd }
  | { readonly name: 'closed' };

/** Where the connection to the server stands. */
export type Link =
  | { readonly name: 'connecting' }
  | { readonly name: 'offline' }
  | { readonly name: 'connected' }
  | { readonly name: 'synced'; readonly unsynced: number };

/** Whether this device keeps a copy of the plan (IndexedDB): not known yet, kept, or not possible. */
export type LocalCopy = 'unknown' | 'kept' | 'none';

/** The one state of a plan handle. */
export interface PlanState {
  readonly doc: DocStage;
  readonly link: Link;
  /** The person may read but not change the plan: the caseload's word until the server's. */
  readonly readOnly: boolean;
  /** Changes made here (one per transaction) since the server last acknowledged everything. */
  readonly pending: number;
  readonly copy: LocalCopy;
  /** Why the server last refused a change sent from here, and whether the person has changed the plan since. */
  readonly refused?: { readonly message: string; readonly editedSince: boolean };
}

/** What the socket says of itself (Hocuspocus `WebSocketStatus` values). */
export type SocketStatus = 'connecting' | 'connected' | 'disconnected';

/** Everything that moves a handle from one state to another. */
export type PlanEvent =
  | { readonly type: 'stored' }
  /** This device cannot keep a copy (no IndexedDB: some private windows). */
  | { readonly type: 'no-copy' }
  /** A change was made on this device (one local transaction). */
  | { readonly type: 'edited' }
  | { readonly type: 'opened'; readonly open: OpenedPlan }
  | { readonly type: 'unopenable'; readonly message: string }
  /** The socket's status or the network changed; with the provider's own sync state at that moment. */
  | { readonly type: 'link'; readonly socket: SocketStatus; readonly online: boolean; readonly synced: boolean; readonly unsynced: number }
  | { readonly type: 'synced'; readonly synced: boolean; readonly unsynced: number }
  | { readonly type: 'unsynced'; readonly unsynced: number }
  | { readonly type: 'authenticated'; readonly readOnly: boolean }
  | { readonly type: 'ended'; readonly end: AccessEnd }
  /** The server refused a change sent from here and closed the connection, with what to tell the person. */
  | { readonly type: 'refused'; readonly message: string }
  | { readonly type: 'closed' };

/** The state a handle starts in. */
export function initialState(readOnly: boolean): PlanState {
  return { doc: { name: 'loading', stored: false }, link: { name: 'connecting' }, readOnly, pending: 0, copy: 'unknown' };
}

/** The state after `event`; the same object when nothing changes. The only place states change. */
export function nextState(state: PlanState, event: PlanEvent): PlanState {
  const { doc, link } = state;
  if (doc.name === 'closed') return state;
  if (event.type === 'closed') return { ...state, doc: { name: 'closed' } };
  if (doc.name === 'ended') return state;
  switch (event.type) {
    case 'stored': {
      const kept = state.copy === 'kept' ? state : { ...state, copy: 'kept' as const };
      return doc.name === 'loading' && !doc.stored ? { ...kept, doc: { name: 'loading', stored: true } } : kept;
    }
    case 'no-copy':
      return state.copy === 'none' ? state : { ...state, copy: 'none' };
    case 'edited':
      return { ...state, pending: state.pending + 1, ...(state.refused ? { refused: { message: state.refused.message, editedSince: true } } : {}) };
    case 'refused':
      return { ...state, refused: { message: event.message, editedSince: false } };
    case 'opened':
      return doc.name === 'loading' ? { ...state, doc: { name: 'ready', open: event.open } } : state;
    case 'unopenable':
      return doc.name === 'loading' ? { ...state, doc: { name: 'failed', message: event.message } } : state;
    case 'ended':
      return { ...state, doc: { name: 'ended', end: event.end } };
    case 'authenticated':
      return event.readOnly === state.readOnly ? state : { ...state, readOnly: event.readOnly };
    case 'link':
      return withLink(state, linkAfter(link, event));
    case 'synced':
      if (link.name !== 'connected' && link.name !== 'synced') return state;
      return withLink(state, event.synced ? { name: 'synced', unsynced: event.unsynced } : { name: 'connected' });
    case 'unsynced':
      return link.name === 'synced' && link.unsynced !== event.unsynced ? withLink(state, { name: 'synced', unsynced: event.unsynced }) : state;
  }
}

/**
 * The link after a change of socket or network. The provider's sync state is read with the
 * event, so a first sync that completed before the socket reported itself open is not missed.
 */
function linkAfter(link: Link, event: { socket: SocketStatus; online: boolean; synced: boolean; unsynced: number }): Link {
  if (!event.online || event.socket === 'disconnected') return { name: 'offline' };
  if (event.socket === 'connecting') return link.name === 'offline' ? link : { name: 'connecting' };
  return event.synced ? { name: 'synced', unsynced: event.unsynced } : { name: 'connected' };
}

/** The state with `link`; everything made here is on the server once it acknowledged all. */
function withLink(state: PlanState, link: Link): PlanState {
  const same = link.name === state.link.name && (link.name !== 'synced' || link.unsynced === (state.link as { unsynced: number }).unsynced);
  const stored = link.name === 'synced' && link.unsynced === 0;
  const pending = stored ? 0 : state.pending;
  // A refusal is over once a change made after it is all on the server.
  const refused = stored && state.refused?.editedSince ? undefined : state.refused;
  if (same && pending === state.pending && refused === state.refused) return state;
  const next = { ...state, link, pending };
  if (refused) return { ...next, refused };
  delete (next as { refused?: unknown }).refused;
  return next;
}

/** The sync status a state shows. */
export function syncStateOf(state: PlanState): SyncState {
  if (state.doc.name === 'ended') return { phase: 'access-ended', readOnly: state.readOnly, detail: state.doc.end.message };
  return { phase: phaseOf(state.link), readOnly: state.readOnly, pending: state.pending, copy: state.copy, ...(state.refused ? { refused: state.refused.message } : {}) };
}

function phaseOf(link: Link): SyncPhase {
  if (link.name === 'synced') return link.unsynced > 0 ? 'saving' : 'saved';
  return link.name;
}
