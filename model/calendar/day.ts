/**
 * Calendar dates as whole day numbers: the days since 1970-01-01 of a UK civil date. A day has
 * no time and no zone, so clock changes cannot move a date and arithmetic is exact.
 */

/** A calendar date as a whole number of days since 1970-01-01. */
export type Day = number;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day of a year, month (1 to 12) and day of month; throws RangeError for a date that does not exist. */
export function fromYmd(year: number, month: number, dayOfMonth: number): Day {
  const ms = Date.UTC(year, month - 1, dayOfMonth);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== dayOfMonth) {
    throw new RangeError(`${year}-${month}-${dayOfMonth} is not a calendar date`);
  }
  return Math.round(ms / MS_PER_DAY);
}

/** Parses YYYY-MM-DD; throws RangeError for anything else or a date that does not exist (e.g. 2027-02-29). */
export function parseDay(iso: string): Day {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`"${iso}" is not a date in the form YYYY-MM-DD`);
  return fromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Parses YYYY-MM-DD, or returns undefined for anything else. */
export function tryParseDay(iso: unknown): Day | undefined {
  if (typeof iso !== 'string') return undefined;
  try {
    return parseDay(iso);
  } catch {
    return undefined;
  }
}

/** The year, month (1 to 12) and day of month of a day. */
export function ymd(day: Day): { year: number; month: number; day: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Formats a day as YYYY-MM-DD. */
export function formatDay(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The weekday: 0 Sunday, 1 Monday, ... 6 Saturday. */
export function weekday(day: Day): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Whether the day is a Saturday or a Sunday. */
export function isWeekend(day: Day): boolean {
  const w = weekday(day);
  return w === 0 || w === 6;
}

/** The UTC midnight `Date` of a day (for libraries that take a Date, such as rrule). */
export function dayToDate(day: Day): Date {
  return new Date(day * MS_PER_DAY);
}

/** The day of a `Date`, read in UTC (the inverse of `dayToDate`). */
export function dateToDay(date: Date): Day {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

/**
 * Adds calendar months. When the day of month does not exist in the target month, the result
 * is that month's last day: 31 January plus one month is 28 February (29 in a leap year), and
 * 29 February plus twelve months is 28 February.
 */
export function addMonths(day: Day, months: number): Day {
  const { year, month, day: dom } = ymd(day);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  const last = daysInMonth(y, m);
  return fromYmd(y, m, Math.min(dom, last));
}

/** The number of days in a month (1 to 12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
