/**
 * Deadlines for a later time a recurring stage is held (`held: n` on a deadline of the pathway):
 * the third PPM by week 14 of the adoption task list (003 Appendix 7), beside the "at least every
 * 6 weeks" cycle (8.3) the repeats follow. The nth date recorded for the stage is that meeting; a
 * deadline counts from the stage it names (recorded, or projected from its own due date), as any
 * other deadline does. A stage recorded in the PPM records after the first (the initial PPM is
 * another stage) counts the initial PPM in its title: its second record is the third PPM.
 */
import type { HolidayCalendar, Region } from '../calendar/bank-holidays.ts';
import { formatDay, type Day } from '../calendar/day.ts';
import type { PathwayTemplate, Stage } from '../template/pathway.ts';
import { holds } from './condition.ts';
import { shift } from './duration.ts';
import { statusOf, type RecordedDates, type StageState } from './stages.ts';
import type { Facts, HeldDeadlineResult } from './types.ts';

export interface HeldDeadlineContext {
  readonly pathway: PathwayTemplate;
  readonly facts: Facts;
  readonly recorded: RecordedDates;
  readonly states: ReadonlyMap<string, StageState>;
  readonly region: Region;
  readonly holidays: HolidayCalendar;
  readonly today: Day;
  readonly dueSoonDays: number;
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/** "third Permanence Planning Meeting (PPM)": the nth record of `stage`, counted as people count meetings. */
export function heldTitle(stage: Stage, held: number): string {
  const n = stage.recordedIn?.part === 'ppms' && stage.recordedIn.meetings === 'after-first' ? held + 1 : held;
  return `${ORDINALS[n - 1] ?? `${n}th`} ${stage.title}`;
}

/** Every `held` deadline of an applicable stage whose anchor has a date, in pathway order. */
export function heldDeadlines(c: HeldDeadlineContext): HeldDeadlineResult[] {
  const out: HeldDeadlineResult[] = [];
  for (const stage of c.pathway.stages) {
    const state = c.states.get(stage.id);
    if (!state?.applicable) continue;
    for (const d of stage.deadlines) {
      if (d.held === undefined || !holds(d.condition, c.facts)) continue;
      if (d.unless !== undefined && c.recorded.has(d.unless)) continue;
      const anchorState = c.states.get(d.relativeTo);
      if (anchorState && !anchorState.applicable) continue;
      const anchor = c.recorded.get(d.relativeTo)?.[0] ?? anchorState?.due;
      if (anchor === undefined) continue;
      const due = shift(anchor, d.offset, d.direction, c.region, c.holidays);
      const done = c.recorded.get(stage.id)?.[d.held - 1];
      out.push({
        stage: stage.id,
        title: heldTitle(stage, d.held),
        held: d.held,
        kind: d.kind,
        due: formatDay(due),
        done: done === undefined ? undefined : formatDay(done),
        status: statusOf({ due, done }, c.today, c.dueSoonDays),
        rule: d.rule,
        source: d.source,
      });
    }
  }
  return out;
}
