import { describe, expect, it } from 'vitest';
import { PathwayTemplate } from '../template/pathway.ts';
import { evaluateTimeline } from './evaluate.ts';

const source = { seed: '003_191524bca73c873d.txt', section: 'test' };

function pathway(stages: unknown[]): ReturnType<typeof PathwayTemplate.safeParse> {
  return PathwayTemplate.safeParse({ id: 'p', version: '1.0.0', title: 'P', kind: 'pathway', jurisdiction: ['England'], source, start: 'gateway', stages: [{ id: 'gateway', title: 'Gateway', source }, ...stages] });
}

const meeting = {
  id: 'meeting',
  title: 'Meeting',
  requires: ['gateway'],
  recurrence: [{ rrule: 'FREQ=WEEKLY;INTERVAL=6', from: 'gateway', rule: 'every 6 weeks', source }],
  deadlines: [{ relativeTo: 'gateway', offset: { amount: 14, unit: 'weeks' }, kind: 'target', held: 2, rule: 'second meeting by week 14', source }],
  source,
};

describe('deadlines for the nth time a stage is held, and the child\'s date of birth as an anchor', () => {
  it('a held deadline is only for a no-later-than deadline of a recurring stage', () => {
    expect(pathway([meeting]).success).toBe(true);
    const once = pathway([{ ...meeting, recurrence: [] }]);
    expect(once.success).toBe(false);
    expect(once.error?.issues.map((i) => i.message).join(' ')).toContain('only a no-later-than deadline of a recurring stage can');
    expect(pathway([{ ...meeting, deadlines: [{ ...meeting.deadlines[0], held: 1 }] }]).success).toBe(false);
  });

  it('no stage may take the id of the date-of-birth anchor; a deadline may count from it', () => {
    expect(pathway([{ id: 'date-of-birth', title: 'Born', source }]).error?.issues[0]?.message).toContain("is the child's date of birth");
    const ok = pathway([{ id: 'at-18', title: 'Eighteen', deadlines: [{ relativeTo: 'date-of-birth', offset: { amount: 18, unit: 'years' }, rule: 'by 18', source }], source }]);
    expect(ok.success).toBe(true);
    const t = evaluateTimeline({ pathway: ok.data!, today: '2030-01-01', facts: { dateOfBirth: '2012-03-31' }, events: [] });
    expect(t.stages.find((s) => s.id === 'at-18')).toMatchObject({ due: '2030-03-31', status: 'not-yet-due' });
  });

  it('the nth record of the stage is that meeting; its status by its own date, separate from the cycle', () => {
    const p = pathway([meeting]).data!;
    const t = evaluateTimeline({ pathway: p, today: '2026-04-20', facts: {}, events: [{ stage: 'gateway', date: '2026-01-05' }, { stage: 'meeting', date: '2026-02-10' }, { stage: 'meeting', date: '2026-04-16' }] });
    expect(t.heldDeadlines).toEqual([expect.objectContaining({ stage: 'meeting', title: 'second Meeting', held: 2, due: '2026-04-13', done: '2026-04-16', status: 'done-late' })]);
    expect(t.findings.filter((f) => f.date === '2026-04-16').map((f) => f.severity)).toEqual(['green']);
    const none = evaluateTimeline({ pathway: p, today: '2026-04-20', facts: {}, events: [{ stage: 'gateway', date: '2026-01-05' }, { stage: 'meeting', date: '2026-02-10' }] });
    expect(none.heldDeadlines?.[0]?.status).toBe('overdue');
    expect(none.findings.find((f) => f.date === '2026-04-13')).toMatchObject({ severity: 'amber', message: 'The second Meeting had a target of 13 April 2026 and has not been held (7 days past).' });
  });
});
