/**
 * Reads a plan document into the timeline engine's inputs and evaluates it: the pathway the
 * child is on, the child's facts, the stages recorded, PPM meetings and their actions, and the
 * introduction plan's dates.
 *
 * PPM meeting records count as meetings held: each dated record is a repeat of the `ppm` stage,
 * and the earliest is the initial PPM when the pathway record does not name one.
 */
import type { HolidayCalendar } from '../calendar/bank-holidays.ts';
import type { Plan } from '../plan.ts';
import type { PlanPart } from '../plan-spec.ts';
import type { RecordView } from '../record-view.ts';
import type { TemplateRegistry } from '../template/registry.ts';
import type { PathwayTemplate } from '../template/pathway.ts';
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
  const stageIds = new Set(pathway.stages.map((s) => s.id));
  const events: RecordedEvent[] = [];
  for (const row of plan.stages.rows()) {
    const stage = stringOf(row, 'stage');
    const date = row.get('date');
    if (!stage || typeof date.value !== 'string') continue;
    const alternatives = date.conflicts.map((c) => c.value).filter((v): v is string => typeof v === 'string');
    events.push({ stage, date: date.value, alternatives, by: stringOf(row, 'recordedBy'), id: row.id });
  }
  const meetings: MeetingRecord[] = plan.ppms.rows().map((m) => ({
    id: m.id,
    date: stringOf(m, 'meetingDate'),
    actions: actionsOf(m),
  }));
  const dated = meetings.filter((m) => m.date !== undefined).sort((a, b) => a.date!.localeCompare(b.date!));
  const initialRecorded = events.some((e) => e.stage === 'initial-ppm');
  dated.forEach((m, i) => {
    const stage = i === 0 && !initialRecorded && stageIds.has('initial-ppm') ? 'initial-ppm' : 'ppm';
    if (stage === 'ppm' && events.some((e) => e.stage === 'initial-ppm' && e.date === m.date)) return;
    if (stageIds.has(stage)) events.push({ stage, date: m.date!, id: m.id });
  });
  return {
    pathway,
    today,
    facts: factsOf(plan),
    events,
    meetings,
    introduction: introductionOf(plan),
    holidays: extra.holidays,
    options: extra.options,
  };
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
