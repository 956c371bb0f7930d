/// <reference types="mocha" />
import { expect } from 'chai';
import { timeAxis } from './timeline-axis.ts';
import { localToday } from '../../../model/calendar/day.ts';
import { formatSpan } from '../../../model/words.ts';
import { daysBetween } from './timeline-rows.ts';

describe('timeAxis', () => {
  it('spans every date and today, a week before the first and four weeks after the last', () => {
    const axis = timeAxis(['2026-08-03', undefined, 'not a date', '2026-10-01'], '2026-11-23');
    expect(axis.start).to.equal('2026-07-27');
    expect(axis.end).to.equal('2026-12-21');
    expect(axis.position('2026-07-27')).to.equal(0);
    expect(axis.position('2026-12-21')).to.equal(100);
    expect(axis.position('2026-01-01')).to.equal(0);
    expect(axis.position('nonsense')).to.equal(undefined);
    expect(axis.position('2026-10-09')).to.be.closeTo(50, 0.5);
  });

  it('puts a tick on the first of each month, naming the year at the first tick and in January', () => {
    const axis = timeAxis(['2026-10-15', '2027-02-10'], '2026-11-23', { before: 0, after: 0 });
    expect(axis.ticks.map((t) => `${t.label} ${t.year ?? ''}`.trim())).to.deep.equal(['Nov 2026', 'Dec', 'Jan 2027', 'Feb']);
    expect(axis.ticks.map((t) => t.date)).to.deep.equal(['2026-11-01', '2026-12-01', '2027-01-01', '2027-02-01']);
    const positions = axis.ticks.map((t) => t.position);
    expect([...positions].sort((a, b) => a - b)).to.deep.equal(positions);
  });

  it('thins the ticks out on a long axis so labels do not crowd', () => {
    const axis = timeAxis(['2026-08-03', '2028-01-03'], '2026-11-23');
    // 18 months: every third month, on the quarters.
    expect(axis.ticks.map((t) => t.date.slice(0, 7))).to.deep.equal(['2026-10', '2027-01', '2027-04', '2027-07', '2027-10', '2028-01']);
    const shorter = timeAxis(['2026-08-03', '2027-05-03'], '2026-11-23');
    expect(shorter.ticks.every((t) => Number(t.date.slice(5, 7)) % 2 === 1)).to.equal(true);
    const longer = timeAxis(['2026-08-03', '2029-06-03'], '2026-11-23');
    expect(longer.ticks.every((t) => ['01', '07'].includes(t.date.slice(5, 7)))).to.equal(true);
  });

  it('shows only a window when asked, and says which dates fall outside it', () => {
    const axis = timeAxis(['2026-08-03', '2028-01-03'], '2026-11-23', { window: { from: '2026-09-01', to: '2027-03-01' } });
    expect([axis.start, axis.end]).to.deep.equal(['2026-09-01', '2027-03-01']);
    expect(axis.outside('2026-08-03')).to.equal('before');
    expect(axis.outside('2028-01-03')).to.equal('after');
    expect(axis.outside('2026-11-23')).to.equal(undefined);
    expect(axis.position('2028-01-03')).to.equal(100);
  });

  it('still draws an axis when there is no date but today', () => {
    const axis = timeAxis([], '2026-11-23');
    expect(axis.position('2026-11-23')).to.be.greaterThan(0).and.lessThan(100);
  });
});

describe('timeline formatting', () => {
  it('writes spans in days, then weeks and days', () => {
    expect(formatSpan(1)).to.equal('1 day');
    expect(formatSpan(-12)).to.equal('12 days');
    expect(formatSpan(21)).to.equal('3 weeks');
    expect(formatSpan(23)).to.equal('3 weeks and 2 days');
    expect(daysBetween('2026-11-19', '2026-11-24')).to.equal(5);
    expect(daysBetween('2026-02-30', '2026-11-24')).to.equal(undefined);
  });

  it("takes today's date from the device's own calendar day", () => {
    expect(localToday(new Date(2026, 10, 3, 23, 59))).to.equal('2026-11-03');
    expect(localToday(new Date(2027, 0, 1, 0, 1))).to.equal('2027-01-01');
  });
});
