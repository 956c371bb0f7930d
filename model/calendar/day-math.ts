/** Date arithmetic on YYYY-MM-DD strings, for callers that do not hold day numbers. */
import { formatDay, parseDay } from './day.ts';

/** `date` plus `days` calendar days (negative to go back); throws RangeError for a bad date. */
export function addDays(date: string, days: number): string {
  return formatDay(parseDay(date) + days);
}
