/**
 * Starting the next Permanence Planning Meeting, and its previous actions. The PPM template asks
 * the meeting to check that earlier actions were done and to carry forward any that were not.
 *
 * A carried-forward action stays ONE record (DESIGN decision 8): the decision row of the meeting
 * that made it. It is not copied into the new meeting (a copy would be two records of one action,
 * counted twice on the timeline, and completing one would leave the other open). The new
 * meeting's **previous actions** are derived: every decision of an earlier meeting that was not
 * completed before this meeting's date. Recording its "Date completed" at the new meeting writes
 * the one row, so every later meeting, the timeline and the board see it done.
 */
import { localToday } from './calendar/day.ts';
import type { Plan } from './plan.ts';
import type { RecordView, RowInput } from './record-view.ts';
import { CORE_DECISIONS_TABLE_ID } from './core-fields.ts';

/** A decision of an earlier meeting still open when a meeting was held. */
export interface PreviousAction {
  /** The meeting that made the decision. */
  readonly meeting: RecordView;
  /** That meeting's date (YYYY-MM-DD), when recorded. */
  readonly meetingDate: string | undefined;
  /** The decision's row in that meeting's decisions table (edit it there: it is the one record). */
  readonly decision: RecordView;
}

/** The meetings in the order they were held: by date of meeting, then (equal or undated) by the order added, undated first. */
export function meetingsInOrder(plan: Plan): { meeting: RecordView; date: string | undefined }[] {
  return plan.ppms
    .rows()
    .map((meeting, index) => ({ meeting, index, date: dateOf(meeting, 'meetingDate') }))
    .sort((a, b) => ((a.date ?? '') < (b.date ?? '') ? -1 : (a.date ?? '') > (b.date ?? '') ? 1 : a.index - b.index))
    .map(({ meeting, date }) => ({ meeting, date }));
}

/**
 * The previous actions of a meeting: the decisions of every meeting held before it (in
 * {@link meetingsInOrder}) that had no date completed, or one on or after this meeting's date,
 * oldest meeting first. Empty for an unknown meeting id or the first meeting.
 */
export function previousActions(plan: Plan, meetingId: string): PreviousAction[] {
  const order = meetingsInOrder(plan);
  const at = order.findIndex((m) => m.meeting.id === meetingId);
  if (at < 0) return [];
  const heldOn = order[at]!.date;
  const actions: PreviousAction[] = [];
  for (const { meeting, date } of order.slice(0, at)) {
    if (!meeting.spec.tables.some((t) => t.id === CORE_DECISIONS_TABLE_ID)) continue;
    for (const decision of meeting.table(CORE_DECISIONS_TABLE_ID).rows()) {
      const completed = decision.spec.fields.some((f) => f.id === 'completedDate') ? dateOf(decision, 'completedDate') : undefined;
      if (completed === undefined || (heldOn !== undefined && completed >= heldOn)) actions.push({ meeting, meetingDate: date, decision });
    }
  }
  return actions;
}

/**
 * Starts the next PPM from the template: a new meeting record with every field created, dated
 * `values.meetingDate` (default: today by the context's clock, so it is the latest meeting), and
 * returns its id with the earlier decisions it carries forward ({@link previousActions}: those
 * not completed). One transaction, one undo step. Throws RangeError for a bad value.
 */
export function startNextMeeting(plan: Plan, values: RowInput = {}): { meetingId: string; carriedForward: PreviousAction[] } {
  // The person's own day (the device's time zone), not the UTC date, which is yesterday's before 1 am in summer.
  const meetingDate = values.meetingDate ?? localToday(plan.ctx.now());
  let meetingId = '';
  plan.transact(() => {
    meetingId = plan.addMeeting({ ...values, meetingDate });
  });
  return { meetingId, carriedForward: previousActions(plan, meetingId) };
}

function dateOf(record: RecordView, fieldId: string): string | undefined {
  const value = record.value(fieldId);
  return typeof value === 'string' ? value : undefined;
}
