/**
 * The words and tag class of each status of a stage or check (model/timeline/types.ts's
 * `ItemStatus`), so the workspace says a status in words with a bordered tag, never by colour
 * alone. (The timeline feature has its own looks with shapes; features do not share files.)
 */
import type { ItemStatus } from '../../../model/timeline/types.ts';

/** Words and tag class of each status. */
export const STATUS_WORDS: Readonly<Record<ItemStatus, { readonly label: string; readonly tag: 'done' | 'late' | 'due' | 'open' }>> = {
  'done-on-time': { label: 'Done on time', tag: 'done' },
  'done-late': { label: 'Done late', tag: 'due' },
  'done-early': { label: 'Done too early', tag: 'late' },
  'due-soon': { label: 'Due soon', tag: 'due' },
  overdue: { label: 'Overdue', tag: 'late' },
  'not-yet-due': { label: 'Not yet due', tag: 'open' },
  missed: { label: 'Missed', tag: 'late' },
  'not-applicable': { label: 'Does not apply', tag: 'open' },
  optional: { label: 'Optional, not held', tag: 'open' },
};
