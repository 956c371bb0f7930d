/**
 * Expands a recurring stage (PPMs at least every 6 weeks, monthly tracker meetings, statutory
 * visits, reviews) into dated repeats and matches them with what was held. Each repeat is due
 * one interval after the previous one was held (or was due, when it was missed), so "at least
 * every 6 weeks" means what practitioners mean: a late meeting restarts the clock. A repeat
 * with nothing held by its due date is overdue. When the gap between two meetings held is
 * longer than the interval, each repeat due in the gap is missed (a PPM due 12 May was not held
 * between the meetings of 31 March and 2 June) and the meeting held after the gap is late. A series runs from the date of its `from` stage until the date of its `until` stage;
 * when a stage has several recurrences (weekly visits until the first review, then 6-weekly),
 * the one whose window holds the previous repeat is in force.
 */
import { formatDay, type Day } from '../calendar/day.ts';
import type { Stage } from '../template/pathway.ts';
import { holds } from './condition.ts';
import { nextAfter } from './recurrence.ts';
import type { RecordedDates } from './stages.ts';
import { statusOf } from './stages.ts';
import type { Facts, OccurrenceResult } from './types.ts';

interface Window {
  readonly rrule: string;
  readonly start: Day;
  readonly end: Day;
  readonly rule: string;
  readonly source: Stage['source'];
}

/** Upper bound on repeats per stage, whatever the dates, so bad data cannot spin. */
const MAX_REPEATS = 1000;

/** The repeats of one stage, oldest first; empty when no recurrence applies or none has started. */
export function expandOccurrences(
  stage: Stage,
  facts: Facts,
  recorded: RecordedDates,
  today: Day,
  dueSoonDays: number,
): OccurrenceResult[] {
  const windows: Window[] = [];
  for (const r of stage.recurrence) {
    if (!holds(r.condition, facts)) continue;
    const start = recorded.get(r.from)?.[0];
    if (start === undefined) continue;
    const until = r.until === undefined ? undefined : recorded.get(r.until)?.[0];
    windows.push({ rrule: r.rrule, start, end: until ?? Number.POSITIVE_INFINITY, rule: r.rule, source: r.source });
  }
  if (windows.length === 0) return [];
  windows.sort((a, b) => a.start - b.start);

  const held = (recorded.get(stage.id) ?? []).slice();
  const out: OccurrenceResult[] = [];
  let prev = windows[0]!.start;
  let h = 0;
  const push = (w: Window, due: Day, done: Day | undefined, status: OccurrenceResult['status'], gap?: { heldBefore: Day; heldAfter: Day }, from?: Day): void => {
    out.push({
      ...(gap ? { heldBefore: formatDay(gap.heldBefore), heldAfter: formatDay(gap.heldAfter) } : {}),
      ...(from === undefined ? {} : { countsFrom: formatDay(from) }),
      stage: stage.id,
      title: stage.title,
      index: out.length + 1,
      due: formatDay(due),
      done: done === undefined ? undefined : formatDay(done),
      status,
      rrule: w.rrule,
      rule: w.rule,
      source: w.source,
    });
  };
  const windowAt = (d: Day): Window | undefined => {
    let found: Window | undefined;
    for (const w of windows) if (w.start <= d && d < w.end) found = w;
    return found;
  };
  const windowAfter = (d: Day): Window | undefined => windows.find((w) => w.start > d);

  for (let guard = 0; guard < MAX_REPEATS; guard++) {
    while (h < held.length && held[h]! <= prev) h++;
    const w = windowAt(prev);
    if (!w) {
      const next = windowAfter(prev);
      if (!next) break;
      prev = next.start;
      continue;
    }
    const due = nextAfter(w.rrule, prev);
    if (due === null) break;
    if (due >= w.end) {
      const next = windowAfter(prev);
      if (!next) break;
      prev = next.start;
      continue;
    }
    const heldNext = held[h];
    if (heldNext !== undefined && heldNext <= due) {
      push(w, due, heldNext, 'done-on-time');
      prev = heldNext;
      continue;
    }
    if (heldNext !== undefined) {
      // The gap to the next meeting held is longer than the interval: every repeat due before
      // it is missed, and the meeting held is late (against the last repeat missed).
      const before = prev;
      let missedDue = due;
      for (;;) {
        push(w, missedDue, undefined, 'missed', { heldBefore: before, heldAfter: heldNext });
        const following = nextAfter(w.rrule, missedDue);
        if (following === null || following >= heldNext || following >= w.end || out.length >= MAX_REPEATS) break;
        missedDue = following;
      }
      push(w, missedDue, heldNext, 'done-late');
      prev = heldNext;
      continue;
    }
    push(w, due, undefined, statusOf({ due }, today, dueSoonDays), undefined, prev);
    if (due >= today) break;
    prev = due;
  }
  return out;
}
