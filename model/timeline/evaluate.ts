/**
 * The timeline engine: from a pathway template, what a plan records and today's date, the due
 * date and status of every stage with the rule and source behind it, the repeats of recurring
 * stages, ordering problems, the introduction plan checks, dated PPM actions, findings and an
 * overall red/amber/green rating. Pure and deterministic: the clock and the bank holidays are
 * inputs.
 */
import { defaultHolidays, regionOf, type Region } from '../calendar/bank-holidays.ts';
import { formatDay, parseDay, tryParseDay, type Day } from '../calendar/day.ts';
import { Jurisdiction } from '../template/common.ts';
import { findingsOf, nextDueOf, ratingOf } from './findings.ts';
import { introductionChecks } from './introduction-checks.ts';
import { heldDeadlines } from './held-deadlines.ts';
import { expandOccurrences } from './occurrences.ts';
import { evaluateStages, statusOf, type RecordedDates } from './stages.ts';
import type { ActionItem, IntroductionRecord, OccurrenceResult, OrderingProblem, StageResult, Timeline, TimelineInput } from './types.ts';
import { ukDate } from '../words.ts';

const DEFAULT_DUE_SOON_DAYS = 14;

/** Whose bank holidays apply: the child's jurisdiction when recorded, else the pathway's first. */
export function regionFor(input: Pick<TimelineInput, 'facts' | 'pathway'>): Region {
  const recorded = Jurisdiction.safeParse(input.facts.jurisdiction);
  return regionOf(recorded.success ? recorded.data : input.pathway.jurisdiction[0]!);
}

/**
 * Evaluates a child's timeline. Throws RangeError when `today` is not a YYYY-MM-DD date;
 * recorded dates that are not valid dates are ignored (the model's validation keeps them out).
 */
export function evaluateTimeline(input: TimelineInput): Timeline {
  const today = parseDay(input.today);
  const holidays = input.holidays ?? defaultHolidays;
  const dueSoonDays = input.options?.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS;
  const region = regionFor(input);
  const { pathway, facts } = input;

  const recorded = new Map<string, Day[]>();
  const conflicts = new Map<string, Set<string>>();
  const note = (stage: string, date: string): void => {
    let set = conflicts.get(stage);
    if (!set) conflicts.set(stage, (set = new Set()));
    set.add(date);
  };
  for (const e of input.events) {
    const d = tryParseDay(e.date);
    if (d === undefined || (e.part !== undefined && d > today)) continue;
    let list = recorded.get(e.stage);
    if (!list) recorded.set(e.stage, (list = []));
    list.push(d);
    for (const alt of e.alternatives ?? []) if (alt !== e.date) note(e.stage, alt);
  }
  for (const list of recorded.values()) {
    list.sort((a, b) => a - b);
    for (let i = list.length - 1; i > 0; i--) if (list[i] === list[i - 1]) list.splice(i, 1);
  }
  const dates: RecordedDates = recorded;

  const states = evaluateStages({ pathway, facts, recorded: dates, region, holidays, today, dueSoonDays });
  const stages: StageResult[] = [];
  const occurrences: OccurrenceResult[] = [];
  for (const stage of pathway.stages) {
    const s = states.get(stage.id)!;
    const list = dates.get(stage.id) ?? [];
    const recurring = stage.recurrence.length > 0;
    const extra = recurring ? [] : list.slice(1).map(formatDay);
    const stageConflicts = [...new Set([...extra, ...(conflicts.get(stage.id) ?? [])])].sort();
    let status = statusOf({ due: s.due, notBefore: s.notBefore, done: s.first, applicable: s.applicable, expected: s.expected }, today, dueSoonDays);
    let due = s.due === undefined ? undefined : formatDay(s.due);
    let done = s.first;
    if (recurring && s.applicable && (s.expected || list.length > 0)) {
      const repeats = expandOccurrences(stage, facts, dates, today, dueSoonDays);
      occurrences.push(...repeats);
      const overdue = repeats.find((o) => o.status === 'overdue');
      const pending = repeats.find((o) => o.status === 'due-soon' || o.status === 'not-yet-due');
      if (list.length > 0) done = list[list.length - 1];
      if (status !== 'overdue') {
        if (overdue) {
          status = 'overdue';
          due = overdue.due;
        } else if (pending) {
          status = pending.status;
          due = pending.due;
        }
      }
    }
    stages.push({
      id: stage.id,
      title: stage.title,
      owner: stage.owner,
      optional: stage.optional,
      recurring,
      status,
      due,
      dueKind: due === undefined ? undefined : recurring ? 'limit' : s.dueKind,
      target: s.target === undefined || recurring ? undefined : formatDay(s.target),
      targetRule: s.target === undefined || recurring ? undefined : s.targetRule,
      requiredBecause: s.requiredBecause,
      ...(stage.recordedIn ? { recordedIn: stage.recordedIn.part } : {}),
      notBefore: s.notBefore === undefined ? undefined : formatDay(s.notBefore),
      done: done === undefined ? undefined : formatDay(done),
      conflicts: stageConflicts,
      rule: s.rule,
      deadlines: s.deadlines,
    });
  }

  const held = heldDeadlines({ pathway, facts, recorded: dates, states, region, holidays, today, dueSoonDays });
  const ordering = orderingProblems(input, states, dates);
  const introduction = introductionChecks(introductionRecord(input, dates), region, holidays, today, dueSoonDays);
  const actions = actionItems(input, today, dueSoonDays);
  const known = new Set(pathway.stages.map((s) => s.id));
  const unknownStages = [...dates.keys()].filter((id) => !known.has(id));
  const notCounted = (input.notCounted ?? []).flatMap((e) => {
    const part = pathway.stages.find((s) => s.id === e.stage)?.recordedIn?.part;
    return part && tryParseDay(e.date) !== undefined ? [{ stage: e.stage, date: e.date, part }] : [];
  });
  const findings = findingsOf({ stages, occurrences, heldDeadlines: held, ordering, introduction, actions, unknownStages, notCounted, today });
  const { rating, reasons } = ratingOf(findings);
  const start = dates.get(pathway.start)?.[0];
  return {
    pathwayId: pathway.id,
    pathwayTitle: pathway.title,
    today: formatDay(today),
    region,
    start: start === undefined ? undefined : formatDay(start),
    stages,
    occurrences,
    heldDeadlines: held,
    ordering,
    introduction,
    actions,
    findings,
    rating,
    reasons,
    nextDue: nextDueOf({ stages, occurrences, heldDeadlines: held, introduction, actions }),
  };
}

/** Stages of a pathway that record the same dates as introduction plan fields. */
const INTRODUCTION_STAGES: Readonly<Record<string, keyof IntroductionRecord>> = {
  'final-introduction-plan-circulated': 'finalPlanCirculatedDate',
  'introductions-start': 'introductionsStartDate',
  'pause-and-plan': 'pauseAndPlanDate',
  'placement-day': 'placementDate',
  'foster-carer-support-contact': 'fosterCarerSupportContactDate',
  'foster-carer-virtual-contact': 'fosterCarerVirtualContactDate',
  'post-placement-visit-72-hours': 'firstVisitDate',
};

/** The introduction plan's dates, filled in from the pathway record where the plan leaves them blank. */
function introductionRecord(input: TimelineInput, dates: RecordedDates): IntroductionRecord {
  const out: Record<string, string | undefined> = { ...input.introduction };
  for (const [stage, field] of Object.entries(INTRODUCTION_STAGES)) {
    const d = dates.get(stage)?.[0];
    if (out[field] === undefined && d !== undefined) out[field] = formatDay(d);
  }
  return out;
}

/**
 * A recorded stage dated before a stage it requires, or recorded while a required stage is
 * missing. Stages that do not apply are not required; an optional prerequisite that has not
 * happened is not missing ("if it happens, it comes first").
 */
function orderingProblems(
  input: TimelineInput,
  states: ReadonlyMap<string, { applicable: boolean; stage: { title: string; optional: boolean; source: OrderingProblem['source'] } }>,
  dates: RecordedDates,
): OrderingProblem[] {
  const out: OrderingProblem[] = [];
  for (const stage of input.pathway.stages) {
    const date = dates.get(stage.id)?.[0];
    const self = states.get(stage.id);
    if (date === undefined || !self?.applicable) continue;
    for (const r of stage.requires) {
      const req = states.get(r);
      if (!req || !req.applicable) continue;
      const rDate = dates.get(r)?.[0];
      const rule = `${stage.title} comes after ${req.stage.title}.`;
      if (rDate !== undefined && rDate > date) {
        out.push({
          kind: 'before-prerequisite',
          stage: stage.id,
          requires: r,
          date: formatDay(date),
          requiredDate: formatDay(rDate),
          rule,
          source: stage.source,
          message: `${stage.title} is recorded on ${ukDate(date)}, before ${req.stage.title} (${ukDate(rDate)}), which must come first.`,
        });
      } else if (rDate === undefined && !req.stage.optional) {
        out.push({
          kind: 'prerequisite-missing',
          stage: stage.id,
          requires: r,
          date: formatDay(date),
          rule,
          source: stage.source,
          message: `${stage.title} is recorded on ${ukDate(date)}, but ${req.stage.title}, which must come first, is not recorded.`,
        });
      }
    }
  }
  return out;
}

/** Every decision or action of every PPM record as a dated item. */
function actionItems(input: TimelineInput, today: Day, dueSoonDays: number): ActionItem[] {
  const out: ActionItem[] = [];
  for (const m of input.meetings ?? []) {
    for (const a of m.actions) {
      const due = tryParseDay(a.targetDate);
      const done = tryParseDay(a.completedDate);
      out.push({
        meetingId: m.id,
        meetingDate: m.date,
        id: a.id,
        text: a.text,
        responsible: a.responsible,
        due: due === undefined ? undefined : formatDay(due),
        done: done === undefined ? undefined : formatDay(done),
        status: statusOf({ due, done }, today, dueSoonDays),
      });
    }
  }
  return out;
}
