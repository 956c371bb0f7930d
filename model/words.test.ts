import { describe, expect, it } from 'vitest';
import { days, formatPerson, formatSpan, formatValue, NOT_RECORDED, ukDate, ukMoment, ukShortDate, ukShortMoment } from './words.ts';

describe('words', () => {
  it('writes dates in British style', () => {
    expect(ukDate('2026-11-03')).toBe('3 November 2026');
    expect(ukShortDate('2026-02-29')).toBe('2026-02-29');
    expect(ukShortDate('2028-02-29')).toBe('29 Feb 2028');
    expect(ukShortDate('soon')).toBe('soon');
  });

  it('writes moments in UK time, summer time included', () => {
    expect(ukMoment('2026-07-01T13:05:00Z')).toBe('1 July 2026 at 14:05');
    expect(ukMoment('2026-01-01T13:05:00Z')).toBe('1 January 2026 at 13:05');
    expect(ukShortMoment('2026-02-03T10:02:00Z')).toBe('3 Feb, 10:02');
    expect(ukMoment('not a time')).toBe('not a time');
  });

  it('writes field values, never a blank', () => {
    expect(formatValue({ kind: 'boolean' }, false)).toBe('No');
    expect(formatValue({ kind: 'boolean' }, true)).toBe('Yes');
    expect(formatValue({ kind: 'date' }, '2026-02-03')).toBe('3 February 2026');
    expect(formatValue({ kind: 'date' }, 'next week')).toBe('next week');
    expect(formatValue({ kind: 'string' }, null)).toBe(NOT_RECORDED);
    expect(formatValue({ kind: 'choice' }, undefined)).toBe(NOT_RECORDED);
    expect(formatValue({ kind: 'choice' }, 'Adoption')).toBe('Adoption');
  });

  it('writes spans and people', () => {
    expect(days(1)).toBe('1 day');
    expect(formatSpan(-13)).toBe('13 days');
    expect(formatSpan(14)).toBe('2 weeks');
    expect(formatSpan(23)).toBe('3 weeks and 2 days');
    expect(formatPerson({ name: 'Asha Patel', role: "Child's Social Worker", organisation: 'Northshire Council' })).toBe("Asha Patel (Child's Social Worker, Northshire Council)");
    expect(formatPerson({ name: 'Asha Patel', role: '' })).toBe('Asha Patel');
  });
});
