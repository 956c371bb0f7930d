import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServerRecords } from '../storage/records/server-records.ts';
import { CaseloadRerating } from './caseload-rerating.ts';

/** Records that hold no child and remember the days the caseload was marked rated for. */
function emptyRecords(): { records: ServerRecords; marked: string[] } {
  const marked: string[] = [];
  const records = {
    childrenToRate: () => Promise.resolve([]),
    rerateChildren: () => Promise.resolve([]),
    caseloadRatedOn: () => Promise.resolve(marked.at(-1) ?? null),
    markCaseloadRated: (day: string) => {
      marked.push(day);
      return Promise.resolve();
    },
  } as unknown as ServerRecords;
  return { records, marked };
}

describe('CaseloadRerating scheduling', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('re-rates on start, then at each local midnight, across the October clock change', async () => {
    // Saturday 24 October 2026, 22:30 BST (21:30 UTC); the clocks go back at 02:00 BST on Sunday.
    vi.useFakeTimers({ now: new Date('2026-10-24T21:30:00.000Z'), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { records, marked } = emptyRecords();
    const rerating = new CaseloadRerating({ records, refreshFromPlan: () => Promise.resolve(true), timeZone: 'Europe/London', say: () => {} });
    await rerating.start();
    expect(marked).toEqual(['2026-10-24']);
    // Midnight BST is 23:00 UTC: 89 minutes on, nothing; 91 minutes on, Sunday.
    await vi.advanceTimersByTimeAsync(89 * 60_000);
    expect(marked).toEqual(['2026-10-24']);
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(marked).toEqual(['2026-10-24', '2026-10-25']);
    // Sunday lasts 25 hours: Monday begins at 00:00 UTC on 26 October (it is 23:01 UTC now).
    await vi.advanceTimersByTimeAsync(25 * 3_600_000 - 60_000 - 1000);
    expect(marked).toEqual(['2026-10-24', '2026-10-25']);
    await vi.advanceTimersByTimeAsync(2000);
    expect(marked).toEqual(['2026-10-24', '2026-10-25', '2026-10-26']);
    await rerating.stop();
    await vi.advanceTimersByTimeAsync(48 * 3_600_000);
    expect(marked).toHaveLength(3);
  });

  it('skips the nightly pass when another instance has already rated the caseload for the day', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-28T23:59:00.000Z'), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { records, marked } = emptyRecords();
    const rerating = new CaseloadRerating({ records, refreshFromPlan: () => Promise.resolve(true), timeZone: 'Europe/London', say: () => {} });
    await rerating.start();
    expect(marked).toEqual(['2026-03-28']);
    marked.push('2026-03-29'); // another instance, at midnight
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(marked).toEqual(['2026-03-28', '2026-03-29']);
    // Sunday 29 March lasts 23 hours: Monday begins at 23:00 UTC (it is 00:01 UTC now).
    await vi.advanceTimersByTimeAsync(22 * 3_600_000 + 58 * 60_000);
    expect(marked).toEqual(['2026-03-28', '2026-03-29']);
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(marked).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    await rerating.stop();
  });
});
