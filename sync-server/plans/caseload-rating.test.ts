import { describe, expect, it } from 'vitest';
import { addDays } from '../../model/calendar/day-math.ts';
import { timelineOfPlan } from '../../model/timeline/of-plan.ts';
import { templates } from '../../templates/index.ts';
import { indexEntryOf, rateStoredInput } from './caseload-rating.ts';
import { buildChildDocuments, planOf, summarise } from './child-documents.ts';

function planInCareFrom(day: string): ReturnType<typeof buildChildDocuments> {
  const docs = buildChildDocuments({ pathwayId: 'pathway-adoption', details: { name: 'Kit Fiction', jurisdiction: 'England' }, by: 'Test data' });
  const plan = planOf(docs.plan)!;
  plan.transact(() => plan.recordStage('became-looked-after', day));
  return docs;
}

describe('caseload rating inputs', () => {
  it('rates a stored input for any later day as the engine rates the plan itself', () => {
    const { plan } = planInCareFrom('2026-11-02');
    const entry = indexEntryOf('c1', plan, '2026-11-02');
    const summary = summarise('c1', plan, '2026-11-02');
    expect(entry.summary).toEqual({ ...summary, updatedAt: entry.summary.updatedAt, ratedOn: '2026-11-02' });
    expect(entry.ratingInput).toEqual(expect.stringContaining('"pathway-adoption"'));
    const seen = new Set<string>();
    for (let i = 0; i < 120; i += 3) {
      const day = addDays('2026-11-02', i);
      const timeline = timelineOfPlan(planOf(plan)!, templates, day)!;
      const rated = rateStoredInput(entry.ratingInput!, day);
      expect(rated).toEqual({ rating: timeline.rating, nextDue: timeline.nextDue?.date ?? null, nextDueTitle: timeline.nextDue?.title ?? null });
      seen.add(rated!.rating!);
    }
    expect([...seen].sort()).toEqual(['amber', 'green', 'red']);
  });

  it('does not use an input it cannot read: another format, an unknown pathway version, not JSON', () => {
    const { plan } = planInCareFrom('2026-11-02');
    const input = indexEntryOf('c1', plan, '2026-11-02').ratingInput!;
    expect(rateStoredInput(input.replace('"format":1', '"format":2'), '2026-12-01')).toBeUndefined();
    expect(rateStoredInput(input.replace(/"version":"[^"]+"/, '"version":"99.0.0"'), '2026-12-01')).toBeUndefined();
    expect(rateStoredInput('{not json', '2026-12-01')).toBeUndefined();
  });

  it('has no input (and no rating) for a plan on a pathway this server does not know', () => {
    const { plan } = buildChildDocuments({ pathwayId: 'pathway-adoption', details: { name: 'Kit' }, by: 'Test data' });
    planOf(plan)!.pathway.set('pathwayId', 'pathway-retired');
    const entry = indexEntryOf('c1', plan, '2026-11-02');
    expect(entry).toMatchObject({ ratingInput: null, summary: { rating: null, ratedOn: '2026-11-02' } });
  });
});
