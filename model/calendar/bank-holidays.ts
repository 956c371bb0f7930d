/**
 * UK bank holidays and working days, computed from the rules rather than read from a table of
 * years, so the calendar never runs out. Holidays declared once (jubilees, a state funeral, a
 * coronation) and regular holidays moved in a given year are data: `ONE_OFF_HOLIDAYS`.
 *
 * A bank holiday here is a day off as gov.uk lists it (https://www.gov.uk/bank-holidays): when
 * a fixed-date holiday falls at a weekend the list holds its substitute weekday, not the weekend
 * day. England and Wales share one calendar; Scotland and Northern Ireland have their own.
 *
 * The regular rules are today's, applied to every year from 1 to 9999 (every year `parseDay`
 * can produce), except that the two holidays begun since 1978 start in their first year: the
 * early May bank holiday in 1978 and Scotland's St Andrew's Day in 2007. With the one-off and
 * moved holidays of `ONE_OFF_HOLIDAYS`, that is the historical record from 1978; earlier rule
 * changes are not modelled, so years before 1978 are a projection, not history.
 *
 * Cost: each region's year is computed once, on first use, and cached (`HolidayCalendar` keeps a
 * map from region to year to the set of its holidays), so `isHoliday` and `isWorkingDay` are O(1)
 * and allocate nothing after that; `addWorkingDays` walks day by day without allocating and
 * `workingDaysBetween` counts arithmetically (O(years spanned)).
 */
import type { Jurisdiction } from '../template/common.ts';
import { daysFromCivil, daysInMonth, formatDay, isWeekend, parseDay, weekday, type Day } from './day.ts';
import { firstDayOfYear, weekdaysThrough, yearOf } from './working-days.ts';

/** A bank-holiday calendar: England and Wales share one, Scotland and Northern Ireland have their own. */
export type Region = 'england-and-wales' | 'scotland' | 'northern-ireland';

/** The three regions, in a fixed order. */
export const REGIONS: readonly Region[] = Object.freeze(['england-and-wales', 'scotland', 'northern-ireland'] as const);

/** Each region's name in words, e.g. "England and Wales". */
export const REGION_NAMES: Readonly<Record<Region, string>> = Object.freeze({
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
});

/**
 * The bank-holiday region of a jurisdiction: England and Wales share a calendar.
 * Throws RangeError for a value that is not one of the four jurisdictions (e.g. bad stored data).
 */
export function regionOf(jurisdiction: Jurisdiction): Region {
  switch (jurisdiction) {
    case 'England':
    case 'Wales':
      return 'england-and-wales';
    case 'Scotland':
      return 'scotland';
    case 'Northern Ireland':
      return 'northern-ireland';
    default:
      throw new RangeError(`"${String(jurisdiction)}" is not a UK jurisdiction`);
  }
}

/** One bank holiday (a day off) of a region. */
export interface Holiday {
  readonly day: Day;
  /** The same date as YYYY-MM-DD. */
  readonly date: string;
  /** As gov.uk names it, e.g. "Easter Monday", "Boxing Day (substitute day)". */
  readonly title: string;
}

/** A holiday declared once (jubilee, state funeral, coronation) or a regular one moved in a given year, as data. */
export interface OneOffHoliday {
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly title: string;
  /** The regions that have it; at least one. */
  readonly regions: readonly Region[];
  /**
   * The regular holiday it replaces that year, by its date (YYYY-MM-DD), if it is a move: that
   * day is then a working day. It must be a regular holiday of every listed region, in the same year.
   */
  readonly replaces?: string;
}

const ALL_REGIONS = REGIONS;

/**
 * One-off and moved bank holidays, declared by royal proclamation (or, in Scotland, by the
 * Scottish Government). From gov.uk's published data (https://www.gov.uk/bank-holidays.json,
 * 2012 onwards) and, before 2012, the proclamations as other holiday calendars record them.
 */
export const ONE_OFF_HOLIDAYS: readonly OneOffHoliday[] = deepFreeze([
  { date: '1981-07-29', title: 'Royal wedding bank holiday', regions: ALL_REGIONS },
  // The early May bank holiday moved to the 50th anniversary of VE day.
  { date: '1995-05-08', title: 'Early May bank holiday (VE day)', regions: ALL_REGIONS, replaces: '1995-05-01' },
  { date: '1999-12-31', title: 'Millennium bank holiday', regions: ALL_REGIONS },
  // Golden Jubilee of Queen Elizabeth II: the spring bank holiday moved to Tuesday 4 June.
  { date: '2002-06-03', title: 'Golden Jubilee bank holiday', regions: ALL_REGIONS },
  { date: '2002-06-04', title: 'Spring bank holiday', regions: ALL_REGIONS, replaces: '2002-05-27' },
  { date: '2011-04-29', title: 'Royal wedding bank holiday', regions: ALL_REGIONS },
  // Diamond Jubilee of Queen Elizabeth II: the spring bank holiday moved to Monday 4 June.
  { date: '2012-06-04', title: 'Spring bank holiday', regions: ALL_REGIONS, replaces: '2012-05-28' },
  { date: '2012-06-05', title: 'Queen’s Diamond Jubilee', regions: ALL_REGIONS },
  // The early May bank holiday moved to the 75th anniversary of VE day.
  { date: '2020-05-08', title: 'Early May bank holiday (VE day)', regions: ALL_REGIONS, replaces: '2020-05-04' },
  // Platinum Jubilee of Queen Elizabeth II: the spring bank holiday moved to Thursday 2 June.
  { date: '2022-06-02', title: 'Spring bank holiday', regions: ALL_REGIONS, replaces: '2022-05-30' },
  { date: '2022-06-03', title: 'Platinum Jubilee bank holiday', regions: ALL_REGIONS },
  { date: '2022-09-19', title: 'Bank Holiday for the State Funeral of Queen Elizabeth II', regions: ALL_REGIONS },
  { date: '2023-05-08', title: 'Bank holiday for the coronation of King Charles III', regions: ALL_REGIONS },
  // Scotland only: Scotland's qualification for the 2026 FIFA World Cup.
  { date: '2026-06-15', title: 'World Cup bank holiday', regions: ['scotland'] },
] satisfies OneOffHoliday[]);

/** The first and last years the calendar computes: every year `parseDay` can produce. */
export const MIN_YEAR = 1;
export const MAX_YEAR = 9999;

const FIRST_DAY = firstDayOfYear(MIN_YEAR);
const END_DAY = firstDayOfYear(MAX_YEAR + 1);
/** The first year of the early May bank holiday (all regions). */
const EARLY_MAY_FROM = 1978;
/** The first year of St Andrew's Day as a bank holiday in Scotland (St Andrew's Day Bank Holiday (Scotland) Act 2007). */
const ST_ANDREWS_FROM = 2007;

/**
 * Easter Sunday of a Gregorian year, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
 * Throws RangeError unless `year` is an integer from 1 to 9999.
 */
export function easterSunday(year: number): Day {
  checkYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dom = ((h + l - 7 * m + 114) % 31) + 1;
  return daysFromCivil(year, month, dom);
}

/** A holiday before substitution: fixed-date ones move off a weekend, the others never fall on one. */
interface Rule {
  readonly day: Day;
  readonly title: string;
  readonly fixed: boolean;
}

/**
 * The regular bank holidays of a region's year (no one-offs or moves), sorted by date: a new
 * array of frozen holidays. Throws RangeError unless `year` is an integer from 1 to 9999.
 *
 * England and Wales: New Year's Day, Good Friday, Easter Monday, early May (first Monday of May,
 * from 1978), spring (last Monday of May), summer (last Monday of August), Christmas Day, Boxing
 * Day. Scotland: the same without Easter Monday, plus 2 January and St Andrew's Day (30 November,
 * from 2007), with the summer holiday on the first Monday of August. Northern Ireland: England
 * and Wales's, plus St Patrick's Day (17 March) and the Battle of the Boyne (12 July).
 *
 * Substitution: every holiday on a weekday keeps its day; then each fixed-date holiday that falls
 * on a Saturday or Sunday, in date order, takes the next weekday that is not already a holiday,
 * titled "<title> (substitute day)". So Christmas on a Saturday gives Monday 27 (Christmas) and
 * Tuesday 28 (Boxing Day); Christmas on a Sunday gives Boxing Day on Monday 26 and Christmas on
 * Tuesday 27; and in Scotland 1 January on a Sunday gives 2 January on Monday 2 and New Year's
 * Day on Tuesday 3.
 */
export function regularHolidays(region: Region, year: number): Holiday[] {
  checkYear(year);
  const rules: Rule[] = [];
  const fixed = (month: number, dom: number, title: string): void => {
    rules.push({ day: daysFromCivil(year, month, dom), title, fixed: true });
  };
  const movable = (day: Day, title: string): void => {
    rules.push({ day, title, fixed: false });
  };
  const easter = easterSunday(year);

  fixed(1, 1, 'New Year’s Day');
  if (region === 'scotland') fixed(1, 2, '2nd January');
  if (region === 'northern-ireland') fixed(3, 17, 'St Patrick’s Day');
  movable(easter - 2, 'Good Friday');
  if (region !== 'scotland') movable(easter + 1, 'Easter Monday');
  if (year >= EARLY_MAY_FROM) movable(nthMonday(year, 5, 1), 'Early May bank holiday');
  movable(lastMonday(year, 5), 'Spring bank holiday');
  if (region === 'northern-ireland') fixed(7, 12, 'Battle of the Boyne (Orangemen’s Day)');
  movable(region === 'scotland' ? nthMonday(year, 8, 1) : lastMonday(year, 8), 'Summer bank holiday');
  if (region === 'scotland' && year >= ST_ANDREWS_FROM) fixed(11, 30, 'St Andrew’s Day');
  fixed(12, 25, 'Christmas Day');
  fixed(12, 26, 'Boxing Day');

  const taken = new Set<Day>();
  const out: Holiday[] = [];
  for (const r of rules) {
    if (!isWeekend(r.day)) {
      taken.add(r.day);
      out.push(holiday(r.day, r.title));
    }
  }
  for (const r of rules) {
    if (r.fixed && isWeekend(r.day)) {
      let d = r.day + 1;
      while (isWeekend(d) || taken.has(d)) d++;
      taken.add(d);
      out.push(holiday(d, `${r.title} (substitute day)`));
    }
  }
  return out.sort((x, y) => x.day - y.day);
}

/** A region's cached year. */
interface YearEntry {
  /** 1 January of the year, and 1 January of the next: the entry covers days first <= d < end. */
  readonly first: Day;
  readonly end: Day;
  readonly list: readonly Holiday[];
  readonly days: ReadonlySet<Day>;
  /** How many of the holidays fall on a Monday to Friday (a one-off could fall at a weekend). */
  readonly weekdayCount: number;
}

/**
 * Bank holidays of the three regions, and working-day arithmetic over them.
 *
 * A working day is a Monday to Friday that is not a bank holiday of the region. Days are `Day`
 * numbers (days since 1970-01-01); every method throws RangeError for a day or count that is not
 * an integer, an unknown region, or a day outside the years 1 to 9999.
 *
 * Instances cache each region's years as they are first used and never change afterwards, so
 * one instance can be shared (`defaultHolidays`).
 */
export class HolidayCalendar {
  readonly #oneOffs: ReadonlyMap<Region, ReadonlyMap<number, readonly OneOffHoliday[]>>;
  readonly #years: ReadonlyMap<Region, Map<number, YearEntry>> = new Map(REGIONS.map((r) => [r, new Map()]));

  /**
   * @param oneOffs one-off and moved holidays; defaults to `ONE_OFF_HOLIDAYS`. Pass `[]` for the
   * regular rules only. Throws RangeError (at construction, not on first use) for a date that is
   * not YYYY-MM-DD, no or unknown regions, a `replaces` that is not a regular holiday of each
   * listed region in the same year, or two holidays of a region on the same day.
   */
  constructor(oneOffs: readonly OneOffHoliday[] = ONE_OFF_HOLIDAYS) {
    const byRegion = new Map<Region, Map<number, OneOffHoliday[]>>();
    for (const o of oneOffs) {
      const day = parseDay(o.date);
      if (o.regions.length === 0) throw new RangeError(`one-off holiday ${o.date} lists no regions`);
      if (o.replaces !== undefined && yearOf(parseDay(o.replaces)) !== yearOf(day)) {
        throw new RangeError(`one-off holiday ${o.date} replaces ${o.replaces}, which is in another year`);
      }
      for (const region of o.regions) {
        if (!REGIONS.includes(region)) throw new RangeError(`one-off holiday ${o.date}: "${String(region)}" is not a region`);
        let years = byRegion.get(region);
        if (!years) byRegion.set(region, (years = new Map<number, OneOffHoliday[]>()));
        const year = yearOf(day);
        const list = years.get(year);
        if (list) list.push(o);
        else years.set(year, [o]);
      }
    }
    this.#oneOffs = byRegion;
    // Compute the years with one-offs now, so bad data fails here rather than mid-calculation.
    for (const [region, years] of byRegion) for (const year of years.keys()) this.#entry(region, year);
  }

  /** Every bank holiday (day off) of the region in the year, sorted by date. The array is frozen and shared. */
  holidays(region: Region, year: number): readonly Holiday[] {
    checkYear(year);
    return this.#entry(region, year).list;
  }

  /** Whether the day is a bank holiday (day off) of the region. */
  isHoliday(region: Region, day: Day): boolean {
    checkDay(day);
    return this.#entry(region, yearOf(day)).days.has(day);
  }

  /** Whether the day is a working day of the region: not a Saturday, Sunday or bank holiday of the region. */
  isWorkingDay(region: Region, day: Day): boolean {
    checkDay(day);
    const w = weekday(day);
    return w !== 0 && w !== 6 && !this.#entry(region, yearOf(day)).days.has(day);
  }

  /**
   * The `n`th working day after `day` (n > 0) or before it (n < 0), not counting `day` itself
   * (which need not be a working day): 10 working days after Thursday 2 April 2026 skips Good
   * Friday, the weekend and Easter Monday and is Monday 20 April. For n != 0 the result is a
   * working day and `workingDaysBetween(region, day, result) === n`. n = 0 returns `day` unchanged.
   */
  addWorkingDays(region: Region, day: Day, n: number): Day {
    checkDay(day);
    if (!Number.isSafeInteger(n)) throw new RangeError(`${n} is not a whole number of working days`);
    if (n === 0) return day;
    const step = n > 0 ? 1 : -1;
    let left = n > 0 ? n : -n;
    let d = day;
    let entry = this.#entry(region, yearOf(d));
    while (left > 0) {
      d += step;
      if (d < entry.first || d >= entry.end) entry = this.#entry(region, yearOf(d));
      const w = weekday(d);
      if (w !== 0 && w !== 6 && !entry.days.has(d)) left--;
    }
    return d;
  }

  /**
   * The signed number of working days stepped onto walking from `from` to `to`, counting `to`
   * but not `from`: when to >= from, the working days strictly after `from` up to and including
   * `to`; when to < from, minus the working days from `to` up to but not including `from`.
   *
   * This makes it the inverse of `addWorkingDays`: `workingDaysBetween(r, d, addWorkingDays(r, d, n)) === n`
   * for every day and n, and `addWorkingDays(r, from, workingDaysBetween(r, from, to)) === to`
   * whenever `to` is a working day. Swapping two working days negates the result, but not in
   * general: from a Saturday to the following Monday is 1, yet from that Monday back to the
   * Saturday is 0, as the walk back steps onto only the Sunday and the Saturday.
   */
  workingDaysBetween(region: Region, from: Day, to: Day): number {
    checkDay(from);
    checkDay(to);
    if (to >= from) return this.#workingDaysIn(region, from, to);
    return 0 - this.#workingDaysIn(region, to - 1, from - 1); // 0 - x, never -0
  }

  /** Working days d with a < d <= b, for a <= b. */
  #workingDaysIn(region: Region, a: Day, b: Day): number {
    if (a === b) return 0;
    let count = weekdaysThrough(b) - weekdaysThrough(a);
    const lastYear = yearOf(b);
    for (let year = yearOf(a + 1); year <= lastYear; year++) {
      const entry = this.#entry(region, year);
      if (entry.first > a && entry.end - 1 <= b) {
        count -= entry.weekdayCount;
      } else {
        const list = entry.list;
        for (let i = 0; i < list.length; i++) {
          const d = list[i]!.day;
          if (d > a && d <= b && !isWeekend(d)) count--;
        }
      }
    }
    return count;
  }

  /** The cached year of a region, computed on first use. */
  #entry(region: Region, year: number): YearEntry {
    const years = this.#years.get(region);
    if (years === undefined) throw new RangeError(`"${String(region)}" is not a region`);
    const cached = years.get(year);
    if (cached !== undefined) return cached;
    checkYear(year);
    const entry = this.#compute(region, year);
    years.set(year, entry);
    return entry;
  }

  #compute(region: Region, year: number): YearEntry {
    const list = regularHolidays(region, year);
    const oneOffs = this.#oneOffs.get(region)?.get(year) ?? [];
    for (const o of oneOffs) {
      if (o.replaces !== undefined) {
        const i = list.findIndex((h) => h.date === o.replaces);
        if (i < 0) throw new RangeError(`one-off holiday ${o.date} replaces ${o.replaces}, which is not a regular ${region} holiday`);
        list.splice(i, 1);
      }
    }
    for (const o of oneOffs) {
      const day = parseDay(o.date);
      if (list.some((h) => h.day === day)) throw new RangeError(`one-off holiday ${o.date} is already a ${region} holiday`);
      list.push(holiday(day, o.title));
    }
    list.sort((x, y) => x.day - y.day);
    const first = firstDayOfYear(year);
    return {
      first,
      end: firstDayOfYear(year + 1),
      list: Object.freeze(list),
      days: new Set(list.map((h) => h.day)),
      weekdayCount: list.filter((h) => !isWeekend(h.day)).length,
    };
  }
}

/** A shared calendar with the built-in one-off holidays (`ONE_OFF_HOLIDAYS`). */
export const defaultHolidays: HolidayCalendar = new HolidayCalendar();

// ---- helpers ----

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`${year} is not a year from ${MIN_YEAR} to ${MAX_YEAR}`);
  }
}

function checkDay(day: Day): void {
  if (!Number.isInteger(day) || day < FIRST_DAY || day >= END_DAY) {
    throw new RangeError(`${day} is not a day in the years ${MIN_YEAR} to ${MAX_YEAR}`);
  }
}

/** The `nth` (1-based) Monday of a month. */
function nthMonday(year: number, month: number, nth: number): Day {
  const first = daysFromCivil(year, month, 1);
  return first + ((8 - weekday(first)) % 7) + (nth - 1) * 7;
}

/** The last Monday of a month. */
function lastMonday(year: number, month: number): Day {
  const last = daysFromCivil(year, month, daysInMonth(year, month));
  return last - ((weekday(last) + 6) % 7);
}

function holiday(day: Day, title: string): Holiday {
  return Object.freeze({ day, date: formatDay(day), title });
}

function deepFreeze(list: OneOffHoliday[]): readonly OneOffHoliday[] {
  for (const o of list) Object.freeze(o);
  return Object.freeze(list);
}
