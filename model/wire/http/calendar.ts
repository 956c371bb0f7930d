/**
 * `GET /api/me/calendar-url` and `POST /api/me/calendar-key/rotate` (a new key; the old one stops at
 * once) both answer {@link CalendarUrlReply}: the addresses of a user's calendar
 * feeds, with their feed key. The feeds themselves (`GET /api/calendar.ics`,
 * `GET /api/children/:id/calendar.ics`) answer iCalendar text, not JSON.
 */
import * as z from 'zod';

export const CalendarUrlReply = z.object({
  /** The feed of every child the user may read. */
  url: z.url(),
  /** One child's feed: replace `{childId}`. */
  childUrl: z.string(),
  message: z.string(),
});
export type CalendarUrlReply = z.infer<typeof CalendarUrlReply>;
