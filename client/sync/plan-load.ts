/**
 * How far the open plan has opened, in words for the plan page: still loading (and why it may
 * take a while), ready, or failed with what to do. Derived from a handle's state
 * ({@link loadOf}) and shared through {@link planLoadContext} by `app/`, beside the open plan
 * itself (`binding/open-plan-context.ts`) and its sync state (`sync-state.ts`).
 */
import { createContext } from '@lit/context';
import type { PlanState } from './plan-state.ts';

/** How far the plan has opened. */
export type PlanLoad =
  | { readonly status: 'waiting'; readonly message: string }
  | { readonly status: 'ready' }
  | { readonly status: 'failed'; readonly message: string };

/** Shown until the plan's meta has arrived. */
export const LOADING = 'Loading the plan…';

/** Shown when this device has no copy and the server cannot be reached. */
export const NOT_ON_DEVICE = 'This plan has not been opened on this device before and the server cannot be reached. It will open when the connection is back.';

/** The load a handle's state shows. */
export function loadOf(state: PlanState): PlanLoad {
  const { doc } = state;
  switch (doc.name) {
    case 'ready':
      return { status: 'ready' };
    case 'failed':
      return { status: 'failed', message: doc.message };
    case 'ended':
      return { status: 'failed', message: doc.end.message };
    case 'closed':
      return { status: 'failed', message: 'This plan was closed.' };
    case 'loading':
      return { status: 'waiting', message: doc.stored && state.link.name === 'offline' ? NOT_ON_DEVICE : LOADING };
  }
}

/** How far the open plan has opened; undefined while no plan is asked for. */
export const planLoadContext = createContext<PlanLoad | undefined>(Symbol('plan-load'));
