/**
 * Values put into the words practitioners read, in one place for the page, the printed minutes,
 * the calendar feeds and the admin reports: dates in British style ("3 November 2026", or
 * "3 Nov 2026" where space is short), moments in UK time, yes / no, spans of days and weeks,
 * people with their role and organisation, and a clear "Not recorded" rather than a blank that
 * could be mistaken for "no". Deterministic apart from the time zone of a moment, which is
 * always Europe/London.
 */
import { parseDay, tryParseDay, ymd, type Day } from './calendar/day.ts';
import type { RegisterValue } from './field-value.ts';
import type { FieldSpec } from './template/form.ts';

/** Shown for a field with no value. */
export const NOT_RECORDED = 'Not recorded';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A day, or a YYYY-MM-DD string, in UK long form, e.g. "3 November 2026". Throws for a string that is not a date. */
export function ukDate(date: Day | string): string {
  const { year, month, day } = ymd(typeof date === 'string' ? parseDay(date) : date);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** A YYYY-MM-DD date as "3 Nov 2026"; anything that is not such a date is returned as it is. */
export function ukShortDate(iso: string): string {
  const parsed = tryParseDay(iso);
  if (parsed === undefined) return iso;
  const { year, month, day } = ymd(parsed);
  return `${day} ${MONTHS[month - 1]!.slice(0, 3)} ${year}`;
}

const longMoment = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
const shortMoment = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });

/** A moment (ISO 8601) as "3 November 2026 at 14:05", UK time; the text itself when it is not a time. */
export function ukMoment(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : longMoment.format(d).replace(', ', ' at ');
}

/** A moment (ISO 8601) as "3 Feb, 10:02", UK time, for when a write was made; the text itself when it is not a time. */
export function ukShortMoment(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : shortMoment.format(d);
}

/** "Yes" or "No". */
export function yesNo(value: boolean): string {
  return value ? 'Yes' : 'No';
}

/** A single-valued field's value as text: "3 February 2026", "Yes", "Not recorded", or the value itself (a choice, a person). */
export function formatValue(field: Pick<FieldSpec, 'kind'>, value: RegisterValue | undefined): string {
  if (value === undefined || value === null) return NOT_RECORDED;
  if (field.kind === 'boolean' && typeof value === 'boolean') return yesNo(value);
  if (field.kind === 'date' && typeof value === 'string' && tryParseDay(value) !== undefined) return ukDate(value);
  return String(value);
}

/** "1 day", "12 days". */
export function days(n: number): string {
  return `${n} ${n === 1 ? 'day' : 'days'}`;
}

/** A span of calendar days in words: "1 day", "12 days", "3 weeks", "3 weeks and 2 days" (the sign is ignored). */
export function formatSpan(span: number): string {
  const n = Math.abs(span);
  if (n < 14) return days(n);
  const weeks = Math.floor(n / 7);
  const rest = n % 7;
  return `${weeks} weeks${rest === 0 ? '' : ` and ${days(rest)}`}`;
}

/** A person as others read them: "Asha Patel (Child's Social Worker, Northshire Council)"; parts left blank are left out. */
export function formatPerson(person: { readonly name: string; readonly role?: string; readonly organisation?: string }): string {
  const about = [person.role, person.organisation].filter((part): part is string => typeof part === 'string' && part.trim() !== '');
  return about.length > 0 ? `${person.name} (${about.join(', ')})` : person.name;
}
