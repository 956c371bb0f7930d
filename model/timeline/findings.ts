/**
 * Findings and the overall rating. The source (003, section 10.4) has each case RAG rated at the
 * monthly tracker meeting "indicating progress and where attention is more pressing" without
 * fixing thresholds; these are ours, stated so a tracker meeting can check them:
 * - red: a stage or repeat (PPM, review, visit) past its limit (a maximum or a duty the source
 *   sets); a stage recorded before one that must precede it; an introduction check failed or overdue (the child's move is at stake);
 * - amber: a stage past its target but not its limit (the source aims for the date but allows
 *   more time, e.g. 003 Appendix 1: aim for 16 weeks, maximum 26), so the tracker meeting sees
 *   it and the action the policy then asks for (an exception report) is due; a stage, repeat or
 *   check due within the due-soon window; a repeat missed (the gap between two meetings held
 *   was longer than the interval, 003 8.3 "at least every 6 weeks"): not red, because a meeting
 *   has since been held and the plan is being reviewed again, but drift the tracker meeting must
 *   see; it stays amber until a later repeat is held on time (the series is back on its cycle),
 *   then it is information; a required prerequisite not recorded; a stage recorded earlier than a
 *   rule allows; two dates recorded for one stage; an overdue PPM action; the nth meeting of a
 *   series (the third PPM by week 14) past its target and not held (past a limit: red);
 * - green (information): a stage done late, or after its target but within its limit; the nth
 *   meeting of a series held after its target; a missed
 *   repeat once the series is back on its cycle; a stage recorded that this pathway does not have;
 *   a date typed into the stages table for a stage whose record is another part of the plan (a
 *   PPM, an introduction date): not counted, and said so, so the date typed is not lost silently.
 * The rating is the most severe finding; the reasons are the findings at that level.
 */
import { parseDay, type Day } from '../calendar/day.ts';
import { STAGE_OF_CHECK } from './introduction-checks.ts';
import { describeRRule } from './recurrence.ts';
import type { Finding, NextDue, OccurrenceResult, Rating, Timeline } from './types.ts';
import { days, formatSpan, ukDate } from '../words.ts';

export type FindingInputs = Pick<Timeline, 'stages' | 'occurrences' | 'heldDeadlines' | 'ordering' | 'introduction' | 'actions'> & {
  readonly unknownStages: readonly string[];
  /** Stage-table dates of stages recorded in another part of the plan, with where that is. */
  readonly notCounted?: readonly { readonly stage: string; readonly date: string; readonly part: 'ppms' | 'introduction' }[];
  readonly today: Day;
};

const ORDER: Record<Rating, number> = { red: 0, amber: 1, green: 2 };

/** Every finding, red first, then amber, then information; by date within each. */
export function findingsOf(i: FindingInputs): Finding[] {
  const out: Finding[] = [];
  const ago = (date: string): string => days(i.today - parseDay(date));
  const spokenFor = new Set(i.introduction.map((c) => STAGE_OF_CHECK[c.id]).filter((id): id is string => id !== undefined));
  for (const s of i.stages) {
    const base = { kind: 'stage' as const, subject: s.id, rule: s.rule.rule, source: s.rule.source };
    const because = s.requiredBecause ? ` It is required because: ${s.requiredBecause.rule}.` : '';
    const open = s.status === 'overdue' || s.status === 'due-soon' || s.status === 'not-yet-due';
    const pastTarget = s.target !== undefined && s.done === undefined && open && i.today > parseDay(s.target);
    if (s.recurring || spokenFor.has(s.id)) {
      // Repeats speak for a recurring stage (see the occurrences below), an introduction check
      // for the stage that records the same event.
    } else if (s.status === 'overdue' && s.dueKind === 'target') {
      out.push({ ...base, severity: 'amber', date: s.due, message: `${s.title} had a target of ${ukDate(s.due!)} and is not recorded (${ago(s.due!)} past the target).${because}` });
    } else if (s.status === 'overdue' && s.recordedIn === 'ppms') {
      out.push({ ...base, severity: 'red', date: s.due, message: `No PPM has been held: ${s.title} was due by ${ukDate(s.due!)} (${ago(s.due!)} overdue). A meeting held is recorded as a PPM record, with its date.` });
    } else if (s.status === 'overdue') {
      out.push({ ...base, severity: 'red', date: s.due, message: `${s.title} was due by ${ukDate(s.due!)} and is not recorded (${ago(s.due!)} overdue).${because}` });
    } else if (pastTarget) {
      const t = s.targetRule ?? s.rule;
      out.push({ ...base, rule: t.rule, source: t.source, severity: 'amber', date: s.target, message: `${s.title} is past its target of ${ukDate(s.target)} (${ago(s.target)}); the limit is ${ukDate(s.due!)}.` });
    } else if (s.status === 'due-soon') {
      out.push({ ...base, severity: 'amber', date: s.due, message: `${s.title} is due by ${ukDate(s.due!)}.${because}` });
    } else if (s.status === 'done-early') {
      out.push({ ...base, severity: 'amber', date: s.done, message: `${s.title} is recorded on ${ukDate(s.done!)}, before the earliest date allowed (${ukDate(s.notBefore!)}).` });
    } else if (s.status === 'done-late') {
      const what = s.dueKind === 'target' ? 'its target of' : 'its due date of';
      out.push({ ...base, severity: 'green', date: s.done, message: `${s.title} was done on ${ukDate(s.done!)}, after ${what} ${ukDate(s.due!)}.` });
    } else if (s.status === 'done-on-time' && s.target !== undefined && s.done !== undefined && s.done > s.target) {
      const t = s.targetRule ?? s.rule;
      out.push({ ...base, rule: t.rule, source: t.source, severity: 'green', date: s.done, message: `${s.title} was done on ${ukDate(s.done)}, after its target of ${ukDate(s.target)} but within the limit of ${ukDate(s.due!)}.` });
    }
    if (s.conflicts.length > 0) {
      const all = [...new Set([s.done, ...s.conflicts].filter((d): d is string => d !== undefined))].sort();
      out.push({
        kind: 'conflict',
        subject: s.id,
        severity: 'amber',
        date: s.done,
        message: `${s.title} has more than one date recorded (${all.map(ukDate).join(', ')}): agree which is right.`,
        source: s.rule.source,
      });
    }
  }
  const overdueSpoken = new Set<string>();
  // Each stage's repeats, so a finding looks only at its own series.
  const series = new Map<string, OccurrenceResult[]>();
  for (const o of i.occurrences) {
    let list = series.get(o.stage);
    if (!list) series.set(o.stage, (list = []));
    list.push(o);
  }
  for (const o of i.occurrences) {
    const own = series.get(o.stage)!;
    const base = { kind: 'occurrence' as const, subject: o.stage, rule: o.rule, source: o.source, date: o.due };
    if (o.status === 'overdue') {
      // One finding for a run of repeats not held: the first, saying how many have fallen due since.
      if (overdueSpoken.has(o.stage)) continue;
      overdueSpoken.add(o.stage);
      out.push({ ...base, severity: 'red', message: overdueMessage(o, own, ago) });
    } else if (o.status === 'missed') {
      const back = own.some((x) => x.index > o.index && x.status === 'done-on-time');
      out.push({ ...base, severity: back ? 'green' : 'amber', message: missedMessage(o) });
    }
    else if (o.status === 'due-soon' && !overdueSpoken.has(o.stage)) {
      // (After a run of repeats not held, the red finding speaks for the series.)
      const held = lastHeld(o, own);
      const first = o.index === 1;
      const since = held ? `the meeting of ${ukDate(held)}` : first && o.countsFrom ? ukDate(o.countsFrom) : undefined;
      out.push({ ...base, severity: 'amber', message: `${o.title} is next due by ${ukDate(o.due)} (at least ${describeRRule(o.rrule)}${since ? ` since ${since}` : ''}).` });
    }
  }
  for (const h of i.heldDeadlines ?? []) {
    const base = { kind: 'stage' as const, subject: h.stage, rule: h.rule, source: h.source, date: h.due };
    const title = h.title.charAt(0).toUpperCase() + h.title.slice(1);
    const what = h.kind === 'target' ? 'a target of' : 'to be held by';
    if (h.status === 'overdue') out.push({ ...base, severity: h.kind === 'target' ? 'amber' : 'red', message: `The ${h.title} had ${what} ${ukDate(h.due)} and has not been held (${ago(h.due)} past).` });
    else if (h.status === 'due-soon') out.push({ ...base, severity: 'amber', message: `The ${h.title} is due by ${ukDate(h.due)}${h.kind === 'target' ? ' (target)' : ''}.` });
    else if (h.status === 'done-late') out.push({ ...base, severity: 'green', date: h.done, message: `${title} was held on ${ukDate(h.done!)}, after its ${h.kind === 'target' ? 'target' : 'due date'} of ${ukDate(h.due)}.` });
  }
  for (const p of i.ordering) {
    out.push({
      kind: 'ordering',
      subject: p.stage,
      severity: p.kind === 'before-prerequisite' ? 'red' : 'amber',
      date: p.date,
      message: p.message,
      rule: p.rule,
      source: p.source,
    });
  }
  for (const c of i.introduction) {
    const severity: Rating | undefined =
      c.status === 'overdue' || c.status === 'done-late' ? 'red' : c.status === 'due-soon' ? 'amber' : undefined;
    if (severity) out.push({ kind: 'introduction', subject: c.id, severity, date: c.done ?? c.due, message: c.message, rule: c.rule, source: c.source });
  }
  for (const a of i.actions) {
    if (a.status !== 'overdue') continue;
    const who = a.responsible ? ` (${a.responsible})` : '';
    const from = a.meetingDate ? ` from the PPM of ${ukDate(a.meetingDate)}` : '';
    out.push({
      kind: 'action',
      subject: a.id,
      severity: 'amber',
      date: a.due,
      message: `Action${from}${who} was due by ${ukDate(a.due!)} and is not marked done: ${a.text}`,
    });
  }
  for (const id of i.unknownStages) {
    out.push({ kind: 'stage', subject: id, severity: 'green', message: `A stage "${id}" is recorded that this pathway does not have (perhaps from an earlier pathway).` });
  }
  for (const n of i.notCounted ?? []) {
    const s = i.stages.find((x) => x.id === n.stage);
    const title = s?.title ?? n.stage;
    const where = n.part === 'ppms' ? 'its record is the PPM record (add the meeting, with its date, to the PPMs)' : 'its record is the introduction plan (enter the date there)';
    out.push({
      kind: 'record',
      subject: n.stage,
      severity: 'green',
      date: n.date,
      message: `${title} is typed into the stages table on ${ukDate(n.date)}, which the timeline does not count: ${where}.`,
      rule: 'One event, one record: a meeting held is its PPM record, an introduction date is in the introduction plan.',
      source: s?.rule.source,
    });
  }
  return out.sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || (a.date ?? '9999').localeCompare(b.date ?? '9999'));
}

/** The latest date a repeat of `o`'s series (`own`, the repeats of its stage) before `o` was held, YYYY-MM-DD. */
function lastHeld(o: OccurrenceResult, own: readonly OccurrenceResult[]): string | undefined {
  let best: string | undefined;
  for (const x of own) if (x.index < o.index && x.done !== undefined && (best === undefined || x.done > best)) best = x.done;
  return best;
}

/**
 * An overdue repeat as a manager says it: "No Permanence Tracker Meeting has been held since the
 * series began on 5 January 2026: the first was due by 5 February 2026, at least every month (3
 * weeks overdue)." when none of the series has been
 * held, else "PPM was due by 12 May 2026: none has been held since the meeting of 31 March 2026
 * (3 weeks overdue; at least every 6 weeks)", with how many more have fallen due since.
 */
function overdueMessage(o: OccurrenceResult, own: readonly OccurrenceResult[], ago: (date: string) => string): string {
  const more = own.filter((x) => x.index > o.index && x.status === 'overdue').length;
  const also = more === 0 ? '' : ` ${more === 1 ? 'One more has' : `${more} more have`} fallen due since without one held.`;
  const held = lastHeld(o, own);
  if (held === undefined) {
    const since = o.countsFrom ? ` since the series began on ${ukDate(o.countsFrom)}` : '';
    return `No ${o.title} has been held${since}: the first was due by ${ukDate(o.due)}, at least ${describeRRule(o.rrule)} (${ago(o.due)} overdue).${also}`;
  }
  return `${o.title} was due by ${ukDate(o.due)}: none has been held since the meeting of ${ukDate(held)} (${ago(o.due)} overdue; at least ${describeRRule(o.rrule)}).${also}`;
}

/**
 * "PPM due 12 May 2026 was not held: 9 weeks between the meetings of 31 March 2026 and 2 June
 * 2026; at least every 6 weeks."
 */
function missedMessage(o: OccurrenceResult): string {
  const rule = `at least ${describeRRule(o.rrule)}`;
  if (o.heldBefore === undefined || o.heldAfter === undefined) return `${o.title} due by ${ukDate(o.due)} was not held (${rule}).`;
  const span = formatSpan(parseDay(o.heldAfter) - parseDay(o.heldBefore));
  return `${o.title} due ${ukDate(o.due)} was not held: ${span} between the meetings of ${ukDate(o.heldBefore)} and ${ukDate(o.heldAfter)}; ${rule}.`;
}

/** The overall rating and its reasons: the findings at the most severe level. */
export function ratingOf(findings: readonly Finding[]): { rating: Rating; reasons: string[] } {
  const red = findings.filter((f) => f.severity === 'red');
  if (red.length > 0) return { rating: 'red', reasons: red.map((f) => f.message) };
  const amber = findings.filter((f) => f.severity === 'amber');
  if (amber.length > 0) return { rating: 'amber', reasons: amber.map((f) => f.message) };
  return { rating: 'green', reasons: ['Nothing is overdue, due soon or out of order.'] };
}

/** The earliest outstanding due date (overdue items first, as they are earliest). */
export function nextDueOf(i: Pick<FindingInputs, 'stages' | 'occurrences' | 'heldDeadlines' | 'introduction' | 'actions'>): NextDue | undefined {
  let best: NextDue | undefined;
  const consider = (date: string | undefined, subject: string, title: string): void => {
    if (date !== undefined && (best === undefined || date < best.date)) best = { date, subject, title };
  };
  const open = (status: string): boolean => status === 'overdue' || status === 'due-soon' || status === 'not-yet-due';
  for (const s of i.stages) if (open(s.status) && !s.recurring) consider(s.due, s.id, s.title);
  for (const o of i.occurrences) if (open(o.status)) consider(o.due, o.stage, o.title);
  for (const h of i.heldDeadlines ?? []) if (open(h.status)) consider(h.due, h.stage, h.title.charAt(0).toUpperCase() + h.title.slice(1));
  for (const c of i.introduction) if (open(c.status)) consider(c.due, c.id, c.title);
  for (const a of i.actions) if (open(a.status)) consider(a.due, a.id, a.text);
  return best;
}
