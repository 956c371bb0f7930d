import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { fixedContext } from '../context.ts';
import { createPlanDoc, Plan } from '../plan.ts';
import { PathwayTemplate } from '../template/pathway.ts';
import { TemplateRegistry } from '../template/registry.ts';
import { testSpec, testTemplates } from '../testing/forms.ts';
import { recordStageDate } from './record-stage.ts';
import { evaluateTimeline } from './evaluate.ts';
import { timelineInputOf, timelineOfPlan } from './of-plan.ts';

const source = { seed: '003_191524bca73c873d.txt', section: 'test' };

/** A gateway, a first meeting and 6-weekly meetings recorded in the PPM records, a placement day in the introduction plan. */
const pathway = PathwayTemplate.parse({
  id: 'test-records',
  version: '1.0.0',
  title: 'Test records',
  kind: 'pathway',
  jurisdiction: ['England'],
  source,
  start: 'gateway',
  stages: [
    { id: 'gateway', title: 'Gateway', source },
    {
      id: 'first-meeting',
      title: 'First meeting',
      recordedIn: { part: 'ppms', meetings: 'first' },
      requires: ['gateway'],
      deadlines: [{ relativeTo: 'gateway', offset: { amount: 10, unit: 'working-days' }, rule: 'within 10 working days', source }],
      source,
    },
    {
      id: 'meeting',
      title: 'Planning meeting',
      recordedIn: { part: 'ppms', meetings: 'after-first' },
      requires: ['first-meeting'],
      recurrence: [{ rrule: 'FREQ=WEEKLY;INTERVAL=6', from: 'first-meeting', until: 'placement', rule: 'every 6 weeks', source }],
      source,
    },
    { id: 'placement', title: 'Placement day', recordedIn: { part: 'introduction', field: 'placementDate' }, requires: ['first-meeting'], source },
  ],
});
const registry = new TemplateRegistry([pathway]);

function newPlan(ctx = fixedContext('Asha Patel', 'a')): Plan {
  const doc = createPlanDoc(testSpec, { childId: 'child-1', templates: testTemplates, child: { name: 'Rowan Example', jurisdiction: 'England' }, pathwayId: 'test-records' }, ctx);
  return new Plan(doc, testSpec, ctx);
}

describe('timelineInputOf: one event, one record', () => {
  it('reads the first dated PPM record as the first meeting and every later one as a repeat, in date order', () => {
    const plan = newPlan();
    plan.recordStage('gateway', '2026-03-02');
    plan.addMeeting({ meetingDate: '2026-04-13' });
    plan.addMeeting({});
    plan.addMeeting({ meetingDate: '2026-03-12' });
    const input = timelineInputOf(plan, registry, '2026-04-20')!;
    expect(input.events.map((e) => [e.stage, e.date])).toEqual([
      ['gateway', '2026-03-02'],
      ['first-meeting', '2026-03-12'],
      ['meeting', '2026-04-13'],
    ]);
    const t = timelineOfPlan(plan, registry, '2026-04-20')!;
    expect(t.stages.find((s) => s.id === 'first-meeting')).toMatchObject({ status: 'done-on-time', done: '2026-03-12' });
    expect(t.occurrences[0]).toMatchObject({ stage: 'meeting', done: '2026-04-13', status: 'done-on-time' });
  });

  it('does not count a stage-table date for a stage recorded elsewhere, and says so', () => {
    const plan = newPlan();
    plan.recordStage('gateway', '2026-03-02');
    plan.recordStage('first-meeting', '2026-03-12');
    plan.recordStage('placement', '2026-05-01');
    const input = timelineInputOf(plan, registry, '2026-03-20')!;
    expect(input.events.map((e) => e.stage)).toEqual(['gateway']);
    expect(input.notCounted?.map((e) => [e.stage, e.date])).toEqual([
      ['first-meeting', '2026-03-12'],
      ['placement', '2026-05-01'],
    ]);
    const t = timelineOfPlan(plan, registry, '2026-03-20')!;
    // Due 16 March (10 working days from 2 March); the stage row does not make it done.
    expect(t.stages.find((s) => s.id === 'first-meeting')).toMatchObject({ status: 'overdue', due: '2026-03-16', done: undefined });
    expect(t.rating).toBe('red');
    const records = t.findings.filter((f) => f.kind === 'record');
    expect(records.map((f) => [f.subject, f.severity])).toEqual([
      ['first-meeting', 'green'],
      ['placement', 'green'],
    ]);
    expect(records[0]!.message).toBe('First meeting is typed into the stages table on 12 March 2026, which the timeline does not count: its record is the PPM record (add the meeting, with its date, to the PPMs).');
  });

  it('reads an introduction-plan date as its stage, with a concurrent edit as a conflict', () => {
    const a = newPlan();
    a.recordStage('gateway', '2026-03-02');
    a.addMeeting({ meetingDate: '2026-03-12' });
    const b = new Plan(new Y.Doc(), testSpec, fixedContext('Morgan Reed', 'b'));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    a.introduction.set('placementDate', '2026-05-01');
    b.introduction.set('placementDate', '2026-05-04');
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    const placement = timelineOfPlan(a, registry, '2026-05-10')!.stages.find((s) => s.id === 'placement')!;
    expect(placement.done).toBeDefined();
    expect([placement.done, ...placement.conflicts].sort()).toEqual(['2026-05-01', '2026-05-04']);
  });
});

describe('a record the plan does not have', () => {
  it('reads the stage from the stage table when the introduction plan has no such field (an older template)', () => {
    const older = PathwayTemplate.parse({
      ...pathway,
      stages: [...pathway.stages, { id: 'pause', title: 'Pause and plan', recordedIn: { part: 'introduction', field: 'pauseAndPlanDate' }, source }],
    });
    const plan = newPlan();
    plan.recordStage('pause', '2026-04-28');
    const input = timelineInputOf(plan, new TemplateRegistry([older]), '2026-05-01')!;
    expect(input.events.map((e) => [e.stage, e.date])).toEqual([['pause', '2026-04-28']]);
    expect(input.notCounted).toEqual([]);
  });
});

describe('dates planned in a record', () => {
  it('counts a PPM booked or a placement day set after today once that day comes, also from an input kept for later', () => {
    const plan = newPlan();
    plan.recordStage('gateway', '2026-03-02');
    plan.addMeeting({ meetingDate: '2026-03-12' });
    plan.addMeeting({ meetingDate: '2026-04-20' });
    plan.introduction.set('placementDate', '2026-05-01');
    const before = timelineOfPlan(plan, registry, '2026-04-10')!;
    expect(before.stages.find((s) => s.id === 'meeting')!.done).toBeUndefined();
    expect(before.stages.find((s) => s.id === 'placement')!).toMatchObject({ done: undefined });
    const input = timelineInputOf(plan, registry, '2026-04-10')!;
    const later = evaluateTimeline({ ...input, today: '2026-05-02' });
    expect(later.stages.find((s) => s.id === 'meeting')!.done).toBe('2026-04-20');
    expect(later.stages.find((s) => s.id === 'placement')!.done).toBe('2026-05-01');
  });
});

describe('recordStageDate', () => {
  it('writes each stage to its record: a PPM record, an introduction date, or a stage row', () => {
    const plan = newPlan();
    expect(recordStageDate(plan, pathway, 'gateway', '2026-03-02', 'from the tracker')).toMatchObject({ part: 'pathway' });
    expect(recordStageDate(plan, pathway, 'first-meeting', '2026-03-12')).toMatchObject({ part: 'ppms' });
    expect(recordStageDate(plan, pathway, 'meeting', '2026-04-20')).toMatchObject({ part: 'ppms' });
    expect(recordStageDate(plan, pathway, 'placement', '2026-05-01')).toEqual({ part: 'introduction', field: 'placementDate' });
    expect(plan.stages.rows().map((r) => [r.value('stage'), r.value('date'), r.text('note').toString()])).toEqual([['gateway', '2026-03-02', 'from the tracker']]);
    expect(plan.ppms.rows().map((m) => m.value('meetingDate'))).toEqual(['2026-03-12', '2026-04-20']);
    expect(plan.introduction.value('placementDate')).toBe('2026-05-01');
    expect(() => recordStageDate(plan, pathway, 'no-such-stage', '2026-05-01')).toThrow(RangeError);
    const t = timelineOfPlan(plan, registry, '2026-05-02')!;
    expect(t.findings.filter((f) => f.kind === 'record')).toEqual([]);
    expect(t.stages.find((s) => s.id === 'placement')!.done).toBe('2026-05-01');
  });
});

describe('recordedIn in the pathway format', () => {
  it('refuses two stages on one record', () => {
    const parsed = PathwayTemplate.safeParse({
      ...pathway,
      stages: [...pathway.stages, { id: 'second-first', title: 'Another first meeting', recordedIn: { part: 'ppms', meetings: 'first' }, source }],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toContain('stages "first-meeting" and "second-first" are both recorded in ppms first: one record is one event');
  });

  it('refuses a part it does not know', () => {
    expect(PathwayTemplate.safeParse({ ...pathway, stages: [{ id: 'gateway', title: 'Gateway', recordedIn: { part: 'contingency', field: 'x' }, source }] }).success).toBe(false);
  });
});
