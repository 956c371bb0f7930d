/**
 * The sync state of the open plan, shared through @lit/context by the element that opened it
 * (see `open-plan-controller.ts`) with `<sync-status>` and anything else that needs it, and the
 * words each state is told in.
 */
import { createContext } from '@lit/context';

/**
 * Where the open plan stands with the server: still `connecting`; `connected` and catching up;
 * `saving` changes not yet acknowledged; every change `saved` (acknowledged, so on the server's
 * disk); `offline`, with changes kept on this device until it reconnects; or `access-ended`
 * (the server closed the plan: access revoked, session ended, account disabled).
 */
export type SyncPhase = 'connecting' | 'connected' | 'saving' | 'saved' | 'offline' | 'access-ended';

/** The state `<sync-status>` shows. */
export interface SyncState {
  readonly phase: SyncPhase;
  /** The person may read but not change this plan. */
  readonly readOnly: boolean;
  /** Why access ended, in words, when `phase` is `access-ended`. */
  readonly detail?: string;
  /** Changes made on this device that the server has not acknowledged yet. */
  readonly pending?: number;
  /** Whether this device keeps a copy of the plan. */
  readonly copy?: 'unknown' | 'kept' | 'none';
  /** The server refused a change sent from here: what it said (shown as an alert until resolved). */
  readonly refused?: string;
}

/**
 * How each phase is told, on screen and to screen readers: the three steps of a change are
 * "Saved on this device" (before it is sent), "Sent" (waiting for the acknowledgement) and
 * "Stored on the server" (acknowledged: the server acknowledges only what is on its disk).
 */
export const SYNC_TEXT: Readonly<Record<SyncPhase, string>> = {
  connecting: 'Connecting to the server…',
  connected: 'Connected: catching up with the server…',
  saving: 'Sent: waiting for the server to store it',
  saved: 'Stored on the server',
  offline: 'Offline: changes are kept on this device',
  'access-ended': 'Access ended',
};

/** "1 change", "3 changes". */
const changes = (n: number): string => `${n} ${n === 1 ? 'change' : 'changes'}`;

/** What a sync state says: the headline (the live region's words) and, when useful, what it means or what to do. */
export interface SyncWords {
  readonly headline: string;
  readonly advice?: string;
}

/**
 * The words of a sync state. The headline changes only with the phase and the first change kept
 * (so the polite live region is not announced on every keystroke); counts go in the advice.
 */
export function syncWords(state: SyncState): SyncWords {
  const pending = state.pending ?? 0;
  const noCopy = state.copy === 'none';
  const unsaved = 'This browser is not keeping a copy on this device (a private window, or storage is full): keep this page open until it says Stored on the server.';
  // A refused change is not on the server whatever the link says; the alert beside says why.
  if (state.refused && state.phase !== 'offline' && state.phase !== 'access-ended') return { headline: 'Your last change was not stored' };
  switch (state.phase) {
    case 'offline':
      if (noCopy) return { headline: 'Offline: changes are not kept on this device', advice: `${pending > 0 ? `${changes(pending)} not yet sent. ` : ''}Keep this page open until the connection is back; closing it loses them.` };
      return pending > 0
        ? { headline: 'Offline: changes kept on this device', advice: `${changes(pending)} kept on this device, sent when the connection is back. Keep working; check the network if this lasts.` }
        : { headline: SYNC_TEXT.offline, advice: 'Nothing is waiting to be sent. What you change now is kept here and sent when the connection is back.' };
    case 'connecting':
    case 'connected':
      if (pending > 0 && !noCopy) return { headline: 'Saved on this device', advice: `${changes(pending)} to send once connected.` };
      return noCopy ? { headline: SYNC_TEXT[state.phase], advice: unsaved } : { headline: SYNC_TEXT[state.phase] };
    case 'saving':
      return noCopy ? { headline: SYNC_TEXT.saving, advice: unsaved } : { headline: SYNC_TEXT.saving };
    case 'saved':
      return { headline: SYNC_TEXT.saved };
    case 'access-ended':
      return { headline: SYNC_TEXT['access-ended'], ...(state.detail ? { advice: state.detail } : {}) };
  }
}

/** Said beside the status when the person has read-only access. */
export const READ_ONLY_TEXT = 'Read only: you can see this plan but not change it.';

/** The open plan's sync state; undefined while no plan is asked for. */
export const syncStateContext = createContext<SyncState | undefined>(Symbol('sync-state'));
