import { describe, expect, it } from 'vitest';
import { fixedContext } from './context.ts';
import { createPlanDoc, Plan } from './plan.ts';
import { planSpec } from './plan-spec.ts';
import { FormTemplate } from './template/form.ts';
import { meetingsInOrder, previousActions, startNextMeeting } from './next-meeting.ts';
import { testContingency, testIntroduction, testPpm, testTemplates } from './testing/forms.ts';

/** The test PPM with a "Date completed" column in its decisions, as the shipped template has. */
const ppm = FormTemplate.parse({
  ...testPpm,
  sections: testPpm.sections.map((s) => ({
    ...s,
    tables: s.tables.map((t) => (t.id === 'decisions' ? { ...t, columns: [...t.columns, { id: 'completedDate', label: 'Date completed', kind: 'date' }] } : t)),
  })),
});
const spec = planSpec({ ppm, contingency: testContingency, introduction: testIntroduction });

function newPlan(): Plan {
  const ctx = fixedContext('asha', 'a', new Date('2026-12-01T10:00:00Z'));
  return new Plan(createPlanDoc(spec, { childId: 'c1', templates: testTemplates }, ctx), spec, ctx);
}

const decisionsOf = (actions: ReturnType<typeof previousActions>): string[] => actions.map((a) => a.decision.text('decision').toString());

describe('starting the next meeting', () => {
  it('carries forward the decisions of earlier meetings that were not completed, oldest first', () => {
    const plan = newPlan();
    const first = plan.addMeeting({ meetingDate: '2026-08-19' });
    const d1 = plan.ppms.row(first)!.table('decisions');
    d1.insert({ decision: 'Viability assessment', targetDate: '2026-09-01', completedDate: '2026-09-10' });
    d1.insert({ decision: 'Family finding', targetDate: '2026-10-01' });
    const second = plan.addMeeting({ meetingDate: '2026-11-03' });
    const d2 = plan.ppms.row(second)!.table('decisions');
    d2.insert({ decision: 'Book the medical', completedDate: '2026-11-20' });
    d2.insert({ decision: 'Write the CPR' });

    const { meetingId, carriedForward } = startNextMeeting(plan, { meetingDate: '2026-12-08' });
    expect(decisionsOf(carriedForward)).toEqual(['Family finding', 'Write the CPR']);
    expect(carriedForward.map((a) => a.meetingDate)).toEqual(['2026-08-19', '2026-11-03']);
    expect(plan.latestMeeting()!.meeting.id).toBe(meetingId);
    // One record per action: nothing was copied into the new meeting.
    expect(plan.ppms.row(meetingId)!.table('decisions').length).toBe(0);
  });

  it('shows a meeting the actions that were open when it was held, even if completed since', () => {
    const plan = newPlan();
    const first = plan.addMeeting({ meetingDate: '2026-08-19' });
    const row = plan.ppms.row(first)!.table('decisions');
    const id = row.insert({ decision: 'Family finding' });
    const second = plan.addMeeting({ meetingDate: '2026-09-16' });
    expect(decisionsOf(previousActions(plan, second))).toEqual(['Family finding']);
    // Completed after the second meeting: still one of its previous actions, but not of the third.
    row.row(id)!.set('completedDate', '2026-10-01');
    const third = plan.addMeeting({ meetingDate: '2026-10-14' });
    expect(decisionsOf(previousActions(plan, second))).toEqual(['Family finding']);
    expect(previousActions(plan, third)).toEqual([]);
    expect(previousActions(plan, first)).toEqual([]);
    expect(previousActions(plan, 'no-such-meeting')).toEqual([]);
  });

  it('dates the new meeting today by the context clock when no date is given, and orders meetings by date', () => {
    const plan = newPlan();
    plan.addMeeting({ meetingDate: '2027-01-05' });
    plan.addMeeting({ meetingDate: '2026-08-19' });
    const { meetingId } = startNextMeeting(plan);
    expect(plan.ppms.row(meetingId)!.value('meetingDate')).toBe('2026-12-01');
    expect(meetingsInOrder(plan).map((m) => m.date)).toEqual(['2026-08-19', '2026-12-01', '2027-01-05']);
    expect(() => startNextMeeting(plan, { meetingDate: '2026-02-30' })).toThrow(RangeError);
  });
});
