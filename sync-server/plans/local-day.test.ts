import { describe, expect, it } from 'vitest';
import { dayIn, isTimeZone, nextDayStart } from './local-day.ts';

const at = (iso: string): Date => new Date(iso);

describe('dayIn', () => {
  it('reads the day in the zone, not in UTC or on this machine', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST), still 30 June in UTC.
    expect(dayIn(at('2026-06-30T23:30:00Z'), 'Europe/London')).toBe('2026-07-01');
    expect(dayIn(at('2026-06-30T23:30:00Z'), 'UTC')).toBe('2026-06-30');
    // In winter London is UTC.
    expect(dayIn(at('2026-12-31T23:59:59.999Z'), 'Europe/London')).toBe('2026-12-31');
    expect(dayIn(at('2027-01-01T00:00:00Z'), 'Europe/London')).toBe('2027-01-01');
  });

  it('knows which time zones exist', () => {
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('Europe/Nowhere')).toBe(false);
    expect(() => dayIn(new Date(), 'Europe/Nowhere')).toThrow(RangeError);
  });
});

describe('nextDayStart in Europe/London', () => {
  const london = (iso: string): string => nextDayStart(at(iso), 'Europe/London').toISOString();

  it('is local midnight: 00:00 UTC in winter, 23:00 UTC the evening before in summer', () => {
    expect(london('2026-12-04T19:37:00Z')).toBe('2026-12-05T00:00:00.000Z');
    expect(london('2026-07-15T12:00:00Z')).toBe('2026-07-15T23:00:00.000Z');
    // From the very instant a day begins, the next one.
    expect(london('2026-12-05T00:00:00Z')).toBe('2026-12-06T00:00:00.000Z');
    expect(london('2026-12-04T23:59:59.999Z')).toBe('2026-12-05T00:00:00.000Z');
  });

  it('spans the 23-hour day when the clocks go forward (last Sunday of March, 29 March 2026)', () => {
    // Saturday 28 March: GMT, so Sunday begins at 00:00 UTC.
    expect(london('2026-03-28T12:00:00Z')).toBe('2026-03-29T00:00:00.000Z');
    // Sunday 29 March: 01:00 GMT becomes 02:00 BST; Monday begins at 23:00 UTC, 23 hours later.
    const sunday = nextDayStart(at('2026-03-28T12:00:00Z'), 'Europe/London');
    const monday = nextDayStart(sunday, 'Europe/London');
    expect(monday.toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect((monday.getTime() - sunday.getTime()) / 3_600_000).toBe(23);
    expect(dayIn(monday, 'Europe/London')).toBe('2026-03-30');
    // During the hour the clocks skip.
    expect(london('2026-03-29T01:30:00Z')).toBe('2026-03-29T23:00:00.000Z');
  });

  it('spans the 25-hour day when the clocks go back (last Sunday of October, 25 October 2026)', () => {
    const sunday = nextDayStart(at('2026-10-24T12:00:00Z'), 'Europe/London');
    expect(sunday.toISOString()).toBe('2026-10-24T23:00:00.000Z');
    const monday = nextDayStart(sunday, 'Europe/London');
    expect(monday.toISOString()).toBe('2026-10-26T00:00:00.000Z');
    expect((monday.getTime() - sunday.getTime()) / 3_600_000).toBe(25);
    // During the hour that happens twice (01:00 to 02:00 BST, then GMT): still Sunday.
    expect(dayIn(at('2026-10-25T00:30:00Z'), 'Europe/London')).toBe('2026-10-25');
    expect(dayIn(at('2026-10-25T01:30:00Z'), 'Europe/London')).toBe('2026-10-25');
    expect(london('2026-10-25T01:30:00Z')).toBe('2026-10-26T00:00:00.000Z');
  });

  it('works the same in 2027 (28 March, 31 October)', () => {
    expect(london('2027-03-28T00:30:00Z')).toBe('2027-03-28T23:00:00.000Z');
    expect(london('2027-10-30T22:00:00Z')).toBe('2027-10-30T23:00:00.000Z');
    expect(london('2027-10-31T00:00:00Z')).toBe('2027-11-01T00:00:00.000Z');
  });
});

describe('nextDayStart elsewhere', () => {
  it('begins the day at its first instant where the clocks skip midnight', () => {
    // Chile's clocks went forward at 24:00 on Saturday 6 September 2025, to 01:00 on Sunday 7 September.
    const start = nextDayStart(at('2025-09-06T12:00:00Z'), 'America/Santiago');
    expect(dayIn(start, 'America/Santiago')).toBe('2025-09-07');
    expect(dayIn(new Date(start.getTime() - 1), 'America/Santiago')).toBe('2025-09-06');
    expect(start.toISOString()).toBe('2025-09-07T04:00:00.000Z');
  });
});
