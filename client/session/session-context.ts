/**
 * The session, shared with every element below `<app-root>` through @lit/context: who is
 * signed in and with which token, why the person was last signed out, and the store that signs
 * in, renews and signs out. A new value is provided on every change, so consumers that
 * subscribe re-render.
 */
import { createContext } from '@lit/context';
import type { Session, SessionStore } from './session-store.ts';

/** A snapshot of the session and the store behind it. */
export interface SessionState {
  /** The current session; undefined when signed out. */
  readonly session: Session | undefined;
  /** Why the person was last signed out, for the sign-in page. */
  readonly notice: string | undefined;
  readonly store: SessionStore;
}

/** The session, provided by the page root's {@link SessionState} snapshots. */
export const sessionContext = createContext<SessionState | undefined>(Symbol('session'));
