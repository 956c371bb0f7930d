/**
 * A child's plan as an iCalendar feed (RFC 5545) that Outlook and Google Calendar import: every
 * entry an all-day event (DTSTART;VALUE=DATE and DTEND;VALUE=DATE on the next day, so no time
 * zone is needed), a series as one event with an RRULE, DTSTAMP in UTC, METHOD:PUBLISH.
 *
 * ical-generator writes the text (escaping, UTF-8-aware folding at 75 octets, CRLF). Two of its
 * gaps are closed here: it writes the calendar name unescaped, so the name is escaped first,
 * and its last line has no CRLF, so one is added. Series RRULEs are passed as text so that
 * UNTIL stays a DATE, as RFC 5545 requires when DTSTART is a DATE. Control characters RFC 5545
 * forbids in TEXT (all but tab and line breaks, which are escaped) are removed from every text
 * first ({@link stripControls}): NUL, vertical tab and ESC would make the feed invalid.
 */
import ical, { ICalCalendarMethod, ICalEventTransparency } from 'ical-generator';
import { dayToDate, parseDay } from '../../model/calendar/day.ts';
import type { CalendarEntry } from './entries.ts';

export interface CalendarFeed {
  /** The calendar's name as people see it (X-WR-CALNAME), e.g. "Rowan Example: permanence plan". */
  readonly name: string;
  /** A line saying what the calendar holds (X-WR-CALDESC). */
  readonly description?: string;
  readonly entries: readonly CalendarEntry[];
  /**
   * When the feed is made: every DTSTAMP, and the SEQUENCE (whole minutes since 1970), so a
   * calendar that imports a newer export of the same plan takes its events as updates.
   */
  readonly stamp: Date;
}

/** The iCalendar product identifier of this product. */
export const PRODID = { company: 'permanence-board', product: 'permanence planning board', language: 'EN' } as const;

/** The feed as iCalendar text: CRLF line endings, lines folded at 75 octets. */
export function toICalendar(feed: CalendarFeed): string {
  const sequence = Math.floor(feed.stamp.getTime() / 60_000);
  const calendar = ical({
    prodId: PRODID,
    method: ICalCalendarMethod.PUBLISH,
    scale: 'GREGORIAN',
    name: escapeText(stripControls(feed.name)),
    description: feed.description === undefined ? null : escapeText(stripControls(feed.description)),
  });
  for (const e of feed.entries) {
    const day = parseDay(e.date);
    calendar.createEvent({
      id: e.uid,
      sequence,
      stamp: feed.stamp,
      allDay: true,
      start: dayToDate(day),
      end: dayToDate(day + 1),
      summary: stripControls(e.summary),
      description: stripControls(e.description),
      transparency: ICalEventTransparency.TRANSPARENT,
      repeating: e.rrule === undefined ? null : `RRULE:${e.rrule}`,
    });
  }
  return `${calendar.toString()}\r\n`;
}

/**
 * `text` without the characters RFC 5545 does not allow in a TEXT value (CONTROL: U+0000 to
 * U+0008, U+000B, U+000C, U+000E to U+001F and U+007F; tab is allowed, and CR and LF are line
 * breaks, escaped as `\n`), nor the C1 controls.
 */
export function stripControls(text: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return text.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g, '');
}

/** RFC 5545 TEXT escaping: backslash, semicolon, comma and line breaks. */
export function escapeText(text: string): string {
  return text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}
