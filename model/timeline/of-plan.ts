/**
 * Reads a plan document into the timeline engine's inputs and evaluates it: the pathway the
 * child is on, the child's facts, the stages recorded, PPM meetings and their actions, and the
 * introduction plan's dates.
 *
 * One event, one record (DESIGN decision 8): a stage the pathway says is recorded in another part
 * of the plan (`recordedIn`: the PPM records, a date of the introduction plan) takes its dates
 * from that part only; a date typed into the stage table for such a stage is passed on as
 * `notCounted`, reported and never counted as done. Other stages are read from the stage table.
 * A date in a PPM record or the introduction plan after today is planned, not yet happened; the
 * engine, which knows today, leaves it out (so a stored input re-rated on a later day counts it).
 */
import type { HolidayCalendar } from '../calendar/bank-holidays.ts';
import type { Plan } from '../plan.ts';
import type { PlanPart } from '../plan-spec.ts';
import type { RecordView } from '../record-view.ts';
import type { TemplateRegistry } from '../template/registry.ts';
import type { PathwayTemplate, RecordedIn } from '../template/pathway.ts';
import { evaluateTimeline } from './evaluate.ts';
import type { ActionRecord, Facts, IntroductionRecord, MeetingRecord, RecordedEvent, Timeline, TimelineInput, TimelineOptions } from './types.ts';

/** The parts of a plan `timelineInputOf` reads: a change elsewhere cannot change the timeline. */
export const TIMELINE_PARTS: readonly PlanPart[] = Object.freeze(['child', 'ppms', 'introduction', 'pathway'] as const);

/** The pathway template the plan names, or undefined when none is chosen or it is unknown here. */
export function pathwayOf(plan: Plan, registry: TemplateRegistry): PathwayTemplate | undefined {
  const id = plan.pathway.value('pathwayId');
  if (typeof id !== 'string' || id === '') return undefined;
  const t = registry.get(id);
  return t?.kind === 'pathway' ? t : undefined;
}

/** The engine's inputs for a plan, or undefined when the plan names no known pathway. */
export function timelineInputOf(
  plan: Plan,
  registry: TemplateRegistry,
  today: string,
  extra: { holidays?: HolidayCalendar; options?: TimelineOptions } = {},
): TimelineInput | undefined {
  const pathway = pathwayOf(plan, registry);
  if (!pathway) return undefined;
  // A stage whose record this plan's templates lack (an older introduction plan) stays in the stage table.
  const recordOf = new Set(pathway.stages.filter((s) => holdsRecord(plan, s.recordedIn)).map((s) => s.id));
  const events: RecordedEvent[] = [];
  const notCounted: RecordedEvent[] = [];
  for (const row of plan.stages.rows()) {
    const stage = stringOf(row, 'stage');
    const date = row.get('date');
    if (!stage || typeof date.value !== 'string') continue;
    const event = { stage, date: date.value, alternatives: alternativesOf(date), by: stringOf(row, 'recordedBy'), id: row.id };
    (recordOf.has(stage) ? notCounted : events).push(event);
  }
  const meetings: MeetingRecord[] = plan.ppms.rows().map((m) => ({
    id: m.id,
    date: stringOf(m, 'meetingDate'),
    actions: actionsOf(m),
  }));
  events.push(...meetingEvents(plan, pathway), ...introductionEvents(plan, pathway));
  return {
    pathway,
    today,
    facts: factsOf(plan),
    events,
    notCounted,
    meetings,
    introduction: introductionOf(plan),
    holidays: extra.holidays,
    options: extra.options,
  };
}

/**
 * The stage events the PPM records give: the earliest dated meeting is the stage recorded in
 * `ppms` `first` (the initial PPM), every later one a repeat of the stage recorded in `ppms`
 * `after-first`; with no `first` stage every meeting is a repeat. A meeting whose date is in
 * conflict gives its latest date, the others as alternatives.
 */
function meetingEvents(plan: Plan, pathway: PathwayTemplate): RecordedEvent[] {
  const first = pathway.stages.find((s) => s.recordedIn?.part === 'ppms' && s.recordedIn.meetings === 'first')?.id;
  const later = pathway.stages.find((s) => s.recordedIn?.part === 'ppms' && s.recordedIn.meetings === 'after-first')?.id;
  if (!first && !later) return [];
  if (!plan.ppms.spec.fields.some((f) => f.id === 'meetingDate')) return [];
  const dated: RecordedEvent[] = [];
  for (const m of plan.ppms.rows()) {
    const date = m.get('meetingDate');
    if (typeof date.value === 'string' && date.value !== '') dated.push({ stage: '', date: date.value, alternatives: alternativesOf(date), id: m.id, part: 'ppms' });
  }
  dated.sort((a, b) => a.date.localeCompare(b.date) || a.id!.localeCompare(b.id!));
  const out: RecordedEvent[] = [];
  dated.forEach((e, i) => {
    const stage = i === 0 && first ? first : later;
    if (stage) out.push({ ...e, stage });
  });
  return out;
}

/** The stage events the introduction plan's date fields give, for stages recorded in `introduction`. */
function introductionEvents(plan: Plan, pathway: PathwayTemplate): RecordedEvent[] {
  const intro = plan.introduction;
  const has = new Set(intro.spec.fields.map((f) => f.id));
  const out: RecordedEvent[] = [];
  for (const s of pathway.stages) {
    if (s.recordedIn?.part !== 'introduction' || !has.has(s.recordedIn.field)) continue; // else read from the stage table
    const date = intro.get(s.recordedIn.field);
    if (typeof date.value === 'string' && date.value !== '') out.push({ stage: s.id, date: date.value, alternatives: alternativesOf(date), id: intro.id, part: 'introduction' });
  }
  return out;
}

/** Whether the plan has the part and date field a stage's `recordedIn` names. */
function holdsRecord(plan: Plan, r: RecordedIn | undefined): boolean {
  if (!r) return false;
  const [spec, field] = r.part === 'ppms' ? [plan.ppms.spec, 'meetingDate'] : [plan.introduction.spec, r.field];
  return spec.fields.some((f) => f.id === field && f.kind === 'date');
}

function alternativesOf(reading: { conflicts: readonly { value: unknown }[] }): string[] {
  return reading.conflicts.map((c) => c.value).filter((v): v is string => typeof v === 'string');
}
/** Evaluates a plan's timeline for `today` (YYYY-MM-DD); undefined when the plan names no known pathway. */
export function timelineOfPlan(
  plan: Plan,
  registry: TemplateRegistry,
  today: string,
  extra: { holidays?: HolidayCalendar; options?: TimelineOptions } = {},
): Timeline | undefined {
  const input = timelineInputOf(plan, registry, today, extra);
  return input ? evaluateTimeline(input) : undefined;
}

function stringOf(record: RecordView, field: string): string | undefined {
  const v = record.value(field);
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function factsOf(plan: Plan): Facts {
  const child = plan.child;
  const facts: Record<string, string | boolean | undefined> = {};
  for (const f of child.spec.fields) {
    if (f.kind === 'text') continue;
    const v = child.value(f.id);
    if (typeof v === 'string' || typeof v === 'boolean') facts[f.id] = v;
  }
  return facts;
}

function actionsOf(meeting: RecordView): ActionRecord[] {
  if (!meeting.spec.tables.some((t) => t.id === 'decisions')) return [];
  const table = meeting.table('decisions');
  const hasCompleted = table.spec.fields.some((f) => f.id === 'completedDate');
  return table.rows().map((r) => ({
    id: r.id,
    text: r.text('decision').toString(),
    responsible: stringOf(r, 'responsible'),
    targetDate: stringOf(r, 'targetDate'),
    completedDate: hasCompleted ? stringOf(r, 'completedDate') : undefined,
  }));
}

const INTRODUCTION_FIELDS = [
  'finalPlanCirculatedDate',
  'introductionsStartDate',
  'pauseAndPlanDate',
  'pauseAndPlanOutcome',
  'placementDate',
  'fosterCarerSupportContactDate',
  'fosterCarerVirtualContactDate',
  'firstVisitDate',
] as const;

function introductionOf(plan: Plan): IntroductionRecord {
  const intro = plan.introduction;
  const has = new Set(intro.spec.fields.map((f) => f.id));
  const out: Record<string, string | undefined> = {};
  for (const id of INTRODUCTION_FIELDS) if (has.has(id)) out[id] = stringOf(intro, id);
  if (intro.spec.tables.some((t) => t.id === 'days')) {
    const dates = intro
      .table('days')
      .rows()
      .map((r) => stringOf(r, 'date'))
      .filter((d): d is string => d !== undefined)
      .sort();
    out.firstIntroductionDay = dates[0];
  }
  return out;
}
