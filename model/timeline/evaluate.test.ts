import { describe, expect, it } from 'vitest';
import { HolidayCalendar } from '../calendar/bank-holidays.ts';
import { PathwayTemplate } from '../template/pathway.ts';
import { evaluateTimeline } from './evaluate.ts';
import type { RecordedEvent, Timeline, TimelineInput } from './types.ts';

const source = { seed: '003_191524bca73c873d.txt', section: 'test' };

/** A small pathway exercising every kind of rule, independent of the shipped templates. */
const pathway = PathwayTemplate.parse({
  id: 'test-pathway',
  version: '1.0.0',
  title: 'Test pathway',
  kind: 'pathway',
  jurisdiction: ['England'],
  source,
  start: 'gateway',
  stages: [
    { id: 'gateway', title: 'Gateway', source },
    {
      id: 'first-meeting',
      title: 'First meeting',
      requires: ['gateway'],
      deadlines: [
        { relativeTo: 'gateway', offset: { amount: 10, unit: 'working-days' }, rule: 'within 10 working days', source },
        { relativeTo: 'gateway', offset: { amount: 3, unit: 'weeks' }, rule: 'within 3 weeks', source },
      ],
      source,
    },
    {
      id: 'meeting',
      title: 'Planning meeting',
      requires: ['first-meeting'],
      recurrence: [
        { rrule: 'FREQ=WEEKLY;INTERVAL=6', from: 'first-meeting', until: 'hearing', condition: { not: { fact: 'multiTrack', equals: true } }, rule: 'every 6 weeks', source },
        { rrule: 'FREQ=MONTHLY', from: 'first-meeting', until: 'hearing', condition: { fact: 'multiTrack', equals: true }, rule: 'monthly', source },
      ],
      source,
    },
    {
      id: 'papers',
      title: 'Papers filed',
      requires: ['first-meeting'],
      deadlines: [{ relativeTo: 'hearing', direction: 'before', offset: { amount: 2, unit: 'weeks' }, rule: '2 weeks before the hearing', source }],
      source,
    },
    {
      id: 'hearing',
      title: 'Hearing',
      requires: ['papers'],
      condition: { fact: 'proceedings', in: ['Care proceedings'] },
      deadlines: [{ relativeTo: 'gateway', offset: { amount: 26, unit: 'weeks' }, rule: 'by week 26', source }],
      source,
    },
    {
      id: 'application',
      title: 'Application',
      requires: ['hearing'],
      deadlines: [
        { relativeTo: 'hearing', offset: { amount: 10, unit: 'weeks' }, bound: 'no-earlier-than', rule: 'not before 10 weeks', source },
        { relativeTo: 'hearing', offset: { amount: 40, unit: 'weeks' }, rule: 'by 40 weeks', source },
      ],
      source,
    },
    { id: 'decision-to-issue', title: 'Decision to issue', optional: true, requires: ['gateway'], source },
    {
      id: 'issue',
      title: 'Proceedings issued',
      optional: true,
      requires: ['decision-to-issue'],
      deadlines: [{ relativeTo: 'decision-to-issue', offset: { amount: 10, unit: 'working-days' }, rule: 'within 10 working days of the decision', source }],
      source,
    },
    {
      id: 'exception-report',
      title: 'Exception report',
      optional: true,
      requires: ['gateway'],
      deadlines: [{ relativeTo: 'gateway', offset: { amount: 16, unit: 'weeks' }, rule: 'by week 16', source }],
      source,
    },
  ],
});

function run(events: Record<string, string | string[]>, today: string, more: Partial<TimelineInput> = {}): Timeline {
  const list: RecordedEvent[] = Object.entries(events).flatMap(([stage, d]) => (Array.isArray(d) ? d : [d]).map((date) => ({ stage, date })));
  return evaluateTimeline({ pathway, today, facts: { proceedings: 'Care proceedings' }, events: list, ...more });
}
const stage = (t: Timeline, id: string) => t.stages.find((s) => s.id === id)!;

describe('evaluateTimeline: stages', () => {
  it('takes the earliest of several deadlines, with its rule, counting working days past Easter', () => {
    // Thursday 2 April 2026: Good Friday and Easter Monday are not working days.
    const t = run({ gateway: '2026-04-02' }, '2026-04-03');
    const s = stage(t, 'first-meeting');
    expect(s.due).toBe('2026-04-20');
    expect(s.rule.rule).toBe('within 10 working days');
    expect(s.deadlines.map((d) => d.date)).toEqual(['2026-04-20', '2026-04-23']);
    expect(s.status).toBe('not-yet-due');
  });

  it('marks done on time, done late, due soon and overdue by today', () => {
    expect(stage(run({ gateway: '2026-04-02', 'first-meeting': '2026-04-20' }, '2026-05-01'), 'first-meeting').status).toBe('done-on-time');
    expect(stage(run({ gateway: '2026-04-02', 'first-meeting': '2026-04-21' }, '2026-05-01'), 'first-meeting').status).toBe('done-late');
    expect(stage(run({ gateway: '2026-04-02' }, '2026-04-10'), 'first-meeting').status).toBe('due-soon');
    expect(stage(run({ gateway: '2026-04-02' }, '2026-04-20'), 'first-meeting').status).toBe('due-soon');
    const late = run({ gateway: '2026-04-02' }, '2026-04-21');
    expect(stage(late, 'first-meeting').status).toBe('overdue');
    expect(late.rating).toBe('red');
    expect(late.findings[0]).toMatchObject({ severity: 'red', subject: 'first-meeting', date: '2026-04-20' });
    expect(late.findings[0]!.message).toContain('20 April 2026');
  });

  it('has no due date while the anchor has no date, and projects a later anchor for "before" deadlines', () => {
    const none = run({}, '2026-04-01');
    expect(stage(none, 'first-meeting').due).toBeUndefined();
    expect(stage(none, 'first-meeting').status).toBe('not-yet-due');
    const t = run({ gateway: '2026-01-05' }, '2026-02-01');
    // The hearing is due by week 26 (6 July 2026), so papers are due 2 weeks before.
    expect(stage(t, 'hearing').due).toBe('2026-07-06');
    const papers = stage(t, 'papers');
    expect(papers.due).toBe('2026-06-22');
    expect(papers.deadlines[0]).toMatchObject({ anchor: 'hearing', anchorDate: '2026-07-06', projected: true });
    const listed = run({ gateway: '2026-01-05', hearing: '2026-05-01' }, '2026-02-01');
    expect(stage(listed, 'papers').due).toBe('2026-04-17');
    expect(stage(listed, 'papers').deadlines[0]!.projected).toBe(false);
  });

  it('rules a stage out when its condition fails, and drops deadlines anchored on it', () => {
    const t = evaluateTimeline({ pathway, today: '2026-09-01', facts: { proceedings: 'None' }, events: [{ stage: 'gateway', date: '2026-01-05' }] });
    expect(stage(t, 'hearing').status).toBe('not-applicable');
    expect(stage(t, 'papers').due).toBeUndefined();
    expect(t.findings.some((f) => f.subject === 'hearing')).toBe(false);
  });

  it('flags a stage done before the earliest date allowed', () => {
    const t = run({ gateway: '2026-01-05', 'first-meeting': '2026-01-10', papers: '2026-02-01', hearing: '2026-03-02', application: '2026-04-01' }, '2026-04-02');
    const s = stage(t, 'application');
    expect(s.status).toBe('done-early');
    expect(s.notBefore).toBe('2026-05-11');
    expect(s.rule.rule).toBe('not before 10 weeks');
    expect(t.findings.find((f) => f.subject === 'application')?.severity).toBe('amber');
  });

  it('keeps optional stages quiet until their route is taken', () => {
    const quiet = run({ gateway: '2026-01-05' }, '2026-12-01');
    expect(stage(quiet, 'exception-report').status).toBe('optional');
    expect(stage(quiet, 'issue').status).toBe('optional');
    const taken = run({ gateway: '2026-01-05', 'decision-to-issue': '2026-03-02' }, '2026-12-01');
    expect(stage(taken, 'issue').status).toBe('overdue');
    expect(stage(taken, 'issue').due).toBe('2026-03-16');
    expect(stage(taken, 'exception-report').status).toBe('optional');
  });

  it('reports two dates recorded for one stage, and concurrent alternatives, as a conflict', () => {
    const t = evaluateTimeline({
      pathway,
      today: '2026-02-01',
      facts: {},
      events: [
        { stage: 'gateway', date: '2026-01-05' },
        { stage: 'gateway', date: '2026-01-07' },
        { stage: 'first-meeting', date: '2026-01-12', alternatives: ['2026-01-14'] },
      ],
    });
    expect(stage(t, 'gateway').done).toBe('2026-01-05');
    expect(stage(t, 'gateway').conflicts).toEqual(['2026-01-07']);
    expect(stage(t, 'first-meeting').conflicts).toEqual(['2026-01-14']);
    expect(t.findings.filter((f) => f.kind === 'conflict')).toHaveLength(2);
  });
});

describe('evaluateTimeline: ordering', () => {
  it('finds a stage recorded before its prerequisite and one whose prerequisite is missing', () => {
    const t = run({ gateway: '2026-01-05', 'first-meeting': '2026-01-12', hearing: '2026-03-02', papers: '2026-03-09' }, '2026-03-10');
    expect(t.ordering).toEqual([
      expect.objectContaining({ kind: 'before-prerequisite', stage: 'hearing', requires: 'papers', date: '2026-03-02', requiredDate: '2026-03-09' }),
    ]);
    expect(t.rating).toBe('red');
    const missing = run({ gateway: '2026-01-05', hearing: '2026-03-02' }, '2026-03-03');
    expect(missing.ordering.map((p) => [p.kind, p.stage, p.requires])).toEqual([['prerequisite-missing', 'hearing', 'papers']]);
  });

  it('does not require an optional prerequisite that did not happen, nor one that does not apply', () => {
    const t = run({ gateway: '2026-01-05', issue: '2026-02-01' }, '2026-02-02');
    expect(t.ordering).toEqual([]);
    const ruledOut = evaluateTimeline({ pathway, today: '2026-12-01', facts: {}, events: [{ stage: 'gateway', date: '2026-01-05' }, { stage: 'application', date: '2026-06-01' }] });
    expect(ruledOut.ordering).toEqual([]);
  });
});

describe('evaluateTimeline: recurrences', () => {
  it('expects a meeting every 6 weeks from the first, restarting the clock at each one held', () => {
    const t = run({ gateway: '2026-01-05', 'first-meeting': '2026-01-12', meeting: ['2026-02-20', '2026-04-10'] }, '2026-04-20');
    expect(t.occurrences.map((o) => [o.index, o.due, o.done, o.status])).toEqual([
      [1, '2026-02-23', '2026-02-20', 'done-on-time'],
      // 7 weeks between the meetings of 20 February and 10 April: the one due 3 April was not
      // held (missed), the one held on 10 April was late (issue 10, point 2).
      [2, '2026-04-03', undefined, 'missed'],
      [3, '2026-04-03', '2026-04-10', 'done-late'],
      [4, '2026-05-22', undefined, 'not-yet-due'],
    ]);
    expect(stage(t, 'meeting')).toMatchObject({ status: 'not-yet-due', due: '2026-05-22', done: '2026-04-10', recurring: true });
  });

  it('a missed meeting is an amber finding until the series is back on its cycle', () => {
    const t = run({ gateway: '2026-01-05', 'first-meeting': '2026-01-12', meeting: ['2026-03-02'] }, '2026-03-03');
    const missed = t.findings.filter((f) => f.subject === 'meeting');
    expect(missed.map((f) => [f.severity, f.date, f.message])).toEqual([
      ['amber', '2026-02-23', expect.stringMatching(/due 23 February 2026 was not held: 7 weeks between the meetings of 12 January 2026 and 2 March 2026; at least every 6 weeks\.$/)],
    ]);
    expect(t.rating).not.toBe('green');
    const back = run({ gateway: '2026-01-05', 'first-meeting': '2026-01-12', meeting: ['2026-03-02', '2026-04-10'] }, '2026-04-11');
    expect(back.findings.filter((f) => f.subject === 'meeting').map((f) => f.severity)).toEqual(['green']);
  });

  it('marks missed repeats and an overdue one when nothing is held', () => {
    const t = run({ gateway: '2026-01-05', 'first-meeting': '2026-01-12', meeting: ['2026-05-15'] }, '2026-08-10');
    expect(t.occurrences.map((o) => [o.due, o.status])).toEqual([
      ['2026-02-23', 'missed'],
      ['2026-04-06', 'missed'],
      ['2026-04-06', 'done-late'],
      ['2026-06-26', 'overdue'],
      ['2026-08-07', 'overdue'],
      ['2026-09-18', 'not-yet-due'],
    ]);
    expect(stage(t, 'meeting').status).toBe('overdue');
    expect(t.rating).toBe('red');
  });

  it('follows the multi-track condition (monthly) and stops at the until stage', () => {
    const t = evaluateTimeline({
      pathway,
      today: '2026-06-30',
      facts: { multiTrack: true, proceedings: 'Care proceedings' },
      events: [
        { stage: 'gateway', date: '2026-01-05' },
        { stage: 'first-meeting', date: '2026-01-31' },
        { stage: 'meeting', date: '2026-02-27' },
        { stage: 'meeting', date: '2026-03-27' },
        { stage: 'papers', date: '2026-04-01' },
        { stage: 'hearing', date: '2026-04-20' },
      ],
    });
    // Monthly from 31 January is due on 28 February; after 27 March the next is 27 April, past the hearing.
    expect(t.occurrences.map((o) => [o.due, o.status, o.rrule])).toEqual([
      ['2026-02-28', 'done-on-time', 'FREQ=MONTHLY'],
      ['2026-03-27', 'done-on-time', 'FREQ=MONTHLY'],
    ]);
  });
});

describe('evaluateTimeline: actions, rating, determinism', () => {
  it('turns PPM actions into dated items and counts overdue ones as amber', () => {
    const t = run({ gateway: '2026-01-05', 'first-meeting': '2026-01-12' }, '2026-02-10', {
      meetings: [
        {
          id: 'm1',
          date: '2026-01-12',
          actions: [
            { id: 'a1', text: 'Book the medical', responsible: 'Social worker', targetDate: '2026-02-01' },
            { id: 'a2', text: 'Send the letter', targetDate: '2026-02-01', completedDate: '2026-01-30' },
            { id: 'a3', text: 'No date yet' },
          ],
        },
      ],
    });
    expect(t.actions.map((a) => [a.id, a.status])).toEqual([
      ['a1', 'overdue'],
      ['a2', 'done-on-time'],
      ['a3', 'not-yet-due'],
    ]);
    expect(t.rating).toBe('amber');
    expect(t.reasons.join(' ')).toContain('Book the medical');
  });

  it('is green with a reason when nothing is pressing, and names the next due item', () => {
    const t = run({ gateway: '2026-01-05', 'first-meeting': '2026-01-12' }, '2026-01-13');
    expect(t.rating).toBe('green');
    expect(t.reasons).toHaveLength(1);
    expect(t.nextDue).toMatchObject({ date: '2026-02-23', subject: 'meeting' });
  });

  it('gives the same answer whatever the process time zone', () => {
    const before = process.env.TZ;
    const results: string[] = [];
    try {
      for (const tz of ['Europe/London', 'America/New_York', 'Pacific/Kiritimati', 'UTC']) {
        process.env.TZ = tz;
        results.push(JSON.stringify(run({ gateway: '2026-03-26', 'first-meeting': '2026-03-30' }, '2026-10-25')));
      }
    } finally {
      process.env.TZ = before;
    }
    expect(new Set(results).size).toBe(1);
  });

  it('takes the holiday calendar as an input', () => {
    const noOneOffs = new HolidayCalendar([]);
    // 2023-05-08 (the coronation) is a bank holiday only in the default data.
    const withData = run({ gateway: '2023-05-02' }, '2023-05-03');
    const without = run({ gateway: '2023-05-02' }, '2023-05-03', { holidays: noOneOffs });
    expect(stage(withData, 'first-meeting').due).toBe('2023-05-17');
    expect(stage(without, 'first-meeting').due).toBe('2023-05-16');
  });

  it('refuses a today that is not a date', () => {
    expect(() => run({}, '2026-02-30')).toThrow(RangeError);
  });
});
