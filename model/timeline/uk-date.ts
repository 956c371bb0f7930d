/** Dates in the words practitioners read: "3 November 2026". */
import { parseDay, ymd, type Day } from '../calendar/day.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A day, or a YYYY-MM-DD string, in UK long form, e.g. "3 November 2026". */
export function ukDate(date: Day | string): string {
  const { year, month, day } = ymd(typeof date === 'string' ? parseDay(date) : date);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** "1 day", "12 days". */
export function days(n: number): string {
  return `${n} ${n === 1 ? 'day' : 'days'}`;
}
