/**
 * The dated items of a child's plan as calendar entries, from the timeline engine's inputs and
 * result: stages due and not yet done, stages recorded, PPM meetings, open PPM actions, open
 * introduction plan checks, and one repeating entry per recurring stage whose series is running.
 * Kept apart from the iCalendar text ({@link toICalendar}) so an HTTP feed or a JSON view can
 * share it.
 *
 * Every entry has a UID that depends only on the plan (child id, stage or check id, row id), so
 * importing a newer export of the same plan updates its events instead of adding copies.
 */
import { formatDay, parseDay, tryParseDay as tryDay, ymd } from '../../model/calendar/day.ts';
import type { Plan } from '../../model/plan.ts';
import type { Source } from '../../model/template/common.ts';
import type { Stage } from '../../model/template/pathway.ts';
import { evaluateTimeline } from '../../model/timeline/evaluate.ts';
import { describeRRule } from '../../model/timeline/recurrence.ts';
import type { ItemStatus, OccurrenceResult, StageResult, Timeline, TimelineInput } from '../../model/timeline/types.ts';
import { ukDate } from '../../model/words.ts';
import { citeSource } from '../../templates/index.ts';

export type EntryKind = 'due' | 'done' | 'meeting' | 'action' | 'check' | 'series';

/** One all-day calendar entry (the first of a series when `rrule` is set). */
export interface CalendarEntry {
  /** Stable for the same item of the same plan across exports. */
  readonly uid: string;
  readonly kind: EntryKind;
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly summary: string;
  /** Plain text; lines separated by "\n". */
  readonly description: string;
  /** For a series: the RRULE value, e.g. "FREQ=WEEKLY;INTERVAL=6;UNTIL=20270526". */
  readonly rrule?: string;
}

export interface PlanEntriesInput {
  readonly childId: string;
  /** What the timeline was evaluated from: the pathway, recorded stage dates, PPM meetings. */
  readonly input: TimelineInput;
  readonly timeline: Timeline;
}

/** Domain part of every UID. */
export const UID_DOMAIN = 'permanence-board';

const OPEN: ReadonlySet<ItemStatus> = new Set(['overdue', 'due-soon', 'not-yet-due']);
const STATUS_WORDS: Partial<Record<ItemStatus, string>> = { overdue: 'overdue', 'due-soon': 'due soon', 'not-yet-due': 'not yet due' };
const SUMMARY_TEXT = 80;

/** A child's plan as a calendar: what the HTTP feed and the admin `calendar` command publish. */
export interface PlanCalendar {
  /** The child's name, or `Child <id>` when none is recorded. */
  readonly name: string;
  /** None when the plan names no pathway the registry has. */
  readonly entries: CalendarEntry[];
  /** The calendar's name: `<name>: permanence plan`. */
  readonly title: string;
  /** What the calendar holds, as of which day. */
  readonly description: string;
}

/** The calendar of child `childId`'s plan from its timeline input (`timelineInputOf`; undefined when it names no pathway the server has). */
export function planCalendar(plan: Plan, childId: string, input: TimelineInput | undefined): PlanCalendar {
  const name = plan.childFacts().name ?? `Child ${childId}`;
  const title = `${name}: permanence plan`;
  if (!input) return { name, entries: [], title, description: `${name}'s plan names no pathway this server knows, so it has no dates yet.` };
  const timeline = evaluateTimeline(input);
  return {
    name,
    entries: planEntries({ childId, input, timeline }),
    title,
    description: `Permanence plan dates for ${name} (${timeline.pathwayTitle}), as of ${ukDate(timeline.today)}.`,
  };
}

/** Every entry of a plan's calendar, in a fixed order: series, due, checks, actions, meetings, done. */
export function planEntries({ childId, input, timeline }: PlanEntriesInput): CalendarEntry[] {
  const uid = (...parts: string[]): string => `${[childId, ...parts].map(encodeURIComponent).join('-')}@${UID_DOMAIN}`;
  const stagesById = new Map(input.pathway.stages.map((s) => [s.id, s]));
  const out: CalendarEntry[] = [];

  const running = new Set<string>();
  for (const stage of timeline.stages) {
    if (!stage.recurring) continue;
    const series = seriesOf(stage, timeline.occurrences, stagesById.get(stage.id), input);
    if (!series) continue;
    running.add(stage.id);
    out.push({ uid: uid(stage.id, 'series'), kind: 'series', ...series });
  }

  for (const s of timeline.stages) {
    if (running.has(s.id) || !OPEN.has(s.status) || s.due === undefined) continue;
    out.push({
      uid: uid(s.id, 'due'),
      kind: 'due',
      date: s.due,
      summary: `Due: ${s.title}`,
      description: lines(
        `${s.title}: due by ${ukDate(s.due)} (${STATUS_WORDS[s.status]}).`,
        s.owner && `Led by: ${s.owner}.`,
        ...ruleLines(s.rule.rule, s.rule.source),
      ),
    });
  }

  for (const c of timeline.introduction) {
    if (!OPEN.has(c.status) || c.due === undefined) continue;
    out.push({
      uid: uid('check', c.id, 'due'),
      kind: 'check',
      date: c.due,
      summary: `Due: ${c.title}`,
      description: lines(c.message, ...ruleLines(c.rule, c.source)),
    });
  }

  for (const a of timeline.actions) {
    if (a.due === undefined || a.done !== undefined) continue;
    out.push({
      uid: uid('action', a.id),
      kind: 'action',
      date: a.due,
      summary: `Action due: ${shorten(a.text)}`,
      description: lines(
        a.text,
        a.responsible && `Responsible: ${a.responsible}.`,
        `Target date ${ukDate(a.due)} (${STATUS_WORDS[a.status] ?? a.status}).`,
        a.meetingDate && `Agreed at the PPM of ${ukDate(a.meetingDate)}.`,
      ),
    });
  }

  const meetingIds = new Set<string>();
  for (const m of input.meetings ?? []) {
    meetingIds.add(m.id);
    if (m.date === undefined || tryDay(m.date) === undefined) continue;
    const n = m.actions.length;
    out.push({
      uid: uid('meeting', m.id),
      kind: 'meeting',
      date: m.date,
      summary: 'Permanence Planning Meeting (PPM)',
      description: lines(`PPM of ${ukDate(m.date)}: ${n === 0 ? 'no decisions or actions recorded' : `${n} ${n === 1 ? 'decision or action' : 'decisions and actions'} recorded`}.`),
    });
  }

  for (const e of input.events) {
    // Dates that come from PPM records are entered once, as the meeting.
    if ((e.id !== undefined && meetingIds.has(e.id)) || tryDay(e.date) === undefined) continue;
    const stage = stagesById.get(e.stage);
    const title = stage?.title ?? `Stage "${e.stage}" (not on the ${input.pathway.title} pathway)`;
    const others = (e.alternatives ?? []).filter((d) => d !== e.date);
    out.push({
      uid: uid(e.stage, 'done', e.id ?? e.date),
      kind: 'done',
      date: e.date,
      summary: title,
      description: lines(
        `${title}: recorded on ${ukDate(e.date)}${e.by ? ` by ${e.by}` : ''}.`,
        others.length > 0 && `Other dates recorded for it: ${others.join(', ')}; agree which is right.`,
        stage && `Source: ${sourceText(stage.source)}`,
      ),
    });
  }
  return out;
}

/**
 * The running series of a recurring stage: it starts at the earliest repeat not yet held (an
 * overdue one included) under the rule now in force, and ends the day before the stage that
 * stops it when that stage's date is recorded. Undefined when no repeat is outstanding.
 */
function seriesOf(
  stage: StageResult,
  occurrences: readonly OccurrenceResult[],
  template: Stage | undefined,
  input: TimelineInput,
): Omit<CalendarEntry, 'uid' | 'kind'> | undefined {
  const open = occurrences.filter((o) => o.stage === stage.id && OPEN.has(o.status));
  const last = open.at(-1);
  if (!last) return undefined;
  const first = open.find((o) => o.rrule === last.rrule)!;
  const recurrence = template?.recurrence.find((r) => r.rrule === last.rrule && r.rule === last.rule);
  const untilStage = recurrence?.until === undefined ? undefined : input.pathway.stages.find((s) => s.id === recurrence.until);
  const endDates = input.events.filter((e) => e.stage === recurrence?.until).map((e) => tryDay(e.date)).filter((d) => d !== undefined);
  const end = endDates.length > 0 ? Math.min(...endDates) : undefined;
  const every = describeRRule(last.rrule);
  let rrule = monthEndSafe(last.rrule, first.due);
  if (end !== undefined) rrule += `;UNTIL=${formatDay(end - 1).replaceAll('-', '')}`;
  const ends =
    untilStage === undefined
      ? undefined
      : end !== undefined
        ? `The series ends when ${untilStage.title} happens, recorded for ${ukDate(end)}.`
        : `The series ends when ${untilStage.title} is recorded.`;
  return {
    date: first.due,
    summary: `Due: ${stage.title}${stage.title.toLowerCase().includes(every) ? '' : ` (${every})`}`,
    description: lines(
      `${stage.title}: next due by ${ukDate(first.due)} (${STATUS_WORDS[first.status]}), then ${every}.`,
      'Each one is due an interval after the one before is held: when one is late, the later dates move; export the calendar again to update them.',
      ends,
      stage.owner && `Led by: ${stage.owner}.`,
      ...ruleLines(last.rule, last.source),
    ),
    rrule,
  };
}

/**
 * A monthly or yearly rule starting on the 29th to 31st repeats on the last day of shorter
 * months, as the engine counts "monthly" (model/timeline/recurrence.ts); plain RFC 5545 would
 * skip those months, hiding a due meeting.
 */
function monthEndSafe(rrule: string, start: string): string {
  const parts = rrule.toUpperCase().split(';');
  const freq = parts.find((p) => p.startsWith('FREQ='))?.slice(5);
  const plain = !parts.some((p) => p.startsWith('BY'));
  const { month, day } = ymd(parseDay(start));
  if (!plain || day <= 28 || (freq !== 'MONTHLY' && freq !== 'YEARLY')) return rrule;
  return `${rrule}${freq === 'YEARLY' ? `;BYMONTH=${month}` : ''};BYMONTHDAY=${day},-1;BYSETPOS=1`;
}

function ruleLines(rule: string, source: Source): string[] {
  return [`Rule: ${rule.replace(/\.$/, '')}.`, `Source: ${sourceText(source)}`];
}

/** The source as people cite it, e.g. "Warrington, Securing Permanence policy, 8.3". */
function sourceText(source: Source): string {
  return citeSource(source);
}

function lines(...parts: (string | false | undefined | null | 0)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n');
}

function shorten(text: string): string {
  const first = text.split(/\r?\n/, 1)[0]!.trim() || '(no text)';
  return first.length <= SUMMARY_TEXT ? first : `${first.slice(0, SUMMARY_TEXT - 1).trimEnd()}…`;
}

