/**
 * The next repeat of a recurrence after a date, computed with rrule. A monthly or yearly rule
 * that starts on a day some months lack (the 29th to 31st) repeats on the last day of a shorter
 * month, as practitioners count "monthly": a PPM on 31 January is next due on 28 February (29
 * in a leap year), not on 31 March as plain RFC 5545 would have it.
 */
import { dateToDay, dayToDate, ymd, type Day } from '../calendar/day.ts';
import { RRule } from '../template/rrule.ts';

type Options = ReturnType<typeof RRule.parseString>;

const parsed = new Map<string, Options>();
const memo = new Map<string, Day | null>();
const MEMO_LIMIT = 200_000;

function optionsOf(rrule: string): Options {
  let options = parsed.get(rrule);
  if (!options) {
    options = RRule.parseString(rrule);
    parsed.set(rrule, options);
  }
  return options;
}

const BY_PARTS = ['bymonth', 'bymonthday', 'byyearday', 'byweekno', 'byweekday', 'byhour', 'byminute', 'bysecond', 'bysetpos', 'byeaster'] as const;

/**
 * The first repeat strictly after `from`, for a series whose previous occurrence was `from`;
 * null when the rule has no further repeat (COUNT or UNTIL reached).
 */
export function nextAfter(rrule: string, from: Day): Day | null {
  const key = `${rrule}|${from}`;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const options: Options = { ...optionsOf(rrule) };
  const plain = BY_PARTS.every((p) => options[p] === undefined || options[p] === null);
  const { month, day } = ymd(from);
  if (plain && day > 28 && (options.freq === RRule.MONTHLY || options.freq === RRule.YEARLY)) {
    options.bymonthday = [day, -1];
    options.bysetpos = [1];
    if (options.freq === RRule.YEARLY) options.bymonth = [month];
  }
  const start = dayToDate(from);
  const next = new RRule({ ...options, dtstart: start }).after(start, false);
  const result = next ? dateToDay(next) : null;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, result);
  return result;
}

/** A recurrence in words for the common cases, e.g. "every 6 weeks", "monthly"; else the RRULE. */
export function describeRRule(rrule: string): string {
  const o = optionsOf(rrule);
  const n = o.interval ?? 1;
  const names: Record<number, [string, string]> = {
    [RRule.DAILY]: ['daily', 'days'],
    [RRule.WEEKLY]: ['weekly', 'weeks'],
    [RRule.MONTHLY]: ['monthly', 'months'],
    [RRule.YEARLY]: ['yearly', 'years'],
  };
  const name = o.freq === undefined ? undefined : names[o.freq];
  const plain = BY_PARTS.every((p) => o[p] === undefined || o[p] === null);
  if (!name || !plain) return rrule;
  return n === 1 ? name[0] : `every ${n} ${name[1]}`;
}
