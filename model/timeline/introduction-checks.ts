/**
 * The introduction plan checks of the family-finding and transitions standards (001): the final
 * plan reaches everyone at least 3 working days before formal introductions start; the
 * placement day comes only after a pause and plan; after placement the foster carers hear from
 * their social worker and have a virtual contact with the child and adopters within 24 hours,
 * and the permanence social worker visits within 72 hours.
 */
import type { HolidayCalendar, Region } from '../calendar/bank-holidays.ts';
import { formatDay, tryParseDay, type Day } from '../calendar/day.ts';
import type { Source } from '../template/common.ts';
import { shift } from './duration.ts';
import { statusOf } from './stages.ts';
import type { IntroductionCheck, IntroductionCheckId, IntroductionRecord, ItemStatus } from './types.ts';
import { ukDate } from '../words.ts';

const SEED = '001_8001e1e1fdb153ba.txt';
const ROW_22: Source = { seed: SEED, section: 'Practice Standards table, row 22 "Introduction planning meeting to be held"' };
const ROW_25: Source = { seed: SEED, section: 'Practice Standards table, row 25 "Pause and plan"' };
const ROW_26: Source = { seed: SEED, section: 'Practice Standards table, row 26 "Placement day to be recorded on mosaic as a significant event"' };

/** Outcomes of a pause and plan that do not let the child move. */
const HOLDING_OUTCOMES = new Set(['Pause introductions', 'Stop introductions']);

/**
 * The pathway stage that records the same event as a check, where a pathway has one. The check
 * reads the introduction plan (the event's record) and speaks for the event: a stage of the
 * pair gives no finding of its own, so a missed 72-hour visit is one finding, not two.
 */
export const STAGE_OF_CHECK: Readonly<Partial<Record<IntroductionCheckId, string>>> = {
  'final-plan-circulated': 'final-introduction-plan-circulated',
  'foster-carer-support-contact': 'foster-carer-support-contact',
  'foster-carer-virtual-contact': 'foster-carer-virtual-contact',
  'first-visit': 'post-placement-visit-72-hours',
};

/** The checks that apply: none before introductions or a placement date are planned. */
export function introductionChecks(
  record: IntroductionRecord,
  region: Region,
  holidays: HolidayCalendar,
  today: Day,
  dueSoonDays: number,
): IntroductionCheck[] {
  const out: IntroductionCheck[] = [];
  const day = (s: string | undefined): Day | undefined => tryParseDay(s);
  const starts = [day(record.introductionsStartDate), day(record.firstIntroductionDay)].filter((d): d is Day => d !== undefined);
  const firstDay = starts.length > 0 ? Math.min(...starts) : undefined;
  const add = (
    id: IntroductionCheckId,
    title: string,
    rule: string,
    source: Source,
    due: Day,
    done: Day | undefined,
    message: (status: ItemStatus) => string,
    status?: ItemStatus,
  ): void => {
    const s = status ?? statusOf({ due, done }, today, dueSoonDays);
    out.push({
      id,
      title,
      rule,
      source,
      status: s,
      due: formatDay(due),
      done: done === undefined ? undefined : formatDay(done),
      message: message(s),
    });
  };

  if (firstDay !== undefined) {
    const due = holidays.addWorkingDays(region, firstDay, -3);
    const circulated = day(record.finalPlanCirculatedDate);
    add(
      'final-plan-circulated',
      'Final introduction plan circulated',
      'The final introduction plan reaches everyone no later than 3 working days before formal introductions start.',
      ROW_22,
      due,
      circulated,
      (s) =>
        s === 'done-late'
          ? `The final introduction plan was circulated on ${ukDate(circulated!)}, less than 3 working days before introductions start on ${ukDate(firstDay)} (it was due by ${ukDate(due)}).`
          : s === 'done-on-time'
            ? `The final introduction plan was circulated on ${ukDate(circulated!)}, at least 3 working days before introductions start.`
            : `The final introduction plan must be circulated by ${ukDate(due)}, 3 working days before introductions start on ${ukDate(firstDay)}.`,
    );
  }

  const placement = day(record.placementDate);
  if (placement === undefined) return out;
  const pause = day(record.pauseAndPlanDate);
  const holding = record.pauseAndPlanOutcome !== undefined && HOLDING_OUTCOMES.has(record.pauseAndPlanOutcome);
  const pauseDue = placement - 1;
  const pauseStatus: ItemStatus | undefined =
    pause === undefined ? undefined : pause >= placement || holding ? 'done-late' : 'done-on-time';
  add(
    'placement-after-pause-and-plan',
    'Placement day after a pause and plan',
    'The placement date is agreed only after a pause and plan meeting; until then it is provisional.',
    ROW_25,
    pauseDue,
    pause,
    (s) =>
      pause !== undefined && holding
        ? `The pause and plan on ${ukDate(pause)} decided "${record.pauseAndPlanOutcome}", yet a placement day of ${ukDate(placement)} is set.`
        : s === 'done-late'
          ? `The placement day (${ukDate(placement)}) is not after the pause and plan (${ukDate(pause!)}).`
          : s === 'done-on-time'
            ? `The pause and plan on ${ukDate(pause!)} came before the placement day.`
            : `A pause and plan must be held before the placement day of ${ukDate(placement)}.`,
    pauseStatus,
  );

  const within = (
    id: IntroductionCheckId,
    title: string,
    hours: number,
    done: string | undefined,
    rule: string,
    what: string,
  ): void => {
    const due = shift(placement, { amount: hours, unit: 'hours' }, 'after', region, holidays);
    const d = day(done);
    add(id, title, rule, ROW_26, due, d, (s) =>
      s === 'done-late'
        ? `${what} happened on ${ukDate(d!)}, later than ${hours} hours after placement on ${ukDate(placement)}.`
        : s === 'done-on-time'
          ? `${what} happened on ${ukDate(d!)}, within ${hours} hours of placement.`
          : `${what} is due within ${hours} hours of placement on ${ukDate(placement)}: by the end of ${ukDate(due)}.`,
    );
  };
  within(
    'foster-carer-support-contact',
    "Foster carers' contact from their social worker",
    24,
    record.fosterCarerSupportContactDate,
    'Foster carers hear from their social worker within 24 hours of placement.',
    "The foster carers' contact from their supervising social worker",
  );
  within(
    'foster-carer-virtual-contact',
    "Foster carers' virtual contact with the child",
    24,
    record.fosterCarerVirtualContactDate,
    'The foster carers have a virtual contact with the child and the adopters within 24 hours of placement.',
    "The foster carers' virtual contact with the child and adopters",
  );
  within(
    'first-visit',
    "Permanence social worker's visit",
    72,
    record.firstVisitDate,
    'The permanence social worker visits within 72 hours of placement.',
    "The permanence social worker's visit",
  );
  return out;
}
