/**
 * The time axis of the timeline view: the days it spans and where a date sits on it, as a
 * percentage of its width, with month ticks. Pure functions of dates, so the scale is tested
 * without a DOM and every row of the view shares one scale.
 */
import { addMonths, formatDay, fromYmd, tryParseDay, ymd, type Day } from '../../../model/calendar/day.ts';

/** A labelled tick on the axis, at the first day of a month. */
export interface AxisTick {
  /** YYYY-MM-DD, always the first of a month. */
  readonly date: string;
  /** The month, e.g. "Sep". */
  readonly label: string;
  /** The year, e.g. "2027", on the first tick and on each January; else undefined. */
  readonly year?: string;
  /** Percentage of the axis width, 0 to 100. */
  readonly position: number;
}

/** One scale from `start` to `end` (YYYY-MM-DD, inclusive of both). */
export interface TimeAxis {
  readonly start: string;
  readonly end: string;
  readonly ticks: readonly AxisTick[];
  /** Where a YYYY-MM-DD date sits, 0 to 100 (clamped); undefined for anything else. */
  position(date: string | undefined): number | undefined;
  /** Whether a date falls before the axis starts or after it ends; undefined when on it or not a date. */
  outside(date: string | undefined): 'before' | 'after' | undefined;
}

/** How the axis is padded around the dates it must show. */
export interface AxisOptions {
  /** Days before the earliest date. Default 7. */
  readonly before?: number;
  /** Days after the latest date: "a few weeks past". Default 28. */
  readonly after?: number;
  /** Show only this span (YYYY-MM-DD, both inclusive) whatever the dates; dates outside it are `outside`. */
  readonly window?: { readonly from: string; readonly to: string };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The axis that shows every given date (bad or missing dates are skipped) and `today`, padded
 * on both sides, or exactly `options.window` when given. Ticks fall on the first of each month,
 * or every second, third or sixth month when the span is long, so labels do not crowd.
 */
export function timeAxis(dates: Iterable<string | undefined>, today: string, options: AxisOptions = {}): TimeAxis {
  const days: Day[] = [];
  for (const d of [today, ...dates]) {
    const day = tryParseDay(d);
    if (day !== undefined) days.push(day);
  }
  const fallback = fromYmd(1970, 1, 1);
  const from = tryParseDay(options.window?.from);
  const to = tryParseDay(options.window?.to);
  const start = from ?? (days.length > 0 ? Math.min(...days) : fallback) - (options.before ?? 7);
  const end = Math.max(to ?? (days.length > 0 ? Math.max(...days) : fallback) + (options.after ?? 28), start + 1);
  const position = (day: Day): number => Math.min(100, Math.max(0, ((day - start) / (end - start)) * 100));
  return {
    start: formatDay(start),
    end: formatDay(end),
    ticks: monthTicks(start, end, position),
    position: (date) => {
      const day = tryParseDay(date);
      return day === undefined ? undefined : position(day);
    },
    outside: (date) => {
      const day = tryParseDay(date);
      return day === undefined ? undefined : day < start ? 'before' : day > end ? 'after' : undefined;
    },
  };
}

function monthTicks(start: Day, end: Day, position: (day: Day) => number): AxisTick[] {
  const months = (end - start) / 30.4;
  const step = months > 30 ? 6 : months > 15 ? 3 : months > 10 ? 2 : 1;
  const { year, month } = ymd(start);
  let tick = addMonths(fromYmd(year, month, 1), 1);
  while ((ymd(tick).month - 1) % step !== 0) tick = addMonths(tick, 1);
  const ticks: AxisTick[] = [];
  for (; tick <= end; tick = addMonths(tick, step)) {
    const { year: y, month: m } = ymd(tick);
    const year = m === 1 || ticks.length === 0 ? String(y) : undefined;
    ticks.push({ date: formatDay(tick), label: MONTHS[m - 1] ?? '', ...(year ? { year } : {}), position: position(tick) });
  }
  return ticks;
}
