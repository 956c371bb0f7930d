/**
 * Working-day arithmetic: the holiday-free helpers of working-days.ts and the working-day methods
 * of HolidayCalendar (addWorkingDays, workingDaysBetween, isWorkingDay) across Easter,
 * Christmas, Scottish-only holidays and year ends, backwards as well as forwards.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultHolidays, HolidayCalendar, REGIONS, type Region } from './bank-holidays.ts';
import { formatDay, fromYmd, isWeekend, parseDay, ymd, type Day } from './day.ts';
import { firstDayOfYear, weekdaysThrough, yearOf } from './working-days.ts';

const EW: Region = 'england-and-wales';
const SC: Region = 'scotland';
const NI: Region = 'northern-ireland';
const cal = defaultHolidays;

/** addWorkingDays on YYYY-MM-DD strings. */
function add(region: Region, iso: string, n: number): string {
  return formatDay(cal.addWorkingDays(region, parseDay(iso), n));
}

/** workingDaysBetween on YYYY-MM-DD strings. */
function between(region: Region, from: string, to: string): number {
  return cal.workingDaysBetween(region, parseDay(from), parseDay(to));
}

/** The definition, walked day by day: working days stepped onto going from `from` to `to`. */
function naiveBetween(calendar: HolidayCalendar, region: Region, from: Day, to: Day): number {
  let count = 0;
  if (to >= from) {
    for (let d = from + 1; d <= to; d++) if (calendar.isWorkingDay(region, d)) count++;
  } else {
    for (let d = from - 1; d >= to; d--) if (calendar.isWorkingDay(region, d)) count--;
  }
  return count;
}

/** Days from 1900 to 2100, where plans live. */
const aDay = fc.integer({ min: fromYmd(1900, 1, 1), max: fromYmd(2100, 12, 31) });
const aRegion = fc.constantFrom(...REGIONS);

describe('holiday-free helpers', () => {
  it('yearOf agrees with ymd', () => {
    fc.assert(
      fc.property(fc.integer({ min: fromYmd(100, 1, 1), max: fromYmd(9999, 12, 31) }), (day) => {
        expect(yearOf(day)).toBe(ymd(day).year);
      }),
      { examples: [[0], [-1], [fromYmd(2000, 2, 29)], [fromYmd(2100, 3, 1)], [fromYmd(2024, 12, 31)], [fromYmd(2025, 1, 1)]] },
    );
  });

  it('firstDayOfYear agrees with fromYmd and is where yearOf changes', () => {
    for (let year = 100; year <= 9999; year++) expect(firstDayOfYear(year)).toBe(fromYmd(year, 1, 1));
    for (let year = -800; year <= 800; year++) {
      expect(yearOf(firstDayOfYear(year))).toBe(year);
      expect(yearOf(firstDayOfYear(year) - 1)).toBe(year - 1);
    }
  });

  it('weekdaysThrough differences count Mondays to Fridays', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), fc.integer({ min: 0, max: 60 }), (a, span) => {
        let naive = 0;
        for (let d = a + 1; d <= a + span; d++) if (!isWeekend(d)) naive++;
        expect(weekdaysThrough(a + span) - weekdaysThrough(a)).toBe(naive);
      }),
    );
  });
});

describe('isWorkingDay', () => {
  it('is false at weekends and on the region’s bank holidays only', () => {
    expect(cal.isWorkingDay(EW, parseDay('2026-04-04'))).toBe(false); // Saturday
    expect(cal.isWorkingDay(EW, parseDay('2026-04-05'))).toBe(false); // Sunday
    expect(cal.isWorkingDay(EW, parseDay('2026-04-06'))).toBe(false); // Easter Monday
    expect(cal.isWorkingDay(SC, parseDay('2026-04-06'))).toBe(true); // not in Scotland
    expect(cal.isWorkingDay(EW, parseDay('2026-04-07'))).toBe(true);
    expect(cal.isWorkingDay(NI, parseDay('2026-03-17'))).toBe(false); // St Patrick's Day
    expect(cal.isWorkingDay(EW, parseDay('2026-03-17'))).toBe(true);
  });
});

describe('addWorkingDays', () => {
  it('skips Good Friday, the weekend and Easter Monday: 10 working days after Thursday 2 April 2026', () => {
    expect(add(EW, '2026-04-02', 10)).toBe('2026-04-20');
    expect(add(EW, '2026-04-02', 1)).toBe('2026-04-07');
    // Scotland has no Easter Monday.
    expect(add(SC, '2026-04-02', 1)).toBe('2026-04-06');
    expect(add(SC, '2026-04-02', 10)).toBe('2026-04-17');
  });

  it('skips Christmas and the substitute days', () => {
    expect(add(EW, '2026-12-24', 1)).toBe('2026-12-29'); // Fri 25, weekend, Mon 28 (Boxing Day substitute)
    expect(add(EW, '2027-12-24', 1)).toBe('2027-12-29'); // weekend, Mon 27 and Tue 28 substitutes
    expect(add(EW, '2022-12-23', 1)).toBe('2022-12-28'); // weekend, Mon 26, Tue 27
    expect(add(EW, '2026-12-31', 1)).toBe('2027-01-04'); // across the year end, past Friday 1 January
    expect(add(EW, '2026-12-24', 5)).toBe('2027-01-05');
  });

  it('skips 2 January in Scotland, a working day in England', () => {
    expect(add(SC, '2025-12-31', 1)).toBe('2026-01-05');
    expect(add(EW, '2025-12-31', 1)).toBe('2026-01-02');
    expect(add(NI, '2025-12-31', 1)).toBe('2026-01-02');
  });

  it('skips St Andrew’s Day in Scotland only', () => {
    expect(add(SC, '2026-11-27', 1)).toBe('2026-12-01');
    expect(add(EW, '2026-11-27', 1)).toBe('2026-11-30');
    expect(add(SC, '2025-11-28', 1)).toBe('2025-12-02'); // 30 November 2025 was a Sunday: Monday 1 December off
  });

  it('skips the first Monday in August in Scotland and the last elsewhere', () => {
    expect(add(SC, '2026-07-31', 1)).toBe('2026-08-04');
    expect(add(EW, '2026-07-31', 1)).toBe('2026-08-03');
    expect(add(SC, '2026-08-28', 1)).toBe('2026-08-31');
    expect(add(EW, '2026-08-28', 1)).toBe('2026-09-01');
  });

  it('counts backwards for negative n', () => {
    // 3 working days before Tuesday 7 April 2026, after the Easter weekend.
    expect(add(EW, '2026-04-07', -3)).toBe('2026-03-31');
    // 3 working days before Monday 4 January 2027, after New Year's Day on the Friday.
    expect(add(EW, '2027-01-04', -3)).toBe('2026-12-29');
    // In Scotland that Monday is itself a holiday (2 January's substitute); the count is the same.
    expect(add(SC, '2027-01-04', -3)).toBe('2026-12-29');
    // 3 working days before Monday 6 June 2022, after the Platinum Jubilee weekend: 30 May was a
    // working day that year, the spring bank holiday having moved to 2 June.
    expect(add(EW, '2022-06-06', -3)).toBe('2022-05-30');
    expect(add(EW, '2026-01-05', -1)).toBe('2026-01-02');
    expect(add(SC, '2026-01-05', -1)).toBe('2025-12-31');
  });

  it('returns the day itself for n = 0, working day or not', () => {
    expect(add(EW, '2026-04-06', 0)).toBe('2026-04-06');
    expect(add(EW, '2026-04-04', 0)).toBe('2026-04-04');
  });

  it('starts from a weekend or holiday without counting it', () => {
    expect(add(EW, '2026-04-04', 1)).toBe('2026-04-07'); // Saturday of Easter
    expect(add(EW, '2026-04-06', -1)).toBe('2026-04-02'); // Easter Monday back
  });

  it('refuses a count that is not a whole number', () => {
    expect(() => cal.addWorkingDays(EW, 0, 1.5)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(EW, 0, Number.NaN)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(EW, 0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts strictly after from up to and including to', () => {
    expect(between(EW, '2026-04-02', '2026-04-20')).toBe(10);
    expect(between(EW, '2026-04-02', '2026-04-07')).toBe(1);
    expect(between(EW, '2026-04-02', '2026-04-06')).toBe(0);
    expect(between(EW, '2026-04-02', '2026-04-02')).toBe(0);
    expect(between(SC, '2026-04-02', '2026-04-06')).toBe(1);
  });

  it('is negative when to is before from', () => {
    expect(between(EW, '2026-04-20', '2026-04-02')).toBe(-10);
    expect(between(EW, '2026-04-07', '2026-03-31')).toBe(-3);
    expect(between(SC, '2027-01-04', '2026-12-29')).toBe(-3);
  });

  it('counts the days stepped onto, so swapping a weekend day and a working day is not symmetric', () => {
    // Saturday 11 April 2026 to Monday 13 April: steps onto Sunday and Monday.
    expect(between(EW, '2026-04-11', '2026-04-13')).toBe(1);
    // Back from Monday to Saturday: steps onto Sunday and Saturday.
    expect(between(EW, '2026-04-13', '2026-04-11')).toBe(0);
  });

  it('counts whole years', () => {
    // 2026 has 261 Mondays to Fridays.
    expect(between(EW, '2025-12-31', '2026-12-31')).toBe(261 - 8);
    expect(between(SC, '2025-12-31', '2026-12-31')).toBe(261 - 10); // with the World Cup bank holiday
    expect(between(NI, '2025-12-31', '2026-12-31')).toBe(261 - 10);
    expect(between(EW, '2026-12-31', '2025-12-31')).toBe(-(261 - 8)); // both ends are working days, so swapping negates
    expect(between(EW, '2019-12-31', '2029-12-31')).toBe(naiveBetween(cal, EW, parseDay('2019-12-31'), parseDay('2029-12-31')));
  });

  it('agrees with walking the days, over spans of any length', () => {
    fc.assert(
      fc.property(aRegion, aDay, fc.oneof(fc.integer({ min: -40, max: 40 }), fc.integer({ min: -3000, max: 3000 })), (region, from, span) => {
        expect(cal.workingDaysBetween(region, from, from + span)).toBe(naiveBetween(cal, region, from, from + span));
      }),
      { numRuns: 300 },
    );
  });
});

describe('addWorkingDays and workingDaysBetween together', () => {
  it('addWorkingDays lands on a working day, and workingDaysBetween counts back the same n', () => {
    fc.assert(
      fc.property(aRegion, aDay, fc.integer({ min: -400, max: 400 }).filter((n) => n !== 0), (region, day, n) => {
        const result = cal.addWorkingDays(region, day, n);
        expect(cal.isWorkingDay(region, result)).toBe(true);
        expect(cal.workingDaysBetween(region, day, result)).toBe(n);
        expect(Math.sign(result - day)).toBe(Math.sign(n));
      }),
      { numRuns: 500 },
    );
  });

  it('addWorkingDays undoes workingDaysBetween whenever the target is a working day', () => {
    fc.assert(
      fc.property(aRegion, aDay, fc.integer({ min: -500, max: 500 }), (region, from, span) => {
        const to = from + span;
        fc.pre(cal.isWorkingDay(region, to));
        expect(cal.addWorkingDays(region, from, cal.workingDaysBetween(region, from, to))).toBe(to);
      }),
    );
  });

  it('holds for a calendar without one-offs too', () => {
    const plain = new HolidayCalendar([]);
    fc.assert(
      fc.property(aRegion, aDay, fc.integer({ min: -60, max: 60 }).filter((n) => n !== 0), (region, day, n) => {
        const result = plain.addWorkingDays(region, day, n);
        expect(plain.isWorkingDay(region, result)).toBe(true);
        expect(plain.workingDaysBetween(region, day, result)).toBe(n);
      }),
    );
  });
});
