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
}

/** How each phase is told, on screen and to screen readers. */
export const SYNC_TEXT: Readonly<Record<SyncPhase, string>> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  saving: 'Saving…',
  saved: 'All changes saved',
  offline: 'Offline — changes kept on this device',
  'access-ended': 'Access ended',
};

/** Said beside the status when the person has read-only access. */
export const READ_ONLY_TEXT = 'Read only: you can see this plan but not change it.';

/** The open plan's sync state; undefined while no plan is asked for. */
export const syncStateContext = createContext<SyncState | undefined>(Symbol('sync-state'));
