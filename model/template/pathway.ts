/**
 * Pathway templates: the stages of a route to permanence as data the timeline engine evaluates
 * (DESIGN decision 7). Each stage names what must come before it, its deadlines relative to
 * another stage, its recurrences as RRULE strings and the conditions under which it applies;
 * every rule names the source clause it encodes.
 */
import * as z from 'zod';
import { FieldId, Id, Source, TemplateBase } from './common.ts';
import { isValidRRule } from './rrule.ts';

/**
 * Units of a timescale as the source documents state them. Working days skip weekends and
 * the bank holidays of the plan's jurisdiction; `hours` is used for the 24- and 72-hour
 * checks after placement; `years` for ages counted from the child's date of birth (16th birthday).
 */
export const TimeUnit = z.enum(['hours', 'calendar-days', 'working-days', 'weeks', 'months', 'years']);
export type TimeUnit = z.infer<typeof TimeUnit>;

export const Duration = z.object({ amount: z.number().int().min(0), unit: TimeUnit }).strict();
export type Duration = z.infer<typeof Duration>;

/**
 * A condition on the child's facts (fields of the child's details, by field id), so that a
 * rule applies only, for example, when the child is in care proceedings or the plan is
 * multi-track.
 */
export type Condition =
  | { fact: string; equals: string | boolean }
  | { fact: string; in: string[] }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ fact: FieldId, equals: z.union([z.string(), z.boolean()]) }).strict(),
    z.object({ fact: FieldId, in: z.array(z.string()).min(1) }).strict(),
    z.object({ all: z.array(Condition).min(1) }).strict(),
    z.object({ any: z.array(Condition).min(1) }).strict(),
    z.object({ not: Condition }).strict(),
  ]),
);

/**
 * The anchor a deadline may count from that is not a stage: the child's date of birth (the
 * `dateOfBirth` field of the child's details), e.g. `{ relativeTo: "date-of-birth", offset:
 * { amount: 16, unit: "years" } }` for a step due at 16 (003 11.5, the 16-plus tracker). No stage
 * may take this id. Without a date of birth recorded the deadline gives no date.
 */
export const DATE_OF_BIRTH = 'date-of-birth';

/**
 * A deadline for a stage relative to another stage's date, or to the child's date of birth
 * (`DATE_OF_BIRTH`): due = date of `relativeTo` plus (`after`) or minus (`before`) `offset`.
 * `no-later-than` (the usual case: "within 10 working days of", "at least 3 working days
 * before") or `no-earlier-than` (a stage that must wait, e.g. a minimum period).
 */
export const Deadline = z
  .object({
    relativeTo: Id,
    direction: z.enum(['after', 'before']).default('after'),
    offset: Duration,
    bound: z.enum(['no-later-than', 'no-earlier-than']).default('no-later-than'),
    /**
     * `limit` (the default): a maximum the source sets; past it the stage is red. `target`: what
     * the source aims for ("we aim to complete within 16 weeks", a good-practice week); past it
     * the stage is amber and whatever the source asks for then (an exception report, a review)
     * becomes due, while the limit, if any, still turns it red. Only for no-later-than deadlines.
     */
    kind: z.enum(['target', 'limit']).default('limit'),
    /** The deadline no longer applies once this stage is recorded (26 weeks "unless an extension is agreed"). */
    unless: Id.optional(),
    /**
     * For a recurring stage: the deadline is for the nth time the stage is held (2 or more), not
     * the first, e.g. the third PPM by week 14 (003 Appendix 7) on the stage whose records are the
     * PPMs after the initial one, so `held: 2`. Without it a deadline is for the first time held.
     */
    held: z.number().int().min(2).max(50).optional(),
    condition: Condition.optional(),
    /** The rule in our words, e.g. "Initial PPM within 10 working days of the gateway decision". */
    rule: z.string().min(1),
    source: Source,
  })
  .strict();
export type Deadline = z.infer<typeof Deadline>;

/**
 * A stage that repeats, e.g. permanence planning meetings at least every 6 weeks. `rrule` is an
 * RFC 5545 RRULE value without DTSTART; the series starts at the date of stage `from` and
 * stops at the date of stage `until` when that is recorded.
 */
export const Recurrence = z
  .object({
    rrule: z.string().refine(isValidRRule, 'not a valid RRULE value, e.g. "FREQ=WEEKLY;INTERVAL=6"'),
    from: Id,
    until: Id.optional(),
    condition: Condition.optional(),
    rule: z.string().min(1),
    source: Source,
  })
  .strict();
export type Recurrence = z.infer<typeof Recurrence>;

/**
 * When an optional stage becomes required: another stage has gone past, or is predicted to go
 * past, its target or its limit (003 Appendix 1: "an exception report will be required for any
 * case predicted to go over the 16 weeks"), or another stage is recorded (an extension agreed).
 * Predicted: that stage is not recorded, its date is within the due-soon window and a stage it
 * requires is not recorded yet.
 */
export const RequiredWhen = z.union([
  z.object({ stage: Id, past: z.enum(['target', 'limit']), rule: z.string().min(1), source: Source }).strict(),
  z.object({ stage: Id, recorded: z.literal(true), rule: z.string().min(1), source: Source }).strict(),
]);
export type RequiredWhen = z.infer<typeof RequiredWhen>;

/**
 * Where a stage's date is recorded when another part of the plan holds the event (DESIGN decision
 * 8: one event, one record). `ppms`: the PPM records' meeting dates; `first` is the earliest dated
 * meeting (the initial PPM), `after-first` every later one (the repeats). `introduction`: a date
 * field of the introduction plan, by field id (the placement date, the pause and plan). A stage
 * without it is recorded in the pathway record's stage table. The timeline reads such a stage only
 * from its part; a date typed into the stage table for it does not count (it is reported).
 */
export const RecordedIn = z.union([
  z.object({ part: z.literal('ppms'), meetings: z.enum(['first', 'after-first']) }).strict(),
  z.object({ part: z.literal('introduction'), field: FieldId }).strict(),
]);
export type RecordedIn = z.infer<typeof RecordedIn>;

export const Stage = z
  .object({
    id: Id,
    title: z.string().min(1),
    description: z.string().min(1).optional(),
    /** The role that leads this stage, as named in the role matrix or the source. */
    owner: z.string().min(1).optional(),
    /** Stages that must be recorded before this one. */
    requires: z.array(Id).default([]),
    deadlines: z.array(Deadline).default([]),
    recurrence: z.array(Recurrence).default([]),
    /** The stage applies only when this holds; otherwise it is "not applicable". */
    condition: Condition.optional(),
    /** A stage that may not happen at all on this route (e.g. a further review if needed). */
    optional: z.boolean().default(false),
    /** Makes an optional stage required when any of these holds. */
    requiredWhen: z.array(RequiredWhen).default([]),
    /** The part of the plan that is this stage's record, when it is not the stage table. */
    recordedIn: RecordedIn.optional(),
    source: Source,
  })
  .strict();
export type Stage = z.infer<typeof Stage>;

export const PathwayTemplate = TemplateBase.extend({
  kind: z.literal('pathway'),
  /** Permanence options (ids in the contingency plan template) this pathway leads to. */
  options: z.array(Id).default([]),
  /** The stage whose date starts the clock, e.g. the child becoming looked after. */
  start: Id,
  stages: z.array(Stage).min(1),
})
  .strict()
  .superRefine((p, ctx) => {
    const ids = new Set<string>();
    for (const s of p.stages) {
      if (ids.has(s.id)) ctx.addIssue({ code: 'custom', message: `stage id "${s.id}" appears twice` });
      if (s.id === DATE_OF_BIRTH) ctx.addIssue({ code: 'custom', message: `"${DATE_OF_BIRTH}" is the child's date of birth, which deadlines count from; a stage cannot take that id` });
      ids.add(s.id);
    }
    const check = (ref: string, where: string): void => {
      if (!ids.has(ref)) ctx.addIssue({ code: 'custom', message: `${where} names unknown stage "${ref}"` });
    };
    check(p.start, 'start');
    for (const s of p.stages) {
      for (const r of s.requires) check(r, `stage "${s.id}" requires`);
      for (const d of s.deadlines) {
        if (d.relativeTo !== DATE_OF_BIRTH) check(d.relativeTo, `a deadline of stage "${s.id}"`);
        if (d.unless) check(d.unless, `a deadline of stage "${s.id}" (unless)`);
        if (d.kind === 'target' && d.bound === 'no-earlier-than') ctx.addIssue({ code: 'custom', message: `a no-earlier-than deadline of stage "${s.id}" cannot be a target` });
        if (d.held !== undefined && (s.recurrence.length === 0 || d.bound !== 'no-later-than')) ctx.addIssue({ code: 'custom', message: `a deadline of stage "${s.id}" names the time it is held (held: ${d.held}); only a no-later-than deadline of a recurring stage can` });
      }
      for (const w of s.requiredWhen) check(w.stage, `requiredWhen of stage "${s.id}"`);
      for (const r of s.recurrence) {
        check(r.from, `a recurrence of stage "${s.id}"`);
        if (r.until) check(r.until, `a recurrence of stage "${s.id}"`);
      }
    }
    const records = new Map<string, string>();
    for (const s of p.stages) {
      if (!s.recordedIn) continue;
      const key = s.recordedIn.part === 'ppms' ? `ppms ${s.recordedIn.meetings}` : `introduction.${s.recordedIn.field}`;
      const other = records.get(key);
      if (other) ctx.addIssue({ code: 'custom', message: `stages "${other}" and "${s.id}" are both recorded in ${key}: one record is one event` });
      records.set(key, s.id);
    }
    const cycle = findCycle(p.stages);
    if (cycle) ctx.addIssue({ code: 'custom', message: `stages require each other in a cycle: ${cycle.join(' -> ')}` });
  });
export type PathwayTemplate = z.infer<typeof PathwayTemplate>;

/** Returns a cycle in the `requires` graph, or undefined when the stages can be ordered. */
function findCycle(stages: readonly { id: string; requires: readonly string[] }[]): string[] | undefined {
  const byId = new Map(stages.map((s) => [s.id, s]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const r of byId.get(id)?.requires ?? []) {
      const found = visit(r);
      if (found) return found;
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const s of stages) {
    const found = visit(s.id);
    if (found) return found;
  }
  return undefined;
}
