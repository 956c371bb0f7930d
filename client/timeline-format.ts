/**
 * How the timeline view writes dates and spans of time: short British dates ("3 Nov 2026") as
 * people read them in a meeting, spans in days or weeks, and today's local date as the
 * YYYY-MM-DD the timeline engine takes.
 */
import { dayToDate, tryParseDay } from '../model/calendar/day.ts';
import { days as dayCount } from '../model/timeline/uk-date.ts';

const shortDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A YYYY-MM-DD date as "3 Nov 2026"; anything that is not such a date is returned as it is. */
export function formatShortDate(iso: string): string {
  const day = tryParseDay(iso);
  return day === undefined ? iso : shortDate.format(dayToDate(day));
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier); undefined for a bad date. */
export function daysBetween(from: string, to: string): number | undefined {
  const a = tryParseDay(from);
  const b = tryParseDay(to);
  return a === undefined || b === undefined ? undefined : b - a;
}

/** A span of calendar days in words: "1 day", "12 days", "3 weeks", "3 weeks and 2 days". */
export function formatSpan(days: number): string {
  const n = Math.abs(days);
  if (n < 14) return dayCount(n);
  const weeks = Math.floor(n / 7);
  const rest = n % 7;
  return `${weeks} weeks${rest === 0 ? '' : ` and ${dayCount(rest)}`}`;
}

