/**
 * Who else is editing which field of the open plan, shared through @lit/context by the page root
 * (`app/`, from the plan's presence in `sync/`) with every field: a field shows "Amira Khan (IRO)
 * is editing" when an entry's `path` (and `rowId`, in a table) is its own. The names, roles and
 * organisations are the ones the server authenticated, never what another client claimed; the
 * person looking is not in the list. Read it with an `@lit/context` ContextConsumer, or drop in
 * `<field-presence>` (`field-presence.ts`).
 */
import { createContext } from '@lit/context';

/** People editing fields now: one entry per person and field, `path` as `data-field-path` gives it. */
export type FieldPresence = {
  path: string;
  rowId?: string;
  name: string;
  role: string;
  organisation: string;
  colour: string;
}[];

/** Who else is editing which field; undefined while no plan is open. */
export const presenceContext = createContext<FieldPresence | undefined>(Symbol('field-presence'));
