/**
 * Days as the server's time zone counts them (`TIME_ZONE`, default Europe/London): the calendar
 * day of an instant there, and the instant the next day begins. Worked out with Intl, never by
 * adding 24 hours, so the days of the clock changes (23 and 25 hours long in the UK) begin at
 * their local midnight, and a zone whose clocks skip midnight begins the day at its first instant.
 */

/** The time zone the server counts days in when `TIME_ZONE` is not set. */
export const DEFAULT_TIME_ZONE = 'Europe/London';

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', calendar: 'gregory', numberingSystem: 'latn' });
    formats.set(timeZone, format);
  }
  return format;
}

/** Whether `timeZone` is an IANA time zone this Node knows (e.g. "Europe/London"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatIn(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The calendar day (YYYY-MM-DD) of `instant` in `timeZone`; throws RangeError for an unknown zone. */
export function dayIn(instant: Date, timeZone: string): string {
  const parts = formatIn(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)!.value;
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/** Longest a day can last anywhere, with margin (a zone moving across the date line skips or repeats a day). */
const SEARCH_MS = 50 * 3_600_000;

/**
 * The first instant after `instant` whose day in `timeZone` is not `instant`'s: the next local
 * midnight (or, where the clocks skip midnight, the first instant of the next day). Found to the
 * millisecond by bisection on {@link dayIn}, about 28 formats.
 */
export function nextDayStart(instant: Date, timeZone: string): Date {
  const today = dayIn(instant, timeZone);
  let before = instant.getTime();
  let after = before + SEARCH_MS;
  if (dayIn(new Date(after), timeZone) === today) throw new RangeError(`${timeZone}: no day change within 50 hours of ${instant.toISOString()}`);
  while (after - before > 1) {
    const mid = before + Math.floor((after - before) / 2);
    if (dayIn(new Date(mid), timeZone) === today) before = mid;
    else after = mid;
  }
  return new Date(after);
}
