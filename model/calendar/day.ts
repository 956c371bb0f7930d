/**
 * Calendar dates as whole day numbers: the days since 1970-01-01 of a UK civil date. A day has
 * no time and no zone, so clock changes cannot move a date and arithmetic is exact.
 */

/** A calendar date as a whole number of days since 1970-01-01. */
export type Day = number;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date, by Howard Hinnant's days_from_civil;
 * no validation (`fromYmd` validates), exact for every integer year.
 */
export function daysFromCivil(y: number, m: number, d: number): Day {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The day of a year, month (1 to 12) and day of month; throws RangeError for a date that does not exist. */
export function fromYmd(year: number, month: number, dayOfMonth: number): Day {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(dayOfMonth) || month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > daysInMonth(year, month)) {
    throw new RangeError(`${year}-${month}-${dayOfMonth} is not a calendar date`);
  }
  return daysFromCivil(year, month, dayOfMonth);
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

/** The year, month (1 to 12) and day of month of a day (Howard Hinnant's civil_from_days). */
export function ymd(day: Day): { year: number; month: number; day: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d };
}

const PAD = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

/** Formats a day as YYYY-MM-DD (years 0 to 9999). */
export function formatDay(day: Day): string {
  const { year, month, day: d } = ymd(day);
  return `${String(year).padStart(4, '0')}-${PAD[month]}-${PAD[d]}`;
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

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether a year is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The number of days in a month (1 to 12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

/** Today's date on this machine's clock and time zone, YYYY-MM-DD: the calendar day of whoever is asking. */
export function localToday(now: Date = new Date()): string {
  return formatDay(fromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate()));
}
