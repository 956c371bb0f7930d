/**
 * Starting a new Permanence Planning Meeting: one new PPM record, every field created from the
 * template (DESIGN decision 5: a row is created whole, by one client). The call site the
 * workspace's "Start a new meeting" uses; carrying forward the decisions of the last meeting
 * that are not completed (the PPM template's "check that earlier actions were done, carry
 * forward any that were not") is added here, so every caller gets it.
 */
import type { PlanContext } from './context.ts';
import type { Plan } from './plan.ts';
import { TableView } from './record-view.ts';

/**
 * Adds a new meeting record, written as `ctx`'s actor (the plan's own context by default), and
 * returns its id.
 */
export function startMeeting(plan: Plan, ctx: PlanContext = plan.ctx): string {
  const meetings = plan.ppms;
  return new TableView(meetings.array, meetings.spec, ctx).insert({});
}
