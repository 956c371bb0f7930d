/**
 * Stage due dates and statuses. A stage's due date comes from its deadlines, each counted from
 * the child's date of birth (`DATE_OF_BIRTH`) or another stage's date: the recorded date when there is one, otherwise that stage's own
 * projected due date (so "at least 3 working days before introductions start" has a date
 * before introductions are recorded).
 */
import type { HolidayCalendar, Region } from '../calendar/bank-holidays.ts';
import { formatDay, tryParseDay, type Day } from '../calendar/day.ts';
import { DATE_OF_BIRTH, type PathwayTemplate, type Stage } from '../template/pathway.ts';
import { holds } from './condition.ts';
import { shift } from './duration.ts';
import type { DeadlineResult, Facts, ItemStatus, RuleRef } from './types.ts';

/** Per stage: recorded dates, sorted, without repeats. */
export type RecordedDates = ReadonlyMap<string, readonly Day[]>;

/** What the engine knows about one stage before recurrences are expanded. */
export interface StageState {
  readonly stage: Stage;
  readonly applicable: boolean;
  /** An optional stage that the route has taken (see `isExpected`). */
  readonly expected: boolean;
  readonly due?: Day;
  /** Whether `due` is a limit or, for a stage with only targets, a target. */
  readonly dueKind: 'target' | 'limit';
  /** The earliest target, when it falls before the limit `due`. */
  readonly target?: Day;
  readonly targetRule?: RuleRef;
  /** Why an optional stage is required now (its `requiredWhen` holds). */
  readonly requiredBecause?: RuleRef;
  readonly notBefore?: Day;
  readonly first?: Day;
  readonly rule: RuleRef;
  readonly deadlines: readonly DeadlineResult[];
}

export interface StageContext {
  readonly pathway: PathwayTemplate;
  readonly facts: Facts;
  readonly recorded: RecordedDates;
  readonly region: Region;
  readonly holidays: HolidayCalendar;
  /** Today and the due-soon window, for `requiredWhen` ("predicted to go past"). */
  readonly today?: Day;
  readonly dueSoonDays?: number;
}

/**
 * Evaluates every stage's applicability, deadlines, due date and earliest allowed date.
 * Deadlines anchored on a stage that does not apply, or that has neither a recorded nor a
 * projected date, give no date.
 */
export function evaluateStages(c: StageContext): Map<string, StageState> {
  const byId = new Map(c.pathway.stages.map((s) => [s.id, s]));
  const applicable = new Map(c.pathway.stages.map((s) => [s.id, holds(s.condition, c.facts)]));
  const out = new Map<string, StageState>();
  const visiting = new Set<string>();

  const projected = (id: string): Day | undefined => {
    const first = c.recorded.get(id)?.[0];
    if (first !== undefined) return first;
    return visit(id)?.due;
  };

  const visit = (id: string): StageState | undefined => {
    const done = out.get(id);
    if (done) return done;
    const stage = byId.get(id);
    if (!stage || visiting.has(id)) return undefined;
    visiting.add(id);
    const deadlines: DeadlineResult[] = [];
    let due: Day | undefined;
    let target: Day | undefined;
    let targetRule: RuleRef | undefined;
    let notBefore: Day | undefined;
    let dueRule: RuleRef | undefined;
    let notBeforeRule: RuleRef | undefined;
    for (const d of stage.deadlines) {
      // A deadline for a later time the stage is held is evaluated by held-deadlines.ts.
      if (d.held !== undefined) continue;
      if (!holds(d.condition, c.facts) || applicable.get(d.relativeTo) === false) continue;
      if (d.unless !== undefined && c.recorded.has(d.unless)) continue;
      const anchorRecorded = d.relativeTo === DATE_OF_BIRTH ? birthDay(c.facts) : c.recorded.get(d.relativeTo)?.[0];
      const anchor = anchorRecorded ?? projected(d.relativeTo);
      const date = anchor === undefined ? undefined : shift(anchor, d.offset, d.direction, c.region, c.holidays);
      deadlines.push({
        rule: d.rule,
        source: d.source,
        bound: d.bound,
        kind: d.kind,
        anchor: d.relativeTo,
        anchorDate: anchor === undefined ? undefined : formatDay(anchor),
        projected: anchorRecorded === undefined && anchor !== undefined,
        date: date === undefined ? undefined : formatDay(date),
      });
      if (date === undefined) continue;
      if (d.bound === 'no-later-than' && d.kind === 'target') {
        if (target === undefined || date < target) {
          target = date;
          targetRule = d;
        }
      } else if (d.bound === 'no-later-than' && (due === undefined || date < due)) {
        due = date;
        dueRule = d;
      } else if (d.bound === 'no-earlier-than' && (notBefore === undefined || date > notBefore)) {
        notBefore = date;
        notBeforeRule = d;
      }
    }
    // A stage with only targets is due by its target; one with a limit is due by the limit and
    // shows its target beside it only when the target comes first.
    const dueKind = due === undefined && target !== undefined ? 'target' : 'limit';
    if (dueKind === 'target') {
      due = target;
      dueRule = targetRule;
    }
    if (target !== undefined && due !== undefined && target >= due) {
      target = undefined;
      targetRule = undefined;
    }
    const first = c.recorded.get(id)?.[0];
    const early = first !== undefined && notBefore !== undefined && first < notBefore;
    const ref = (r: RuleRef | undefined): RuleRef | undefined => (r ? { rule: r.rule, source: r.source } : undefined);
    const state: StageState = {
      stage,
      applicable: applicable.get(id) ?? true,
      expected: isExpected(stage, byId, c.recorded),
      due,
      dueKind,
      target,
      targetRule: ref(targetRule),
      notBefore,
      first,
      rule: (early ? ref(notBeforeRule) : ref(dueRule)) ?? ref(notBeforeRule) ?? { rule: stage.title, source: stage.source },
      deadlines,
    };
    visiting.delete(id);
    out.set(id, state);
    return state;
  };

  for (const s of c.pathway.stages) visit(s.id);
  for (const s of c.pathway.stages) {
    const state = out.get(s.id);
    if (!state || state.expected) continue;
    const when = s.requiredWhen.find((w) => {
      const other = out.get(w.stage);
      if (!other || !other.applicable) return false;
      return 'recorded' in w ? c.recorded.has(w.stage) : isPast(other, w.past, byId, c);
    });
    if (when) out.set(s.id, { ...state, expected: true, requiredBecause: { rule: when.rule, source: when.source } });
  }
  return out;
}

/**
 * Whether a stage has gone past, or is predicted to go past, its target (or limit): recorded
 * after that date; or not recorded and today is past it; or not recorded, the date within the
 * due-soon window and a stage it requires not yet recorded (work that must come first is still
 * outstanding). With nothing newly recorded this can only become true as today moves on.
 */
function isPast(s: StageState, past: 'target' | 'limit', byId: ReadonlyMap<string, Stage>, c: StageContext): boolean {
  const date = past === 'target' ? (s.target ?? (s.dueKind === 'target' ? s.due : undefined)) : s.dueKind === 'limit' ? s.due : undefined;
  if (date === undefined) return false;
  if (s.first !== undefined) return s.first > date;
  if (c.today === undefined) return false;
  if (c.today > date) return true;
  const outstanding = s.stage.requires.some((r) => !c.recorded.has(r) && byId.get(r)?.optional !== true);
  return outstanding && date - c.today <= (c.dueSoonDays ?? 14);
}

/** The child's date of birth (`dateOfBirth` of the child's details) as a day, when recorded and valid. */
function birthDay(facts: Facts): Day | undefined {
  return tryParseDay(facts.dateOfBirth);
}

/**
 * A required stage is always expected. An optional stage is expected once the route it belongs
 * to has been taken: every stage it requires is recorded and at least one of them is itself
 * optional (e.g. issuing proceedings within 10 working days once the decision to issue is made).
 * Otherwise an optional stage that has not happened is never overdue.
 */
function isExpected(stage: Stage, byId: ReadonlyMap<string, Stage>, recorded: RecordedDates): boolean {
  if (!stage.optional) return true;
  if (stage.requires.length === 0) return false;
  return stage.requires.every((r) => recorded.has(r)) && stage.requires.some((r) => byId.get(r)?.optional === true);
}

/** Status of an item by its dates and today. */
export function statusOf(
  item: { due?: Day; notBefore?: Day; done?: Day; applicable?: boolean; expected?: boolean },
  today: Day,
  dueSoonDays: number,
): ItemStatus {
  if (item.applicable === false) return 'not-applicable';
  if (item.done !== undefined) {
    if (item.notBefore !== undefined && item.done < item.notBefore) return 'done-early';
    if (item.due !== undefined && item.done > item.due) return 'done-late';
    return 'done-on-time';
  }
  if (item.expected === false) return 'optional';
  if (item.due === undefined) return 'not-yet-due';
  if (today > item.due) return 'overdue';
  if (item.due - today <= dueSoonDays) return 'due-soon';
  return 'not-yet-due';
}
