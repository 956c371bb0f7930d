/**
 * The timeline engine's inputs and results. The engine is a pure function of these inputs: the
 * pathway template, what the plan records, today's date and the bank-holiday calendar, so the
 * same inputs always give the same findings.
 */
import type { HolidayCalendar, Region } from '../calendar/bank-holidays.ts';
import type { Source } from '../template/common.ts';
import type { PathwayTemplate } from '../template/pathway.ts';

/** A value of the child's details a condition can test (field id to value). */
export type Facts = Readonly<Record<string, string | boolean | null | undefined>>;

/** That a stage happened on a date, as recorded in the pathway record or a PPM record. */
export interface RecordedEvent {
  /** Stage id of the pathway. */
  readonly stage: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  /** Other dates recorded for this same entry by concurrent offline edits (a conflict). */
  readonly alternatives?: readonly string[];
  /** Who recorded it. */
  readonly by?: string;
  /** Row id in the plan, when the event comes from one. */
  readonly id?: string;
  /**
   * The part of the plan that records it when not the stage table (`recordedIn`): there a date
   * after today is planned (a meeting booked, a placement day set), so it counts once it comes.
   */
  readonly part?: 'ppms' | 'introduction';
}

/** One decision or action of a PPM record. */
export interface ActionRecord {
  readonly id: string;
  readonly text: string;
  readonly responsible?: string;
  /** YYYY-MM-DD. */
  readonly targetDate?: string;
  /** YYYY-MM-DD, when the action was done. */
  readonly completedDate?: string;
}

/** One PPM meeting record: its date and its decisions and actions. */
export interface MeetingRecord {
  readonly id: string;
  /** YYYY-MM-DD; a meeting without a date is not yet held. */
  readonly date?: string;
  readonly actions: readonly ActionRecord[];
}

/** The dates of the introduction plan (001) that its checks need; all YYYY-MM-DD. */
export interface IntroductionRecord {
  readonly finalPlanCirculatedDate?: string;
  readonly introductionsStartDate?: string;
  /** The earliest date in the day-by-day introductions table, if any. */
  readonly firstIntroductionDay?: string;
  readonly pauseAndPlanDate?: string;
  readonly pauseAndPlanOutcome?: string;
  readonly placementDate?: string;
  readonly fosterCarerSupportContactDate?: string;
  readonly fosterCarerVirtualContactDate?: string;
  readonly firstVisitDate?: string;
}

/** Tuning that is policy rather than data. */
export interface TimelineOptions {
  /** An item not done is "due soon" within this many calendar days of its due date. Default 14. */
  readonly dueSoonDays?: number;
  /** How far past today recurrences are expanded, in calendar days. Default 190. */
  readonly horizonDays?: number;
}

export interface TimelineInput {
  readonly pathway: PathwayTemplate;
  /** Today, YYYY-MM-DD: an input, never read from a clock, so the result is deterministic. */
  readonly today: string;
  readonly facts: Facts;
  readonly events: readonly RecordedEvent[];
  /**
   * Dates typed into the stage table for stages whose record is another part of the plan
   * (`recordedIn`): reported as information, never counted (one event, one record).
   */
  readonly notCounted?: readonly RecordedEvent[];
  readonly meetings?: readonly MeetingRecord[];
  readonly introduction?: IntroductionRecord;
  /** Bank holidays; defaults to the built-in calendar. */
  readonly holidays?: HolidayCalendar;
  readonly options?: TimelineOptions;
}

/**
 * Where an item stands today.
 * - `done-on-time`, `done-late`: recorded, by or after its due date.
 * - `done-early`: recorded before the earliest date a rule allows (e.g. an adoption application
 *   before the child has lived with the adopters for 10 weeks).
 * - `due-soon`, `overdue`, `not-yet-due`: not recorded; by today and the due date.
 * - `missed`: a repeat of a recurring stage that did not happen although a later one did.
 * - `not-applicable`: the plan's conditions rule the stage out (e.g. not in care proceedings).
 * - `optional`: a stage that may not happen at all on this route and has not happened.
 */
export type ItemStatus =
  | 'done-on-time'
  | 'done-late'
  | 'done-early'
  | 'due-soon'
  | 'overdue'
  | 'not-yet-due'
  | 'missed'
  | 'not-applicable'
  | 'optional';

/** The rule behind a date or a finding, and the source clause it comes from. */
export interface RuleRef {
  readonly rule: string;
  readonly source: Source;
}

/** One deadline of a stage, resolved against the plan's dates. */
export interface DeadlineResult extends RuleRef {
  readonly bound: 'no-later-than' | 'no-earlier-than';
  /** A target (amber when passed) or a limit (red when passed). */
  readonly kind: 'target' | 'limit';
  /** The stage it counts from. */
  readonly anchor: string;
  /** The anchor's date (recorded, or projected from its own due date), YYYY-MM-DD. */
  readonly anchorDate?: string;
  /** The anchor's date is its projected due date, not a recorded one. */
  readonly projected: boolean;
  /** The date this deadline gives, YYYY-MM-DD; undefined while the anchor has no date. */
  readonly date?: string;
}

export interface StageResult {
  readonly id: string;
  readonly title: string;
  readonly owner?: string;
  readonly optional: boolean;
  readonly recurring: boolean;
  readonly status: ItemStatus;
  /**
   * The latest date the stage is due: the earliest applicable no-later-than limit, or when the
   * stage has only targets, the earliest target (then `dueKind` is `target`).
   */
  readonly due?: string;
  /** Whether `due` is a limit (red when passed) or a target (amber when passed). */
  readonly dueKind?: 'target' | 'limit';
  /** The earliest target, when it falls before a limit `due` (e.g. 16 weeks, maximum 26). */
  readonly target?: string;
  /** The rule that sets `target`. */
  readonly targetRule?: RuleRef;
  /** Why an optional stage is now required (its `requiredWhen` holds), e.g. the exception report. */
  readonly requiredBecause?: RuleRef;
  /** The part of the plan that is the stage's record, when not the stages table (`recordedIn`). */
  readonly recordedIn?: 'ppms' | 'introduction';
  /** The earliest date rules allow (the latest applicable no-earlier-than deadline). */
  readonly notBefore?: string;
  /** The date the stage was recorded (for a recurring stage, the latest time it was held). */
  readonly done?: string;
  /** Other dates recorded for the stage: a second entry or a concurrent edit. */
  readonly conflicts: readonly string[];
  /** The rule that sets `due` (or `notBefore` when done too early), else the stage's own source. */
  readonly rule: RuleRef;
  readonly deadlines: readonly DeadlineResult[];
}

/** One expected repeat of a recurring stage (e.g. the third PPM after the initial PPM). */
export interface OccurrenceResult extends RuleRef {
  readonly stage: string;
  readonly title: string;
  /** 1 for the first repeat after the series starts. */
  readonly index: number;
  readonly due: string;
  readonly done?: string;
  readonly status: ItemStatus;
  /** The RRULE value in force, e.g. "FREQ=WEEKLY;INTERVAL=6". */
  readonly rrule: string;
  /**
   * For a repeat not held (overdue, due soon, not yet due): the date its interval counts from,
   * the last meeting held, or the series' start when none has been held, YYYY-MM-DD.
   */
  readonly countsFrom?: string;
  /** For a `missed` repeat: the meetings held before and after the gap, YYYY-MM-DD. */
  readonly heldBefore?: string;
  readonly heldAfter?: string;
}

/**
 * A deadline for a later time a recurring stage is held (`held` in the pathway): the third PPM
 * by week 14 (003 Appendix 7) beside the 6-weekly cycle of 8.3.
 */
export interface HeldDeadlineResult extends RuleRef {
  readonly stage: string;
  /** "third Permanence Planning Meeting (PPM)": which meeting, counted as a person counts them. */
  readonly title: string;
  /** The time the stage is held that the deadline is for (2 = the second record of the stage). */
  readonly held: number;
  readonly kind: 'target' | 'limit';
  /** YYYY-MM-DD. */
  readonly due: string;
  /** The date of that meeting, when held, YYYY-MM-DD. */
  readonly done?: string;
  readonly status: ItemStatus;
}

export interface OrderingProblem extends RuleRef {
  readonly kind: 'before-prerequisite' | 'prerequisite-missing';
  readonly stage: string;
  readonly requires: string;
  readonly date: string;
  readonly requiredDate?: string;
  readonly message: string;
}

export type IntroductionCheckId =
  | 'final-plan-circulated'
  | 'placement-after-pause-and-plan'
  | 'foster-carer-support-contact'
  | 'foster-carer-virtual-contact'
  | 'first-visit';

/** One check of the introduction plan against the transitions standards of 001. */
export interface IntroductionCheck extends RuleRef {
  readonly id: IntroductionCheckId;
  readonly title: string;
  readonly status: ItemStatus;
  readonly due?: string;
  readonly done?: string;
  readonly message: string;
}

/** A PPM decision or action as a dated item. */
export interface ActionItem {
  readonly meetingId: string;
  readonly meetingDate?: string;
  readonly id: string;
  readonly text: string;
  readonly responsible?: string;
  readonly due?: string;
  readonly done?: string;
  readonly status: ItemStatus;
}

export type Rating = 'red' | 'amber' | 'green';

/** Something a practitioner should look at, in words they use, with the rule behind it. */
export interface Finding {
  readonly severity: Rating;
  readonly kind: 'stage' | 'occurrence' | 'ordering' | 'introduction' | 'action' | 'conflict' | 'record';
  /** The stage, check or action id it is about. */
  readonly subject: string;
  /** The date it turns on (a due date, or the recorded date), YYYY-MM-DD. */
  readonly date?: string;
  readonly message: string;
  readonly rule?: string;
  readonly source?: Source;
}

/** The next thing due, for the caseload list. */
export interface NextDue {
  readonly date: string;
  readonly subject: string;
  readonly title: string;
}

export interface Timeline {
  readonly pathwayId: string;
  readonly pathwayTitle: string;
  readonly today: string;
  /** Whose bank holidays count as non-working days. */
  readonly region: Region;
  /** The date of the pathway's start stage, when recorded. */
  readonly start?: string;
  readonly stages: readonly StageResult[];
  readonly occurrences: readonly OccurrenceResult[];
  /** Deadlines for a later time a recurring stage is held (the third PPM by week 14). */
  readonly heldDeadlines?: readonly HeldDeadlineResult[];
  readonly ordering: readonly OrderingProblem[];
  readonly introduction: readonly IntroductionCheck[];
  readonly actions: readonly ActionItem[];
  /** Red findings first, then amber, then green (information); by date within each. */
  readonly findings: readonly Finding[];
  /** The overall rating, as the monthly tracker meeting uses it, with the reasons. */
  readonly rating: Rating;
  readonly reasons: readonly string[];
  readonly nextDue?: NextDue;
}
