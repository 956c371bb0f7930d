/**
 * The people in the open plan now (`presence.ts`), shared through @lit/context by the page root
 * with `<plan-presence>` and anything else that lists them. The person looking comes first.
 */
import { createContext } from '@lit/context';
import type { PresentPerson } from './presence.ts';

/** The people in the open plan now; undefined while no plan is open. */
export const presentPeopleContext = createContext<readonly PresentPerson[] | undefined>(Symbol('present-people'));
