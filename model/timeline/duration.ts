/**
 * Applies a timescale to a date: calendar days, weeks, calendar months, years (12 calendar months: a birthday), working days (skipping
 * weekends and the region's bank holidays) or hours. Plans record dates, not times, so an
 * hours timescale counts whole days: "within 24 hours of placement" is due by the end of the
 * next day, "within 72 hours" by the end of the third day. Dates carry no time of day, so a
 * change of clocks never moves a due date.
 */
import type { HolidayCalendar, Region } from '../calendar/bank-holidays.ts';
import { addMonths, type Day } from '../calendar/day.ts';
import type { Duration } from '../template/pathway.ts';

/** `day` moved by `duration`, forwards (`after`) or backwards (`before`). */
export function shift(day: Day, duration: Duration, direction: 'after' | 'before', region: Region, holidays: HolidayCalendar): Day {
  const sign = direction === 'after' ? 1 : -1;
  const n = duration.amount;
  switch (duration.unit) {
    case 'calendar-days':
      return day + sign * n;
    case 'weeks':
      return day + sign * 7 * n;
    case 'months':
      return addMonths(day, sign * n);
    case 'years':
      return addMonths(day, sign * 12 * n);
    case 'hours':
      return day + sign * Math.ceil(n / 24);
    case 'working-days':
      return holidays.addWorkingDays(region, day, sign * n);
  }
}
