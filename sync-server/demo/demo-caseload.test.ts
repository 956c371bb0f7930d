import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { timelineOfPlan } from '../../model/timeline/of-plan.ts';
import { templates } from '../../templates/index.ts';
import { planOf } from '../plans/child-documents.ts';
import { seedDemo, type DemoTarget } from './demo-caseload.ts';

/** Seeds the demo into stubs that keep each child's plan document. */
async function demoPlans(today: string): Promise<Y.Doc[]> {
  const docs: Y.Doc[] = [];
  const target = {
    records: { accounts: () => Promise.resolve([]), children: () => Promise.resolve([]), addAccount: () => Promise.resolve(), grant: () => Promise.resolve() },
    plans: {
      store: (_childId: string, built: { plan: Y.Doc }) => {
        docs.push(built.plan);
        return Promise.resolve();
      },
    },
  } as unknown as DemoTarget;
  await seedDemo(target, today);
  return docs;
}

describe('demo caseload', () => {
  it('records each PPM as a PPM record with its date, so the PPM section and the timeline agree (one event, one record)', async () => {
    const today = '2026-12-01';
    const plans = (await demoPlans(today)).map((doc) => planOf(doc)!);
    const rowan = plans.find((p) => p.child.value('name') === 'Rowan Example')!;
    expect(rowan.stages.rows().map((r) => r.value('stage'))).not.toContain('initial-ppm');
    // Initial PPM 100 days before today.
    expect(rowan.latestMeeting()?.meeting.value('meetingDate')).toBe('2026-08-23');
    const timeline = timelineOfPlan(rowan, templates, today)!;
    expect(timeline.stages.find((s) => s.id === 'initial-ppm')!.done).toBe('2026-08-23');
    for (const plan of plans) expect(timelineOfPlan(plan, templates, today)!.findings.filter((f) => f.kind === 'record'), String(plan.child.value('name'))).toEqual([]);
  }, 30_000);
});
