import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, dateToDay, dayToDate, daysInMonth, formatDay, fromYmd, parseDay, tryParseDay, weekday, ymd } from './day.ts';

describe('day numbers', () => {
  it('agree with Date for every day from 1900 to 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25567, max: 84000 }), (day) => {
        const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(formatDay(day)).toBe(iso);
        expect(parseDay(iso)).toBe(day);
        expect(dateToDay(dayToDate(day))).toBe(day);
        expect(weekday(day)).toBe(new Date(day * 86_400_000).getUTCDay());
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses dates that do not exist and text that is not a date', () => {
    expect(() => parseDay('2027-02-29')).toThrow(RangeError);
    expect(() => parseDay('2026-13-01')).toThrow(RangeError);
    expect(() => parseDay('3 Nov 2026')).toThrow(RangeError);
    expect(parseDay('2028-02-29')).toBe(fromYmd(2028, 2, 29));
    expect(tryParseDay('2026-04-31')).toBeUndefined();
    expect(tryParseDay(42)).toBeUndefined();
    expect(ymd(parseDay('2000-02-29'))).toEqual({ year: 2000, month: 2, day: 29 });
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });

  it('adds months, ending on the last day of a shorter month', () => {
    expect(formatDay(addMonths(parseDay('2026-01-31'), 1))).toBe('2026-02-28');
    expect(formatDay(addMonths(parseDay('2028-01-31'), 1))).toBe('2028-02-29');
    expect(formatDay(addMonths(parseDay('2028-02-29'), 12))).toBe('2029-02-28');
    expect(formatDay(addMonths(parseDay('2027-07-15'), -3))).toBe('2027-04-15');
    expect(formatDay(addMonths(parseDay('2026-12-31'), 2))).toBe('2027-02-28');
  });
});
