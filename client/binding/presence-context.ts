/**
 * Who is editing which field now, shared through @lit/context: provided at the workspace root by
 * the presence controller (from the authenticated awareness states of the other people in the
 * plan, updated on `field-focus` / `field-blur`, never per keystroke) and read by every field
 * element, which shows the people at its `data-field-path` (and `data-row-id`) beside itself.
 * Undefined (nobody provides it) means presence is not shown.
 */
import { createContext } from '@lit/context';

/** The people in a field now: where (path and row), who (name, role, organisation as authenticated) and their colour. */
export type FieldPresence = { path: string; rowId?: string; name: string; role: string; organisation: string; colour: string }[];

/** Who is in which field; undefined when presence is not provided. */
export const presenceContext = createContext<FieldPresence | undefined>(Symbol('presence'));
