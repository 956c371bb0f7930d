/**
 * Bank holidays computed from the rules, checked against gov.uk's published lists
 * (https://www.gov.uk/bank-holidays) for 2012 and 2020 to 2028, the one-off and moved holidays,
 * substitute days and Easter.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultHolidays,
  easterSunday,
  HolidayCalendar,
  ONE_OFF_HOLIDAYS,
  regionOf,
  REGIONS,
  regularHolidays,
  type OneOffHoliday,
  type Region,
} from './bank-holidays.ts';
import { formatDay, fromYmd, isWeekend, parseDay } from './day.ts';

const EW: Region = 'england-and-wales';
const SC: Region = 'scotland';
const NI: Region = 'northern-ireland';

/** The holidays of a region's year as "YYYY-MM-DD title" lines. */
function listed(region: Region, year: number, calendar = defaultHolidays): string[] {
  return calendar.holidays(region, year).map((h) => `${h.date} ${h.title}`);
}

/** Just the dates. */
function dates(region: Region, year: number, calendar = defaultHolidays): string[] {
  return calendar.holidays(region, year).map((h) => h.date);
}

describe('regionOf', () => {
  it('gives England and Wales one calendar and Scotland and Northern Ireland their own', () => {
    expect(regionOf('England')).toBe('england-and-wales');
    expect(regionOf('Wales')).toBe('england-and-wales');
    expect(regionOf('Scotland')).toBe('scotland');
    expect(regionOf('Northern Ireland')).toBe('northern-ireland');
  });

  it('refuses a value that is not a jurisdiction', () => {
    expect(() => regionOf('Ireland' as never)).toThrow(RangeError);
  });
});

describe('easterSunday', () => {
  it.each([
    [2000, '2000-04-23'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2038, '2038-04-25'],
    [1818, '1818-03-22'], // earliest possible date
    [1943, '1943-04-25'], // latest possible date
    [2285, '2285-03-22'],
  ])('Easter %i is %s', (year, iso) => {
    expect(formatDay(easterSunday(year))).toBe(iso);
  });

  it('is always a Sunday from 22 March to 25 April', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 9999 }), (year) => {
        const e = easterSunday(year);
        expect(new Date(e * 86_400_000).getUTCDay()).toBe(0);
        expect(e).toBeGreaterThanOrEqual(fromYmd(year, 3, 22));
        expect(e).toBeLessThanOrEqual(fromYmd(year, 4, 25));
      }),
    );
  });
});

describe('England and Wales, as gov.uk publishes them', () => {
  it('2022: New Year moved to Monday 3 January, the Platinum Jubilee, the State Funeral, Christmas on a Sunday', () => {
    expect(listed(EW, 2022)).toEqual([
      '2022-01-03 New Year’s Day (substitute day)',
      '2022-04-15 Good Friday',
      '2022-04-18 Easter Monday',
      '2022-05-02 Early May bank holiday',
      '2022-06-02 Spring bank holiday',
      '2022-06-03 Platinum Jubilee bank holiday',
      '2022-08-29 Summer bank holiday',
      '2022-09-19 Bank Holiday for the State Funeral of Queen Elizabeth II',
      '2022-12-26 Boxing Day',
      '2022-12-27 Christmas Day (substitute day)',
    ]);
  });

  it('2023: New Year on a Sunday, the coronation', () => {
    expect(listed(EW, 2023)).toEqual([
      '2023-01-02 New Year’s Day (substitute day)',
      '2023-04-07 Good Friday',
      '2023-04-10 Easter Monday',
      '2023-05-01 Early May bank holiday',
      '2023-05-08 Bank holiday for the coronation of King Charles III',
      '2023-05-29 Spring bank holiday',
      '2023-08-28 Summer bank holiday',
      '2023-12-25 Christmas Day',
      '2023-12-26 Boxing Day',
    ]);
  });

  it('2024 and 2025', () => {
    expect(dates(EW, 2024)).toEqual([
      '2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26',
    ]);
    expect(dates(EW, 2025)).toEqual([
      '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
    ]);
  });

  it('2026: Boxing Day on a Saturday moves to Monday 28 December', () => {
    expect(listed(EW, 2026)).toEqual([
      '2026-01-01 New Year’s Day',
      '2026-04-03 Good Friday',
      '2026-04-06 Easter Monday',
      '2026-05-04 Early May bank holiday',
      '2026-05-25 Spring bank holiday',
      '2026-08-31 Summer bank holiday',
      '2026-12-25 Christmas Day',
      '2026-12-28 Boxing Day (substitute day)',
    ]);
  });

  it('2027: Christmas on a Saturday gives Monday 27 and Tuesday 28 December', () => {
    expect(listed(EW, 2027)).toEqual([
      '2027-01-01 New Year’s Day',
      '2027-03-26 Good Friday',
      '2027-03-29 Easter Monday',
      '2027-05-03 Early May bank holiday',
      '2027-05-31 Spring bank holiday',
      '2027-08-30 Summer bank holiday',
      '2027-12-27 Christmas Day (substitute day)',
      '2027-12-28 Boxing Day (substitute day)',
    ]);
  });

  it('2028: New Year on a Saturday moves to Monday 3 January', () => {
    expect(listed(EW, 2028)).toEqual([
      '2028-01-03 New Year’s Day (substitute day)',
      '2028-04-14 Good Friday',
      '2028-04-17 Easter Monday',
      '2028-05-01 Early May bank holiday',
      '2028-05-29 Spring bank holiday',
      '2028-08-28 Summer bank holiday',
      '2028-12-25 Christmas Day',
      '2028-12-26 Boxing Day',
    ]);
  });

  it('2020: the early May bank holiday moved to VE day, Friday 8 May', () => {
    expect(dates(EW, 2020)).toEqual([
      '2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28',
    ]);
    expect(defaultHolidays.isHoliday(EW, parseDay('2020-05-04'))).toBe(false);
    expect(defaultHolidays.isWorkingDay(EW, parseDay('2020-05-04'))).toBe(true);
  });

  it('2012: the spring bank holiday moved to 4 June and the Diamond Jubilee on 5 June', () => {
    expect(listed(EW, 2012)).toEqual([
      '2012-01-02 New Year’s Day (substitute day)',
      '2012-04-06 Good Friday',
      '2012-04-09 Easter Monday',
      '2012-05-07 Early May bank holiday',
      '2012-06-04 Spring bank holiday',
      '2012-06-05 Queen’s Diamond Jubilee',
      '2012-08-27 Summer bank holiday',
      '2012-12-25 Christmas Day',
      '2012-12-26 Boxing Day',
    ]);
  });

  it('1995: VE day replaced the early May bank holiday', () => {
    expect(dates(EW, 1995)).toContain('1995-05-08');
    expect(dates(EW, 1995)).not.toContain('1995-05-01');
  });

  it('has no early May bank holiday before 1978', () => {
    expect(dates(EW, 1977).filter((d) => d.startsWith('1977-05'))).toEqual(['1977-05-30']);
    expect(dates(EW, 1978).filter((d) => d.startsWith('1978-05'))).toEqual(['1978-05-01', '1978-05-29']);
  });
});

describe('Scotland, as gov.uk publishes them', () => {
  it('2022: 1 January on a Saturday and 2 January on a Sunday give Monday 3 and Tuesday 4', () => {
    expect(listed(SC, 2022)).toEqual([
      '2022-01-03 New Year’s Day (substitute day)',
      '2022-01-04 2nd January (substitute day)',
      '2022-04-15 Good Friday',
      '2022-05-02 Early May bank holiday',
      '2022-06-02 Spring bank holiday',
      '2022-06-03 Platinum Jubilee bank holiday',
      '2022-08-01 Summer bank holiday',
      '2022-09-19 Bank Holiday for the State Funeral of Queen Elizabeth II',
      '2022-11-30 St Andrew’s Day',
      '2022-12-26 Boxing Day',
      '2022-12-27 Christmas Day (substitute day)',
    ]);
  });

  it('2023: 1 January on a Sunday gives 2 January on Monday 2 and New Year’s Day on Tuesday 3', () => {
    expect(listed(SC, 2023)).toEqual([
      '2023-01-02 2nd January',
      '2023-01-03 New Year’s Day (substitute day)',
      '2023-04-07 Good Friday',
      '2023-05-01 Early May bank holiday',
      '2023-05-08 Bank holiday for the coronation of King Charles III',
      '2023-05-29 Spring bank holiday',
      '2023-08-07 Summer bank holiday',
      '2023-11-30 St Andrew’s Day',
      '2023-12-25 Christmas Day',
      '2023-12-26 Boxing Day',
    ]);
  });

  it('2024 and 2025: St Andrew’s Day at a weekend moves to the Monday', () => {
    expect(listed(SC, 2024)).toEqual([
      '2024-01-01 New Year’s Day',
      '2024-01-02 2nd January',
      '2024-03-29 Good Friday',
      '2024-05-06 Early May bank holiday',
      '2024-05-27 Spring bank holiday',
      '2024-08-05 Summer bank holiday',
      '2024-12-02 St Andrew’s Day (substitute day)',
      '2024-12-25 Christmas Day',
      '2024-12-26 Boxing Day',
    ]);
    expect(dates(SC, 2025)).toEqual([
      '2025-01-01', '2025-01-02', '2025-04-18', '2025-05-05', '2025-05-26', '2025-08-04', '2025-12-01', '2025-12-25', '2025-12-26',
    ]);
  });

  it('2026, with the World Cup bank holiday', () => {
    expect(listed(SC, 2026)).toEqual([
      '2026-01-01 New Year’s Day',
      '2026-01-02 2nd January',
      '2026-04-03 Good Friday',
      '2026-05-04 Early May bank holiday',
      '2026-05-25 Spring bank holiday',
      '2026-06-15 World Cup bank holiday',
      '2026-08-03 Summer bank holiday',
      '2026-11-30 St Andrew’s Day',
      '2026-12-25 Christmas Day',
      '2026-12-28 Boxing Day (substitute day)',
    ]);
  });

  it('2027 and 2028', () => {
    expect(listed(SC, 2027)).toEqual([
      '2027-01-01 New Year’s Day',
      '2027-01-04 2nd January (substitute day)',
      '2027-03-26 Good Friday',
      '2027-05-03 Early May bank holiday',
      '2027-05-31 Spring bank holiday',
      '2027-08-02 Summer bank holiday',
      '2027-11-30 St Andrew’s Day',
      '2027-12-27 Christmas Day (substitute day)',
      '2027-12-28 Boxing Day (substitute day)',
    ]);
    expect(dates(SC, 2028)).toEqual([
      '2028-01-03', '2028-01-04', '2028-04-14', '2028-05-01', '2028-05-29', '2028-08-07', '2028-11-30', '2028-12-25', '2028-12-26',
    ]);
  });

  it('has no Easter Monday', () => {
    for (let year = 2000; year <= 2040; year++) {
      expect(defaultHolidays.isHoliday(SC, easterSunday(year) + 1)).toBe(false);
      expect(defaultHolidays.isHoliday(EW, easterSunday(year) + 1)).toBe(true);
    }
  });

  it('has St Andrew’s Day only from 2007', () => {
    expect(dates(SC, 2006)).not.toContain('2006-11-30');
    expect(dates(SC, 2007)).toContain('2007-11-30');
  });
});

describe('Northern Ireland, as gov.uk publishes them', () => {
  it('2024: St Patrick’s Day on a Sunday moves to Monday 18 March', () => {
    expect(listed(NI, 2024)).toEqual([
      '2024-01-01 New Year’s Day',
      '2024-03-18 St Patrick’s Day (substitute day)',
      '2024-03-29 Good Friday',
      '2024-04-01 Easter Monday',
      '2024-05-06 Early May bank holiday',
      '2024-05-27 Spring bank holiday',
      '2024-07-12 Battle of the Boyne (Orangemen’s Day)',
      '2024-08-26 Summer bank holiday',
      '2024-12-25 Christmas Day',
      '2024-12-26 Boxing Day',
    ]);
  });

  it('2025 and 2026: 12 July at a weekend moves to the Monday', () => {
    expect(dates(NI, 2025)).toEqual([
      '2025-01-01', '2025-03-17', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-07-14', '2025-08-25', '2025-12-25', '2025-12-26',
    ]);
    expect(listed(NI, 2026)).toEqual([
      '2026-01-01 New Year’s Day',
      '2026-03-17 St Patrick’s Day',
      '2026-04-03 Good Friday',
      '2026-04-06 Easter Monday',
      '2026-05-04 Early May bank holiday',
      '2026-05-25 Spring bank holiday',
      '2026-07-13 Battle of the Boyne (Orangemen’s Day) (substitute day)',
      '2026-08-31 Summer bank holiday',
      '2026-12-25 Christmas Day',
      '2026-12-28 Boxing Day (substitute day)',
    ]);
  });

  it('2022, 2023, 2027 and 2028', () => {
    expect(dates(NI, 2022)).toEqual([
      '2022-01-03', '2022-03-17', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-07-12', '2022-08-29',
      '2022-09-19', '2022-12-26', '2022-12-27',
    ]);
    expect(dates(NI, 2023)).toEqual([
      '2023-01-02', '2023-03-17', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-07-12', '2023-08-28',
      '2023-12-25', '2023-12-26',
    ]);
    expect(dates(NI, 2027)).toEqual([
      '2027-01-01', '2027-03-17', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-07-12', '2027-08-30', '2027-12-27',
      '2027-12-28',
    ]);
    expect(dates(NI, 2028)).toEqual([
      '2028-01-03', '2028-03-17', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-07-12', '2028-08-28', '2028-12-25',
      '2028-12-26',
    ]);
  });

  it('has every England and Wales holiday plus two of its own', () => {
    for (let year = 1978; year <= 2100; year++) {
      const ni = dates(NI, year);
      const ew = dates(EW, year);
      expect(ew.every((d) => ni.includes(d))).toBe(true);
      expect(ni.length).toBe(ew.length + 2);
    }
  });
});

describe('one-off and moved holidays', () => {
  it('are all listed in every region they name, and the days they replace are not', () => {
    for (const o of ONE_OFF_HOLIDAYS) {
      for (const region of REGIONS) {
        const year = Number(o.date.slice(0, 4));
        const has = dates(region, year).includes(o.date);
        expect(has, `${o.date} in ${region}`).toBe(o.regions.includes(region));
        if (o.replaces !== undefined && o.regions.includes(region)) {
          expect(defaultHolidays.isHoliday(region, parseDay(o.replaces)), `${o.replaces} in ${region}`).toBe(false);
        }
      }
    }
  });

  it('include the listed ones', () => {
    const byDate = new Map(ONE_OFF_HOLIDAYS.map((o) => [o.date, o]));
    for (const date of ['1995-05-08', '2012-06-04', '2012-06-05', '2020-05-08', '2022-06-02', '2022-06-03', '2022-09-19', '2023-05-08']) {
      expect(byDate.get(date)?.regions).toEqual(REGIONS);
    }
    expect(byDate.get('2020-05-08')?.replaces).toBe('2020-05-04');
    expect(byDate.get('2022-06-02')?.replaces).toBe('2022-05-30');
    expect(byDate.get('2012-06-04')?.replaces).toBe('2012-05-28');
    expect(byDate.get('1995-05-08')?.replaces).toBe('1995-05-01');
    expect(byDate.get('2026-06-15')?.regions).toEqual(['scotland']);
  });

  it('a Scotland-only one-off is a working day elsewhere', () => {
    expect(defaultHolidays.isWorkingDay(SC, parseDay('2026-06-15'))).toBe(false);
    expect(defaultHolidays.isWorkingDay(EW, parseDay('2026-06-15'))).toBe(true);
    expect(defaultHolidays.isWorkingDay(NI, parseDay('2026-06-15'))).toBe(true);
  });

  it('can be left out: the regular rules only', () => {
    const plain = new HolidayCalendar([]);
    expect(dates(EW, 2020, plain)).toEqual(regularHolidays(EW, 2020).map((h) => h.date));
    expect(plain.isHoliday(EW, parseDay('2020-05-04'))).toBe(true);
    expect(plain.isHoliday(EW, parseDay('2020-05-08'))).toBe(false);
    expect(dates(EW, 2022, plain)).toContain('2022-05-30');
    expect(dates(EW, 2022, plain)).not.toContain('2022-09-19');
  });

  it('can be supplied: one region only, with a move', () => {
    const custom = new HolidayCalendar([
      { date: '2030-06-03', title: 'Spring bank holiday', regions: ['northern-ireland'], replaces: '2030-05-27' },
      { date: '2030-06-04', title: 'Extra', regions: ['northern-ireland'] },
    ]);
    expect(dates(NI, 2030, custom)).toEqual(expect.arrayContaining(['2030-06-03', '2030-06-04']));
    expect(dates(NI, 2030, custom)).not.toContain('2030-05-27');
    expect(dates(EW, 2030, custom)).toContain('2030-05-27');
    expect(dates(EW, 2030, custom)).not.toContain('2030-06-04');
  });

  it('refuse bad data when the calendar is made', () => {
    const make = (o: OneOffHoliday) => () => new HolidayCalendar([o]);
    expect(make({ date: '2030-02-30', title: 'x', regions: [EW] })).toThrow(RangeError);
    expect(make({ date: '2030-06-04', title: 'x', regions: [] })).toThrow(/no regions/);
    expect(make({ date: '2030-06-04', title: 'x', regions: ['wales' as Region] })).toThrow(/not a region/);
    // 2030-05-28 is a Tuesday, not a holiday.
    expect(make({ date: '2030-06-04', title: 'x', regions: [EW], replaces: '2030-05-28' })).toThrow(/not a regular/);
    expect(make({ date: '2030-06-04', title: 'x', regions: [EW], replaces: '2029-05-28' })).toThrow(/another year/);
    // Already Christmas Day.
    expect(make({ date: '2030-12-25', title: 'x', regions: [EW] })).toThrow(/already/);
    // Easter Monday is not a Scottish holiday, so it cannot be moved there.
    expect(make({ date: '2030-04-23', title: 'x', regions: [SC], replaces: '2030-04-22' })).toThrow(/not a regular/);
  });
});

describe('substitute days', () => {
  it('Christmas on a Saturday: Monday 27 is Christmas Day and Tuesday 28 Boxing Day', () => {
    expect(listed(EW, 2021).slice(-2)).toEqual(['2021-12-27 Christmas Day (substitute day)', '2021-12-28 Boxing Day (substitute day)']);
  });

  it('Christmas on a Sunday: Boxing Day on Monday 26 and Christmas on Tuesday 27', () => {
    expect(listed(SC, 2022).slice(-2)).toEqual(['2022-12-26 Boxing Day', '2022-12-27 Christmas Day (substitute day)']);
  });

  it('Scotland, 2 January on a Saturday: Monday 4 January', () => {
    expect(listed(SC, 2021).slice(0, 2)).toEqual(['2021-01-01 New Year’s Day', '2021-01-04 2nd January (substitute day)']);
  });

  it('every holiday is a weekday, distinct, in its own year and sorted, in every region and year', () => {
    const plain = new HolidayCalendar([]);
    fc.assert(
      fc.property(fc.constantFrom(...REGIONS), fc.integer({ min: 1, max: 9999 }), (region, year) => {
        const list = plain.holidays(region, year);
        const days = list.map((h) => h.day);
        expect(days.every((d) => !isWeekend(d))).toBe(true);
        expect(new Set(days).size).toBe(days.length);
        expect([...days].sort((a, b) => a - b)).toEqual(days);
        expect(list.every((h) => h.date.startsWith(String(year).padStart(4, '0')) && h.date === formatDay(h.day))).toBe(true);
        // Every regular holiday is kept, on its day or a substitute.
        const expected = { 'england-and-wales': 8, scotland: 9, 'northern-ireland': 10 }[region] - (year < 1978 ? 1 : 0) - (region === 'scotland' && year < 2007 ? 1 : 0);
        expect(list.length).toBe(expected);
      }),
      { numRuns: 300, examples: [[SC, 2023], [NI, 2000]] },
    );
  });
});

describe('the calendar', () => {
  it('caches each region’s year: the same frozen list every time', () => {
    const a = defaultHolidays.holidays(EW, 2031);
    expect(defaultHolidays.holidays(EW, 2031)).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a[0])).toBe(true);
  });

  it('isHoliday agrees with the lists, including weekend fixed dates (not days off)', () => {
    expect(defaultHolidays.isHoliday(EW, parseDay('2026-12-25'))).toBe(true);
    expect(defaultHolidays.isHoliday(EW, parseDay('2026-12-26'))).toBe(false); // a Saturday; Monday 28 is the day off
    expect(defaultHolidays.isHoliday(EW, parseDay('2026-12-28'))).toBe(true);
    expect(defaultHolidays.isHoliday(EW, parseDay('2026-01-02'))).toBe(false);
    expect(defaultHolidays.isHoliday(SC, parseDay('2026-01-02'))).toBe(true);
  });

  it('refuses days, years and regions it cannot compute', () => {
    expect(() => defaultHolidays.holidays(EW, 10_000)).toThrow(RangeError);
    expect(() => defaultHolidays.holidays(EW, 0)).toThrow(RangeError);
    expect(() => defaultHolidays.holidays(EW, 2026.5)).toThrow(RangeError);
    expect(() => defaultHolidays.isHoliday(EW, 1.5)).toThrow(RangeError);
    expect(() => defaultHolidays.isHoliday(EW, Number.NaN)).toThrow(RangeError);
    expect(() => defaultHolidays.isHoliday('wales' as Region, 0)).toThrow(/not a region/);
    expect(() => defaultHolidays.isHoliday('toString' as Region, 0)).toThrow(/not a region/);
  });

  it('works at the ends of its range', () => {
    expect(dates(EW, 1)[0]).toBe('0001-01-01');
    expect(dates(EW, 9999).slice(-2)).toEqual(['9999-12-27', '9999-12-28']); // Christmas on a Saturday
    expect(defaultHolidays.isWorkingDay(EW, parseDay('9999-12-31'))).toBe(true);
  });
});
