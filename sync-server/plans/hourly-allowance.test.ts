import { describe, expect, it } from 'vitest';
import { HourlyAllowance } from './hourly-allowance.ts';

describe('HourlyAllowance', () => {
  it('allows each person the number per sliding hour, and gives a use back', () => {
    let now = 0;
    const allowance = new HourlyAllowance(3, () => now);
    expect([1, 2, 3, 4].map(() => allowance.take('amy'))).toEqual([true, true, true, false]);
    expect(allowance.take('ben')).toBe(true);
    expect(allowance.minutesUntilFree('amy')).toBe(60);
    now = 30 * 60_000;
    expect(allowance.take('amy')).toBe(false);
    expect(allowance.minutesUntilFree('amy')).toBe(30);
    now = 60 * 60_000 + 1;
    expect(allowance.take('amy')).toBe(true);
    expect(allowance.take('amy')).toBe(true);
    allowance.giveBack('amy');
    expect([1, 2, 3].map(() => allowance.take('amy'))).toEqual([true, true, false]);
  });

  it('refuses an allowance that is not a whole number of at least 1', () => {
    expect(() => new HourlyAllowance(0)).toThrow(RangeError);
    expect(() => new HourlyAllowance(1.5)).toThrow(RangeError);
  });
});
