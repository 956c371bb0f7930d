/**
 * The visual vocabulary of the timeline view: for each status of a stage, repeat, check or
 * action, the words, the tone (colour) and a shape, so that no status is told by colour alone
 * (WCAG 1.4.1). The shapes themselves and the ratings' looks are shared (`ui/shapes.ts`,
 * `ui/rating-look.ts`).
 */
import type { ItemStatus } from '../../../model/timeline/types.ts';
import type { Look } from '../../ui/rating-look.ts';

/** Words, tone and shape of each status of a stage, repeat, check or action. */
export const STATUS_LOOK: Readonly<Record<ItemStatus, Look>> = {
  'done-on-time': { label: 'Done on time', tone: 'green', shape: 'circle-filled' },
  'done-late': { label: 'Done late', tone: 'amber', shape: 'square-filled' },
  'done-early': { label: 'Done too early', tone: 'red', shape: 'diamond-filled' },
  'due-soon': { label: 'Due soon', tone: 'amber', shape: 'hourglass' },
  overdue: { label: 'Overdue', tone: 'red', shape: 'triangle' },
  'not-yet-due': { label: 'Not yet due', tone: 'neutral', shape: 'circle' },
  missed: { label: 'Missed', tone: 'red', shape: 'cross' },
  'not-applicable': { label: 'Does not apply', tone: 'neutral', shape: 'dash' },
  optional: { label: 'Optional, not held', tone: 'neutral', shape: 'circle-dashed' },
};

/** Whether the status means the item has happened (it has an actual date). */
export function isDone(status: ItemStatus): boolean {
  return status === 'done-on-time' || status === 'done-late' || status === 'done-early';
}
