/**
 * Holiday-free day arithmetic that the working-day methods of `HolidayCalendar`
 * (bank-holidays.ts) are built on: the year of a day and the first day of a year without making
 * a `Date`, and counting Mondays to Fridays without walking the days.
 *
 * Everything here is plain integer arithmetic on `Day` numbers, so it allocates nothing and is
 * safe to call once per step of a loop. The functions are exact for every integer day and year
 * (the proleptic Gregorian calendar, as `Date` uses).
 *
 * Working-day arithmetic itself (which also skips bank holidays) lives on `HolidayCalendar`:
 * `addWorkingDays`, `workingDaysBetween` and `isWorkingDay`.
 */
import { daysFromCivil, type Day } from './day.ts';

/** Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar. */
const EPOCH_SHIFT = 719_468;
/** Days in a 400-year Gregorian cycle. */
const DAYS_PER_ERA = 146_097;
/** 1970-01-05, the first Monday on or after day 0. */
const A_MONDAY: Day = 4;

/**
 * The calendar year of a day; equals `ymd(day).year` but makes no `Date` or object.
 * (Howard Hinnant's civil-from-days algorithm.)
 */
export function yearOf(day: Day): number {
  const z = day + EPOCH_SHIFT;
  const era = Math.floor(z / DAYS_PER_ERA);
  const doe = z - era * DAYS_PER_ERA; // day of era, 0 to 146096
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100)); // day of the March-based year
  const mp = Math.floor((5 * doy + 2) / 153); // 0 March ... 9 December, 10 January, 11 February
  return yoe + era * 400 + (mp >= 10 ? 1 : 0);
}

/** The day of 1 January of a year, for any integer year; `fromYmd(year, 1, 1)` without the validation. */
export function firstDayOfYear(year: number): Day {
  return daysFromCivil(year, 1, 1);
}

/**
 * A running count of Mondays to Fridays: `weekdaysThrough(b) - weekdaysThrough(a)` is the
 * number of Mondays to Fridays strictly after `a` up to and including `b` (for a <= b). The
 * value itself is relative to an arbitrary origin; only differences mean anything.
 */
export function weekdaysThrough(day: Day): number {
  const t = day - A_MONDAY;
  const weeks = Math.floor(t / 7);
  const r = t - weeks * 7; // 0 Monday ... 6 Sunday
  return weeks * 5 + (r < 5 ? r + 1 : 5);
}
