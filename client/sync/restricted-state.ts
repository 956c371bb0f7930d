/**
 * The restricted part of the open child's plan as the page shares it through @lit/context:
 * undefined while the page does not show it (or the person has no grant covering it: then it is
 * never opened), else its {@link RestrictedState}. Provided by `app/`'s `RestrictedController`,
 * or by `<test-contexts>` in element tests.
 */
import { createContext } from '@lit/context';
import type { RestrictedState } from './restricted-handle.ts';

export type { RestrictedState } from './restricted-handle.ts';

/** The open restricted part; undefined while none is open. */
export const restrictedContext = createContext<RestrictedState | undefined>(Symbol('restricted'));
