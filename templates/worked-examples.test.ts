/**
 * Worked examples: each shipped pathway evaluated on a fictional child's dates, with the
 * answers worked out by hand from the source documents' timescales, including the boundary
 * cases (bank holiday weekends, Easter, Christmas, a Scottish holiday that is not an English
 * one, a leap day and a change of clocks).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedContext } from '../model/context.ts';
import { createPlanDoc, Plan } from '../model/plan.ts';
import { planSpec } from '../model/plan-spec.ts';
import { defaultForms, TemplateRegistry } from '../model/template/registry.ts';
import { evaluateTimeline } from '../model/timeline/evaluate.ts';
import { timelineOfPlan } from '../model/timeline/of-plan.ts';
import { STAGE_OF_CHECK } from '../model/timeline/introduction-checks.ts';
import type { Facts, IntroductionCheckId, IntroductionRecord, MeetingRecord, StageResult, Timeline } from '../model/timeline/types.ts';
import type { PathwayTemplate } from '../model/template/pathway.ts';
import { templates } from './index.ts';

interface Example {
  readonly facts?: Facts;
  readonly events: Record<string, string | readonly string[]>;
  readonly today: string;
  readonly introduction?: IntroductionRecord;
  readonly meetings?: readonly MeetingRecord[];
}

function run(pathwayId: string, ex: Example): Timeline {
  const pathway: PathwayTemplate = templates.require('pathway', pathwayId);
  const events = Object.entries(ex.events).flatMap(([stage, d]) => (typeof d === 'string' ? [d] : d).map((date) => ({ stage, date })));
  for (const e of events) expect(pathway.stages.some((s) => s.id === e.stage), `stage ${e.stage} in ${pathwayId}`).toBe(true);
  return evaluateTimeline({ pathway, today: ex.today, facts: ex.facts ?? {}, events, introduction: ex.introduction, meetings: ex.meetings });
}

function stage(t: Timeline, id: string): StageResult {
  const s = t.stages.find((x) => x.id === id);
  if (!s) throw new Error(`no stage ${id}`);
  return s;
}

const ENGLAND_PROCEEDINGS: Facts = { jurisdiction: 'England', proceedings: 'Care proceedings', multiTrack: false };

describe('pathway-adoption (003 Appendix 6)', () => {
  it('initial PPM within 10 working days of the Legal Gateway, counted past Good Friday and Easter Monday', () => {
    // Gateway Thursday 2 April 2026: 3 and 6 April are bank holidays.
    const t = run('pathway-adoption', { facts: ENGLAND_PROCEEDINGS, events: { 'legal-gateway': '2026-04-02' }, today: '2026-04-03' });
    expect(stage(t, 'initial-ppm').due).toBe('2026-04-20');
    expect(stage(t, 'initial-ppm').rule.source.seed).toBe('003_191524bca73c873d.txt');
    // The 3-week deadline (23 April) is later, so the 10 working days bind.
    expect(stage(t, 'initial-ppm').deadlines.map((d) => d.date)).toEqual(['2026-04-20', '2026-04-23']);
  });

  it('week-by-week milestones from the gateway; a calendar deadline on a bank holiday stays on it', () => {
    const t = run('pathway-adoption', { facts: ENGLAND_PROCEEDINGS, events: { 'legal-gateway': '2026-01-05' }, today: '2026-01-06' });
    expect(stage(t, 'shobpa').due).toBe('2026-05-04'); // week 17, early May bank holiday
    expect(stage(t, 'placement-order').due).toBe('2026-07-06'); // week 26
    expect(stage(t, 'matching-panel').due).toBe('2026-08-24'); // week 33
    expect(stage(t, 'placement-day').due).toBe('2026-08-31'); // week 34, the summer bank holiday
    // Matching paperwork 2 weeks before the (projected) matching panel.
    expect(stage(t, 'matching-paperwork-submitted').due).toBe('2026-08-10');
  });

  it('a matching panel recorded before the placement order is out of order (red)', () => {
    const t = run('pathway-adoption', {
      facts: ENGLAND_PROCEEDINGS,
      events: { 'legal-gateway': '2026-01-05', 'placement-order': '2026-07-06', 'matching-panel': '2026-06-01' },
      today: '2026-07-07',
    });
    const problem = t.ordering.find((p) => p.stage === 'matching-panel' && p.requires === 'placement-order');
    expect(problem).toMatchObject({ kind: 'before-prerequisite', date: '2026-06-01', requiredDate: '2026-07-06' });
    expect(t.rating).toBe('red');
  });

  it('PPMs every 6 weeks after the initial PPM, monthly when multi-track', () => {
    const events = { 'legal-gateway': '2026-01-05', 'initial-ppm': '2026-01-16' };
    const six = run('pathway-adoption', { facts: ENGLAND_PROCEEDINGS, events, today: '2026-01-20' });
    expect(six.occurrences.filter((o) => o.stage === 'ppm').map((o) => [o.due, o.rrule])).toEqual([['2026-02-27', 'FREQ=WEEKLY;INTERVAL=6']]);
    const monthly = run('pathway-adoption', { facts: { ...ENGLAND_PROCEEDINGS, multiTrack: true }, events, today: '2026-01-20' });
    expect(monthly.occurrences.filter((o) => o.stage === 'ppm').map((o) => [o.due, o.rrule])).toEqual([['2026-02-16', 'FREQ=MONTHLY']]);
  });

  it('monthly PPMs from 31 January fall due on the leap day; each meeting restarts the clock', () => {
    const t = run('pathway-adoption', {
      facts: { ...ENGLAND_PROCEEDINGS, multiTrack: true },
      events: { 'legal-gateway': '2028-01-17', 'initial-ppm': '2028-01-31', ppm: ['2028-02-29', '2028-03-31'] },
      today: '2028-04-01',
    });
    expect(t.occurrences.filter((o) => o.stage === 'ppm').map((o) => [o.due, o.status])).toEqual([
      ['2028-02-29', 'done-on-time'],
      // A month after 29 February is 29 March: the PPM due then was not held (missed) and the
      // meeting on 31 March was 2 days late.
      ['2028-03-29', 'missed'],
      ['2028-03-29', 'done-late'],
      ['2028-04-30', 'not-yet-due'],
    ]);
  });

  it('a missed monthly tracker meeting is overdue', () => {
    const t = run('pathway-adoption', {
      facts: ENGLAND_PROCEEDINGS,
      events: { 'legal-gateway': '2026-01-05', 'tracker-meeting': ['2026-02-05', '2026-03-05'] },
      today: '2026-04-20',
    });
    const tracker = t.occurrences.filter((o) => o.stage === 'tracker-meeting');
    expect(tracker.map((o) => [o.due, o.status])).toEqual([
      ['2026-02-05', 'done-on-time'],
      ['2026-03-05', 'done-on-time'],
      ['2026-04-05', 'overdue'],
      ['2026-05-05', 'not-yet-due'],
    ]);
    expect(t.findings.some((f) => f.subject === 'tracker-meeting' && f.severity === 'red')).toBe(true);
  });

  it('adoption application not before 10 weeks of placement, unless an early permanence placement', () => {
    const events = { 'legal-gateway': '2026-01-05', 'placement-day': '2026-08-28', 'adoption-application-lodged': '2026-10-01' };
    const t = run('pathway-adoption', { facts: ENGLAND_PROCEEDINGS, events, today: '2026-10-02' });
    expect(stage(t, 'adoption-application-lodged')).toMatchObject({ status: 'done-early', notBefore: '2026-11-06' });
    const ep = run('pathway-adoption', { facts: { ...ENGLAND_PROCEEDINGS, earlyPermanence: true }, events, today: '2026-10-02' });
    expect(stage(ep, 'adoption-application-lodged').status).toBe('done-on-time');
  });

  it('first Child in Care Review within 20 working days, counted past Christmas and New Year', () => {
    // 25 December 2026 is a Friday, Boxing Day a Saturday (substitute Monday 28), 1 January 2027 a Friday.
    const t = run('pathway-adoption', { facts: ENGLAND_PROCEEDINGS, events: { 'became-looked-after': '2026-12-10' }, today: '2026-12-11' });
    expect(stage(t, 'cla-review-1').due).toBe('2027-01-12');
  });

  it('stages that apply only in care proceedings are not applicable without them', () => {
    const t = run('pathway-adoption', { facts: { jurisdiction: 'England', proceedings: 'None' }, events: { 'legal-gateway': '2026-01-05' }, today: '2026-12-01' });
    expect(stage(t, 'placement-order').status).toBe('not-applicable');
    expect(stage(t, 'final-hearing').status).toBe('not-applicable');
  });
});

describe('pathway-permanent-fostering (003 Appendix 6)', () => {
  it('ADM decision within 10 calendar days of the matching panel', () => {
    const t = run('pathway-permanent-fostering', { facts: ENGLAND_PROCEEDINGS, events: { 'legal-gateway': '2026-01-05', 'matching-panel': '2026-10-20' }, today: '2026-10-21' });
    expect(stage(t, 'adm-match-decision').due).toBe('2026-10-30');
  });

  it('a placement on a leap day: the SGO options PPM 12 months on falls on 28 February, and repeats yearly', () => {
    const t = run('pathway-permanent-fostering', {
      facts: ENGLAND_PROCEEDINGS,
      events: { 'legal-gateway': '2027-06-01', 'adm-match-decision': '2028-02-20', 'placement-day': '2028-02-29' },
      today: '2028-03-01',
    });
    expect(stage(t, 'sgo-options-ppm').due).toBe('2029-02-28');
    expect(t.occurrences.filter((o) => o.stage === 'sgo-options-ppm').map((o) => o.due)).toEqual(['2029-02-28']);
  });
});

describe('pathway-reunification (003 Appendix 6)', () => {
  it('supervision order review 3 months before its projected end, 12 months after the final hearing', () => {
    const t = run('pathway-reunification', {
      facts: ENGLAND_PROCEEDINGS,
      events: { 'legal-gateway': '2025-10-06', 'final-hearing': '2026-07-15' },
      today: '2026-07-16',
    });
    expect(stage(t, 'supervision-order-ends').due).toBe('2027-07-15');
    expect(stage(t, 'supervision-order-gateway-review').due).toBe('2027-04-15');
    // Optional: no supervision order may be made, so neither is ever overdue unrecorded.
    expect(stage(t, 'supervision-order-gateway-review').status).toBe('optional');
  });

  it('parenting assessment completed by week 14 and the second review by week 16', () => {
    const t = run('pathway-reunification', {
      facts: ENGLAND_PROCEEDINGS,
      events: { 'legal-gateway': '2026-01-05', 'became-looked-after': '2026-01-02', 'cla-review-1': '2026-01-29' },
      today: '2026-04-14',
    });
    expect(stage(t, 'parenting-assessment-completed')).toMatchObject({ due: '2026-04-13', status: 'overdue' });
    // 12 weeks after review 1 is 23 April; week 16 after the gateway is 27 April.
    expect(stage(t, 'cla-review-2').due).toBe('2026-04-23');
  });
});

describe('pathway-special-guardianship (003 Appendix 6)', () => {
  it('IRO consulted by week 17 and final evidence by week 18, in that order', () => {
    const t = run('pathway-special-guardianship', {
      facts: ENGLAND_PROCEEDINGS,
      events: { 'legal-gateway': '2026-03-02', 'final-care-planning-meeting': '2026-06-01', 'final-evidence-filed': '2026-06-26', 'iro-consultation': '2026-06-29' },
      today: '2026-06-30',
    });
    expect(stage(t, 'iro-consultation')).toMatchObject({ due: '2026-06-29', status: 'done-on-time' });
    expect(stage(t, 'final-evidence-filed').due).toBe('2026-07-06');
    expect(t.ordering.find((p) => p.stage === 'final-evidence-filed' && p.requires === 'iro-consultation')?.kind).toBe('before-prerequisite');
  });
});

describe('pathway-pre-proceedings (003 pre-proceedings guidance)', () => {
  it('working-day deadlines across the spring bank holiday weekend', () => {
    // Gateway Wednesday 20 May 2026; Monday 25 May is the spring bank holiday.
    const t = run('pathway-pre-proceedings', { facts: { jurisdiction: 'England' }, events: { 'legal-gateway': '2026-05-20' }, today: '2026-05-21' });
    expect(stage(t, 'legal-planning-meeting').due).toBe('2026-05-26');
    expect(stage(t, 'pre-proceedings-letter-sent').due).toBe('2026-05-28');
    // "We aim to complete ... within 16 weeks ... The maximum period ... is 26 weeks": the 26
    // weeks are the limit (due), the 16 weeks the target beside it.
    expect(stage(t, 'pre-proceedings-concluded')).toMatchObject({ due: '2026-11-18', dueKind: 'limit', target: '2026-09-09' });
    expect(stage(t, 'exception-report-16-weeks').status).toBe('optional');
  });

  it('once the decision to issue is made: minutes within 24 hours, letter within 2 days, issue within 10 working days', () => {
    const t = run('pathway-pre-proceedings', {
      facts: { jurisdiction: 'England' },
      events: { 'legal-gateway': '2026-05-20', 'decision-to-issue': '2026-12-18' },
      today: '2027-01-06',
    });
    expect(stage(t, 'issue-decision-minutes-to-dcs')).toMatchObject({ due: '2026-12-19', status: 'overdue' });
    expect(stage(t, 'issue-letter-to-parents').due).toBe('2026-12-20');
    // Friday 18 December 2026 + 10 working days, skipping 25 and 28 December and 1 January.
    expect(stage(t, 'issue-proceedings').due).toBe('2027-01-06');
    expect(stage(t, 'issue-proceedings').status).toBe('due-soon');
  });
});

describe('a target is not a maximum (issue 10, point 1)', () => {
  // 003 Appendix 1, Timescale for Pre-proceedings: "We aim to complete the pre-proceedings process
  // within 16 weeks of the initial Legal Gateway ... The maximum period given for the
  // pre-proceedings process is 26 weeks ... An exception report will be required for any case
  // predicted to go over the 16 weeks."
  const gateway = '2026-05-20'; // Wednesday; Monday 25 May 2026 is the spring bank holiday in England
  const early = {
    'case-discussion-with-service-manager': '2026-05-11',
    'gateway-application': '2026-05-13',
    'legal-gateway': gateway,
    'legal-planning-meeting': '2026-05-26', // 3 working days, over the bank holiday
    'pre-proceedings-letter-drafted': '2026-05-26',
    'pre-proceedings-letter-sent': '2026-05-27',
    'gateway-minutes-uploaded': '2026-05-27',
    'pre-proceedings-meeting': '2026-06-02',
    'initial-ppm': '2026-06-02',
  };
  const onStage = (t: Timeline, id: string) => t.findings.filter((f) => f.subject === id);

  it('pre-proceedings: "predicted to go over the 16 weeks" with assessments outstanding makes the exception report due by week 16', () => {
    // 27 August 2026: 13 days before week 16 (9 September), assessments not completed.
    const t = run('pathway-pre-proceedings', { facts: { jurisdiction: 'England' }, events: early, today: '2026-08-27' });
    expect(stage(t, 'exception-report-16-weeks')).toMatchObject({ status: 'due-soon', due: '2026-09-09' });
    expect(stage(t, 'exception-report-16-weeks').requiredBecause?.rule).toMatch(/predicted to go over the 16-week target/);
    // "all cases will be reviewed at week 16 (if they have not already concluded)"
    expect(stage(t, 'gateway-review-week-16')).toMatchObject({ status: 'due-soon', due: '2026-09-09' });
    expect(onStage(t, 'exception-report-16-weeks').map((f) => f.severity)).toEqual(['amber']);
  });

  it('pre-proceedings: not predicted to go over while the assessments are done and week 16 is more than the due-soon window away', () => {
    const t = run('pathway-pre-proceedings', { facts: { jurisdiction: 'England' }, events: { ...early, 'assessments-completed': '2026-08-20' }, today: '2026-08-27' });
    expect(stage(t, 'exception-report-16-weeks').status).toBe('optional');
  });

  it('pre-proceedings: past the 16-week target the stage is amber, not red; past the 26-week maximum it is red', () => {
    const events = { ...early, 'exception-report-16-weeks': '2026-09-01', 'gateway-review-week-16': '2026-09-09' };
    const week17 = run('pathway-pre-proceedings', { facts: { jurisdiction: 'England' }, events, today: '2026-09-16' });
    expect(stage(week17, 'pre-proceedings-concluded').status).toBe('not-yet-due');
    expect(onStage(week17, 'pre-proceedings-concluded').map((f) => [f.severity, f.date])).toEqual([['amber', '2026-09-09']]);
    expect(onStage(week17, 'pre-proceedings-concluded')[0]!.message).toMatch(/past its target of 9 September 2026.*limit is 18 November 2026/);
    expect(stage(week17, 'exception-report-16-weeks').status).toBe('done-on-time');
    const week27 = run('pathway-pre-proceedings', { facts: { jurisdiction: 'England' }, events, today: '2026-11-19' });
    expect(stage(week27, 'pre-proceedings-concluded').status).toBe('overdue');
    expect(onStage(week27, 'pre-proceedings-concluded').map((f) => f.severity)).toEqual(['red']);
    expect(week27.rating).toBe('red');
  });

  it('pre-proceedings: with an extension agreed the 26-week maximum gives way to the 52-week limit, and the extension needs its exception report', () => {
    // Option 3: "An exception report will be required for any case where an extension to the
    // 26-week timescale is proposed"; with an agreed extension pre-proceedings last no longer than 52 weeks.
    const events = {
      ...early,
      'exception-report-16-weeks': '2026-09-01',
      'gateway-review-week-16': '2026-09-09',
      'assessments-completed': '2026-09-30',
      'pre-proceedings-extension-agreed': '2026-10-07',
    };
    const t = run('pathway-pre-proceedings', { facts: { jurisdiction: 'England' }, events, today: '2026-11-25' });
    expect(stage(t, 'pre-proceedings-concluded')).toMatchObject({ due: '2027-05-19', dueKind: 'limit', target: '2026-09-09', status: 'not-yet-due' });
    expect(onStage(t, 'pre-proceedings-concluded').map((f) => f.severity)).toEqual(['amber']);
    expect(stage(t, 'extension-exception-report')).toMatchObject({ status: 'overdue', due: '2026-11-18' });
    expect(stage(t, 'extension-exception-report').requiredBecause?.rule).toMatch(/extension has been agreed/);
    const written = run('pathway-pre-proceedings', { facts: { jurisdiction: 'England' }, events: { ...events, 'extension-exception-report': '2026-10-14' }, today: '2026-11-25' });
    expect(stage(written, 'extension-exception-report').status).toBe('done-on-time');
  });

  it('pre-proceedings: an exception report not written by week 16 is overdue once the case has gone past 16 weeks', () => {
    const t = run('pathway-pre-proceedings', { facts: { jurisdiction: 'England' }, events: early, today: '2026-09-16' });
    expect(stage(t, 'exception-report-16-weeks').status).toBe('overdue');
    expect(onStage(t, 'exception-report-16-weeks')[0]!.severity).toBe('red');
  });

  it('pre-proceedings: concluded in week 20 is information (after the target, within the maximum)', () => {
    const t = run('pathway-pre-proceedings', {
      facts: { jurisdiction: 'England' },
      events: { ...early, 'assessments-completed': '2026-09-30', 'pre-proceedings-concluded': '2026-10-07', 'exception-report-16-weeks': '2026-09-01' },
      today: '2026-10-08',
    });
    expect(stage(t, 'pre-proceedings-concluded').status).toBe('done-on-time');
    expect(onStage(t, 'pre-proceedings-concluded').map((f) => f.severity)).toEqual(['green']);
  });

  it('adoption: the Appendix 6 "Good Practice Permanence" weeks are targets: SHOBPA past week 17 is amber, not red', () => {
    // Gateway Monday 5 January 2026; week 17 is 4 May 2026, the early May bank holiday.
    const t = run('pathway-adoption', { facts: ENGLAND_PROCEEDINGS, events: { 'legal-gateway': '2026-01-05' }, today: '2026-05-05' });
    expect(stage(t, 'shobpa')).toMatchObject({ due: '2026-05-04', dueKind: 'target', status: 'overdue' });
    expect(onStage(t, 'shobpa').map((f) => f.severity)).toEqual(['amber']);
    // 003 8.1 "will take place within 10 working days" is a limit: still red when passed.
    expect(stage(t, 'initial-ppm').dueKind).toBe('limit');
    expect(onStage(t, 'initial-ppm').map((f) => f.severity)).toEqual(['red']);
  });

  it('family finding (001): "typically held within 2 weeks of shortlisting" is a target', () => {
    // Shortlisting Thursday 20 August 2026; the summer bank holiday is Monday 31 August.
    const t = run('pathway-family-finding-transitions', {
      facts: { jurisdiction: 'England' },
      events: { shobpa: '2026-06-01', shortlisting: '2026-08-20' },
      today: '2026-09-04',
    });
    expect(stage(t, 'matching-meeting')).toMatchObject({ due: '2026-09-03', dueKind: 'target', status: 'overdue' });
    expect(onStage(t, 'matching-meeting').map((f) => f.severity)).toEqual(['amber']);
  });

  it('PACE (Scotland): a limit stays a limit; 10 working days across St Andrew\'s Day', () => {
    // "The minute and plan are distributed within 10 working days" of the 2/3 week review:
    // review Friday 20 November 2026; Monday 30 November is St Andrew's Day in Scotland only.
    const t = run('pathway-pace', {
      facts: { jurisdiction: 'Scotland' },
      events: { 'became-looked-after': '2026-11-02', 'planning-meeting-72-hour': '2026-11-04', 'review-2-3-week': '2026-11-20' },
      today: '2026-12-07',
    });
    expect(stage(t, 'review-2-3-week-minutes-distributed')).toMatchObject({ due: '2026-12-07', dueKind: 'limit' });
    const late = run('pathway-pace', {
      facts: { jurisdiction: 'Scotland' },
      events: { 'became-looked-after': '2026-11-02', 'planning-meeting-72-hour': '2026-11-04', 'review-2-3-week': '2026-11-20' },
      today: '2026-12-08',
    });
    expect(onStage(late, 'review-2-3-week-minutes-distributed').map((f) => f.severity)).toEqual(['red']);
  });
});

describe('a missed meeting is a finding (issue 10, point 2)', () => {
  // 003 8.3: "Subsequent Permanence Planning Meetings will take place at least every 6 weeks ...
  // but should take place monthly if there is a multi-track planning process in place."
  const ppm = (t: Timeline) => t.occurrences.filter((o) => o.stage === 'ppm');
  const missedFindings = (t: Timeline) => t.findings.filter((f) => f.kind === 'occurrence' && f.subject === 'ppm' && /was not held/.test(f.message));

  it('pre-proceedings: 9 weeks between the PPMs of 31 March and 2 June (both May bank holidays between): the PPM due 12 May was missed', () => {
    const facts = { jurisdiction: 'England', multiTrack: false };
    const events = { 'legal-gateway': '2026-03-18', 'initial-ppm': '2026-03-31', ppm: ['2026-06-02'] };
    const t = run('pathway-pre-proceedings', { facts, events, today: '2026-06-03' });
    expect(ppm(t).map((o) => [o.due, o.done, o.status])).toEqual([
      ['2026-05-12', undefined, 'missed'], // 31 March + 6 weeks
      ['2026-05-12', '2026-06-02', 'done-late'], // the meeting held after the gap is late
      ['2026-07-14', undefined, 'not-yet-due'], // 6 weeks from the meeting held
    ]);
    const found = missedFindings(t);
    expect(found.map((f) => [f.severity, f.date, f.message])).toEqual([
      ['amber', '2026-05-12', 'Permanence Planning Meeting (PPM) due 12 May 2026 was not held: 9 weeks between the meetings of 31 March 2026 and 2 June 2026; at least every 6 weeks.'],
    ]);
    expect(found[0]!.source?.section).toBe('8.3');
    // Back on its cycle: the next PPM held within 6 weeks of 2 June makes the miss information.
    const later = run('pathway-pre-proceedings', { facts, events: { ...events, ppm: ['2026-06-02', '2026-07-10'] }, today: '2026-07-11' });
    expect(missedFindings(later).map((f) => f.severity)).toEqual(['green']);
  });

  it('adoption, multi-track: monthly PPMs on 16 January and 16 February, then 7 April (after Easter): the one due 16 March was missed', () => {
    const t = run('pathway-adoption', {
      facts: { ...ENGLAND_PROCEEDINGS, multiTrack: true },
      events: { 'legal-gateway': '2026-01-05', 'initial-ppm': '2026-01-16', ppm: ['2026-02-16', '2026-04-07'] },
      today: '2026-04-08',
    });
    expect(ppm(t).map((o) => [o.due, o.status])).toEqual([
      ['2026-02-16', 'done-on-time'],
      ['2026-03-16', 'missed'],
      ['2026-03-16', 'done-late'],
      ['2026-05-07', 'not-yet-due'],
    ]);
    expect(missedFindings(t).map((f) => f.message)).toEqual([
      'Permanence Planning Meeting (PPM) due 16 March 2026 was not held: 7 weeks and 1 day between the meetings of 16 February 2026 and 7 April 2026; at least monthly.',
    ]);
  });

  it('reunification: 13 weeks between PPMs across Christmas: two PPMs missed, each a finding', () => {
    const t = run('pathway-reunification', {
      facts: ENGLAND_PROCEEDINGS,
      events: { 'legal-gateway': '2026-10-19', 'initial-ppm': '2026-11-02', ppm: ['2027-02-01'] },
      today: '2027-02-02',
    });
    expect(ppm(t).map((o) => [o.due, o.status])).toEqual([
      ['2026-12-14', 'missed'],
      ['2027-01-25', 'missed'],
      ['2027-01-25', 'done-late'],
      ['2027-03-15', 'not-yet-due'],
    ]);
    expect(missedFindings(t).map((f) => [f.severity, f.date])).toEqual([
      ['amber', '2026-12-14'],
      ['amber', '2027-01-25'],
    ]);
    expect(missedFindings(t)[1]!.message).toContain('13 weeks between the meetings of 2 November 2026 and 1 February 2027');
  });
});

describe('"not before" as the source means it (issue 10, point 3)', () => {
  const findings = (t: Timeline, id: string) => t.findings.filter((f) => f.subject === id && f.kind === 'stage');

  it('family finding (001): "No decision will be made about the match at the validation meeting ... the next working day": a decision on the summer bank holiday is not too early', () => {
    // Validation visit Friday 28 August 2026; Monday 31 August is the summer bank holiday in England.
    const base = { shobpa: '2026-06-01', shortlisting: '2026-08-10', 'matching-meeting': '2026-08-21', 'matching-validation-visit': '2026-08-28' };
    const onHoliday = run('pathway-family-finding-transitions', { facts: { jurisdiction: 'England' }, events: { ...base, 'decision-to-proceed': '2026-08-31' }, today: '2026-09-01' });
    // Due the next working day, Tuesday 1 September; recorded the day before is on time, not early.
    expect(stage(onHoliday, 'decision-to-proceed')).toMatchObject({ due: '2026-09-01', notBefore: '2026-08-29', status: 'done-on-time' });
    expect(findings(onHoliday, 'decision-to-proceed')).toEqual([]);
    const saturday = run('pathway-family-finding-transitions', { facts: { jurisdiction: 'England' }, events: { ...base, 'decision-to-proceed': '2026-08-29' }, today: '2026-09-01' });
    expect(stage(saturday, 'decision-to-proceed').status).toBe('done-on-time');
    // At the visit itself (the same day) is what the standard rules out.
    const sameDay = run('pathway-family-finding-transitions', { facts: { jurisdiction: 'England' }, events: { ...base, 'decision-to-proceed': '2026-08-28' }, today: '2026-09-01' });
    expect(stage(sameDay, 'decision-to-proceed').status).toBe('done-early');
    expect(findings(sameDay, 'decision-to-proceed').map((f) => f.severity)).toEqual(['amber']);
  });

  it('adoption (003 Appendix 7 "Week 10 of placement"): an application before 10 weeks of placement is truly too early, across the early May bank holiday', () => {
    // Placed Monday 2 March 2026: 10 weeks is Monday 11 May; 4 May is the early May bank holiday.
    const events = { 'legal-gateway': '2025-06-02', 'placement-day': '2026-03-02' };
    const early = run('pathway-adoption', { facts: ENGLAND_PROCEEDINGS, events: { ...events, 'adoption-application-lodged': '2026-05-08' }, today: '2026-05-12' });
    expect(stage(early, 'adoption-application-lodged')).toMatchObject({ notBefore: '2026-05-11', status: 'done-early' });
    const onTime = run('pathway-adoption', { facts: ENGLAND_PROCEEDINGS, events: { ...events, 'adoption-application-lodged': '2026-05-11' }, today: '2026-05-12' });
    expect(stage(onTime, 'adoption-application-lodged').status).toBe('done-on-time');
    // "unless foster to adopt ...": no minimum for an early permanence placement.
    const ep = run('pathway-adoption', { facts: { ...ENGLAND_PROCEEDINGS, earlyPermanence: true }, events: { ...events, 'adoption-application-lodged': '2026-05-08' }, today: '2026-05-12' });
    expect(stage(ep, 'adoption-application-lodged').notBefore).toBeUndefined();
  });

  it('PACE (Scotland): the review "child has been accommodated for 2/3 weeks" on St Andrew\'s Day at 2 weeks is not early; at 13 days it is', () => {
    // Accommodated Monday 16 November 2026; Monday 30 November is St Andrew's Day (Scotland).
    const events = { 'became-looked-after': '2026-11-16', 'planning-meeting-72-hour': '2026-11-18' };
    const onHoliday = run('pathway-pace', { facts: { jurisdiction: 'Scotland' }, events: { ...events, 'review-2-3-week': '2026-11-30' }, today: '2026-12-01' });
    expect(stage(onHoliday, 'review-2-3-week')).toMatchObject({ notBefore: '2026-11-30', due: '2026-12-07', status: 'done-on-time' });
    const tooSoon = run('pathway-pace', { facts: { jurisdiction: 'Scotland' }, events: { ...events, 'review-2-3-week': '2026-11-29' }, today: '2026-12-01' });
    expect(stage(tooSoon, 'review-2-3-week').status).toBe('done-early');
  });
});

describe('pathway-pace (004, Scotland)', () => {
  const SCOTLAND: Facts = { jurisdiction: 'Scotland' };

  it('the 2/3-week review window: too early, on time, and a 6-week review before it', () => {
    const t = run('pathway-pace', {
      facts: SCOTLAND,
      events: { 'became-looked-after': '2026-06-29', 'planning-meeting-72-hour': '2026-07-01', 'review-2-3-week': '2026-07-08', 'review-6-week': '2026-07-06' },
      today: '2026-07-09',
    });
    expect(stage(t, 'planning-meeting-72-hour')).toMatchObject({ due: '2026-07-02', status: 'done-on-time' });
    expect(stage(t, 'review-2-3-week')).toMatchObject({ notBefore: '2026-07-13', due: '2026-07-20', status: 'done-early' });
    expect(t.ordering.find((p) => p.stage === 'review-6-week')).toMatchObject({ kind: 'before-prerequisite', requires: 'review-2-3-week' });
    expect(t.rating).toBe('red');
  });

  it('a Scottish bank holiday that is a working day in England: the first Monday of August', () => {
    const events = { 'became-looked-after': '2026-06-29' };
    const scotland = run('pathway-pace', { facts: SCOTLAND, events, today: '2026-06-30' });
    expect(scotland.region).toBe('scotland');
    expect(stage(scotland, 'review-6-week').due).toBe('2026-08-10');
    // 5 working days before Monday 10 August; Monday 3 August is a holiday in Scotland only.
    expect(stage(scotland, 'lac-report-6-week-review').due).toBe('2026-07-31');
    const england = run('pathway-pace', { facts: { jurisdiction: 'England' }, events, today: '2026-06-30' });
    expect(stage(england, 'lac-report-6-week-review').due).toBe('2026-08-03');
  });

  it("minutes within 10 working days of the review, skipping St Andrew's Day in Scotland", () => {
    const events = { 'became-looked-after': '2026-11-02', 'review-2-3-week': '2026-11-23' };
    const scotland = run('pathway-pace', { facts: SCOTLAND, events, today: '2026-11-24' });
    expect(stage(scotland, 'review-2-3-week-minutes-distributed').due).toBe('2026-12-08');
    const england = run('pathway-pace', { facts: { jurisdiction: 'England' }, events, today: '2026-11-24' });
    expect(stage(england, 'review-2-3-week-minutes-distributed').due).toBe('2026-12-07');
  });
});

describe('pathway-dudley-early-permanence (002)', () => {
  it('early permanence panel within 2 weeks of coming into care, papers 5 days before it', () => {
    const t = run('pathway-dudley-early-permanence', { facts: { jurisdiction: 'England' }, events: { 'became-looked-after': '2026-03-02' }, today: '2026-03-03' });
    expect(stage(t, 'early-permanence-panel').due).toBe('2026-03-16');
    expect(stage(t, 'early-permanence-panel-papers').due).toBe('2026-03-11');
  });

  it('the route follows the primary plan: SGO referral within 5 working days of the second review', () => {
    const events = { 'became-looked-after': '2026-03-02', 'early-permanence-panel': '2026-03-12', 'cla-review-2': '2026-05-29' };
    const sgo = run('pathway-dudley-early-permanence', { facts: { jurisdiction: 'England', primaryPlan: 'Special Guardianship Order (SGO)' }, events, today: '2026-06-01' });
    // Friday 29 May + 5 working days.
    expect(stage(sgo, 'sgo-referral')).toMatchObject({ due: '2026-06-05', status: 'due-soon' });
    expect(stage(sgo, 'long-term-fostering-agreed').status).toBe('not-applicable');
    const fostering = run('pathway-dudley-early-permanence', { facts: { jurisdiction: 'England', primaryPlan: 'Permanent fostering' }, events, today: '2026-06-01' });
    expect(stage(fostering, 'sgo-referral').status).toBe('not-applicable');
    expect(stage(fostering, 'long-term-fostering-agreed').status).not.toBe('not-applicable');
  });
});

describe('pathway-family-finding-transitions (001)', () => {
  it('final introduction plan at least 3 working days before introductions start, after a bank holiday weekend', () => {
    // Introductions start Tuesday 26 May 2026, the day after the spring bank holiday.
    const t = run('pathway-family-finding-transitions', {
      facts: { jurisdiction: 'England' },
      events: { shobpa: '2026-01-05', 'final-introduction-plan-circulated': '2026-05-21', 'introductions-start': '2026-05-26' },
      today: '2026-05-27',
    });
    expect(stage(t, 'final-introduction-plan-circulated')).toMatchObject({ due: '2026-05-20', status: 'done-late' });
    const check = t.introduction.find((c) => c.id === 'final-plan-circulated')!;
    expect(check).toMatchObject({ due: '2026-05-20', done: '2026-05-21', status: 'done-late' });
    expect(t.findings.find((f) => f.subject === 'final-plan-circulated')?.severity).toBe('red');
  });

  it('placement on the Saturday the clocks change: contact within 24 hours and a visit within 72 hours', () => {
    // Clocks go forward at 01:00 on Sunday 29 March 2026; dates do not move.
    const t = run('pathway-family-finding-transitions', {
      facts: { jurisdiction: 'England' },
      events: { shobpa: '2025-10-06', 'pause-and-plan': '2026-03-26', 'placement-day': '2026-03-28', 'foster-carer-support-contact': '2026-03-29' },
      today: '2026-04-01',
    });
    expect(stage(t, 'foster-carer-support-contact')).toMatchObject({ due: '2026-03-29', status: 'done-on-time' });
    expect(stage(t, 'post-placement-visit-72-hours')).toMatchObject({ due: '2026-03-31', status: 'overdue' });
    const visit = t.introduction.find((c) => c.id === 'first-visit')!;
    expect(visit).toMatchObject({ due: '2026-03-31', status: 'overdue' });
    expect(t.introduction.find((c) => c.id === 'placement-after-pause-and-plan')?.status).toBe('done-on-time');
    // "The permanence social worker visits within 72 hours of placement" (row 26): one event, one
    // finding (the introduction check's), not a stage finding as well (issue 10, point 4).
    const about72 = t.findings.filter((f) => /72 hours|visit/i.test(f.message) && f.date === '2026-03-31');
    expect(about72.map((f) => [f.kind, f.severity])).toEqual([['introduction', 'red']]);
  });

  it('placement day without a pause and plan is red; a pause and plan that stopped introductions too', () => {
    const none = run('pathway-family-finding-transitions', {
      facts: { jurisdiction: 'England' },
      events: { shobpa: '2025-10-06', 'introductions-start': '2026-03-16' },
      introduction: { placementDate: '2026-03-20' },
      today: '2026-03-21',
    });
    expect(none.introduction.find((c) => c.id === 'placement-after-pause-and-plan')).toMatchObject({ status: 'overdue', due: '2026-03-19' });
    expect(none.rating).toBe('red');
    const stopped = run('pathway-family-finding-transitions', {
      facts: { jurisdiction: 'England' },
      events: { shobpa: '2025-10-06' },
      introduction: { pauseAndPlanDate: '2026-03-18', pauseAndPlanOutcome: 'Stop introductions', placementDate: '2026-03-20' },
      today: '2026-03-10',
    });
    const check = stopped.introduction.find((c) => c.id === 'placement-after-pause-and-plan')!;
    expect(check.status).toBe('done-late');
    expect(check.message).toContain('Stop introductions');
  });

  it('statutory visits weekly until the first review, then every 6 weeks; first review within 28 days', () => {
    const t = run('pathway-family-finding-transitions', {
      facts: { jurisdiction: 'England' },
      events: {
        shobpa: '2025-10-06',
        'placement-day': '2026-03-02',
        'statutory-visits': ['2026-03-09', '2026-03-16', '2026-03-23'],
        'roa-1': '2026-03-27',
      },
      today: '2026-04-01',
    });
    expect(stage(t, 'roa-1')).toMatchObject({ due: '2026-03-30', status: 'done-on-time' });
    expect(t.occurrences.filter((o) => o.stage === 'statutory-visits').map((o) => [o.due, o.status, o.rrule])).toEqual([
      ['2026-03-09', 'done-on-time', 'FREQ=WEEKLY'],
      ['2026-03-16', 'done-on-time', 'FREQ=WEEKLY'],
      ['2026-03-23', 'done-on-time', 'FREQ=WEEKLY'],
      ['2026-05-08', 'not-yet-due', 'FREQ=WEEKLY;INTERVAL=6'],
    ]);
  });
});

describe('PPM actions (003 Appendix 4)', () => {
  it('an action past its target date without a completion date is overdue and counts towards amber', () => {
    const t = run('pathway-adoption', {
      facts: ENGLAND_PROCEEDINGS,
      events: {},
      meetings: [{ id: 'm1', date: '2026-11-03', actions: [{ id: 'a1', text: 'Start early family finding', responsible: 'Family finder', targetDate: '2026-11-20' }] }],
      today: '2026-11-23',
    });
    expect(t.actions[0]).toMatchObject({ status: 'overdue', due: '2026-11-20' });
    expect(t.rating).toBe('amber');
  });
});

describe('rules that were only in prose (issue 10, point 7)', () => {
  const onStage = (t: Timeline, id: string) => t.findings.filter((f) => f.subject === id);

  it('special guardianship (003 3.8, 8.7, 8.9): a Permanence Plan at the first review is good practice, by the second (4-month) review it is required', () => {
    // 3.8: the IRO will "ensure every child has a Permanence Plan at the 4-month Child in Care Review".
    // 8.9: "By the time of the 2nd Case Review at the latest, a child must have a Permanence Plan ...
    // It is good practice for a primary permanence plan to be presented at the child's first
    // Statutory Case Review". Unplanned care on Wednesday 1 April 2026; gateway Wednesday 15 April
    // (week 2 target: 29 April); first review Friday 24 April, so the first-review target (24 April)
    // comes first; second review within 12 weeks of the first: Friday 17 July.
    const events = { 'became-looked-after': '2026-04-01', 'gateway-application': '2026-04-13', 'legal-gateway': '2026-04-15', 'initial-ppm': '2026-04-22', 'cla-review-1': '2026-04-24' };
    const facts = ENGLAND_PROCEEDINGS;
    const after1 = run('pathway-special-guardianship', { facts, events, today: '2026-04-27' });
    expect(stage(after1, 'permanence-plan')).toMatchObject({ due: '2026-07-17', dueKind: 'limit', target: '2026-04-24', status: 'not-yet-due' });
    expect(onStage(after1, 'permanence-plan').map((f) => [f.severity, f.date])).toEqual([['amber', '2026-04-24']]);
    // Presented after the first review but before the second: after the target, within the limit.
    const between = run('pathway-special-guardianship', { facts, events: { ...events, 'permanence-plan': '2026-05-01' }, today: '2026-05-04' });
    expect(onStage(between, 'permanence-plan').every((f) => f.severity === 'green')).toBe(true);
    // The second review held on 10 July with still no plan: the 4-month limit is broken (red).
    const at2 = run('pathway-special-guardianship', { facts, events: { ...events, 'cla-review-2': '2026-07-10' }, today: '2026-07-13' });
    expect(stage(at2, 'permanence-plan')).toMatchObject({ due: '2026-07-10', status: 'overdue' });
    expect(onStage(at2, 'permanence-plan').map((f) => f.severity)).toContain('red');
    expect(at2.rating).toBe('red');
  });

  it('adoption (003 Appendix 8): CPR guidance "usually within 5 working days of submission", across the early May bank holiday', () => {
    // "There is an ongoing offer for SWs to submit CPRs to the adviser at an early stage ... Support
    // and detailed guidance is provided, usually within 5 working days of submission." An offer, so
    // optional until taken; "usually", so a target. Sent Thursday 30 April 2026: Friday 1 May, (Monday
    // 4 May is the early May bank holiday), Tuesday 5, Wednesday 6, Thursday 7, Friday 8 May.
    const events = { 'legal-gateway': '2026-03-02', 'cpr-started': '2026-03-23' };
    const untaken = run('pathway-adoption', { facts: ENGLAND_PROCEEDINGS, events, today: '2026-09-01' });
    expect(stage(untaken, 'cpr-advice-received').status).toBe('optional');
    const sent = { ...events, 'cpr-submitted-for-advice': '2026-04-30' };
    const t = run('pathway-adoption', { facts: ENGLAND_PROCEEDINGS, events: sent, today: '2026-05-11' });
    expect(stage(t, 'cpr-advice-received')).toMatchObject({ due: '2026-05-08', dueKind: 'target', status: 'overdue' });
    expect(onStage(t, 'cpr-advice-received').map((f) => f.severity)).toEqual(['amber']);
    const onTime = run('pathway-adoption', { facts: ENGLAND_PROCEEDINGS, events: { ...sent, 'cpr-advice-received': '2026-05-08' }, today: '2026-05-11' });
    expect(stage(onTime, 'cpr-advice-received').status).toBe('done-on-time');
  });

  it('adoption (003 Appendix 7): the task list\'s week numbers, week 4 to week 8 of placement', () => {
    // Timescale column: "Ascertain foster carers position ... Week 4"; "Matching panel date reviewed
    // ... Week 26"; "Life Story work completed in time for match"; "Placement ... Week 8 of child
    // living with the adopters". Gateway Monday 5 January 2026 (week 1).
    const fostered = { ...ENGLAND_PROCEEDINGS, placementType: 'Foster care (local authority foster carer)' };
    const t = run('pathway-adoption', { facts: fostered, events: { 'legal-gateway': '2026-01-05' }, today: '2026-01-06' });
    expect(stage(t, 'foster-carer-position-ascertained')).toMatchObject({ due: '2026-02-02', dueKind: 'target' });
    // The foster carer's position is asked of foster carers: Fostering for Adoption carers are
    // already approved adopters.
    const ffa = run('pathway-adoption', { facts: { ...fostered, placementType: 'Fostering for Adoption (FfA)' }, events: { 'legal-gateway': '2026-01-05' }, today: '2026-03-01' });
    expect(stage(ffa, 'foster-carer-position-ascertained').status).toBe('not-applicable');
    expect(stage(t, 'matching-panel-date-reviewed')).toMatchObject({ due: '2026-07-06', dueKind: 'target' });
    // The matching panel is projected for 24 August 2026 (week 33); life story work by then.
    expect(stage(t, 'life-story-work-completed')).toMatchObject({ due: '2026-08-24', dueKind: 'target' });
    const placed = run('pathway-adoption', { facts: ENGLAND_PROCEEDINGS, events: { 'legal-gateway': '2026-01-05', 'placement-day': '2026-08-28' }, today: '2026-08-29' });
    expect(stage(placed, 'post-placement-support-plan')).toMatchObject({ due: '2026-10-23', dueKind: 'target' });
  });

  it('adoption (003 Appendix 7): the decision to proceed "within 48 hours of visiting the family", a bank holiday weekend included', () => {
    // "Contributes to decision, managers oversight and agreement within 48 hours of visiting the
    // family unless exceptional circumstances." Hours, not working days: a visit on Friday 28 August
    // 2026 is answered by Sunday 30 August, the summer bank holiday on the Monday notwithstanding.
    // "Unless exceptional circumstances": a target, so late is amber, not red.
    const events = { 'legal-gateway': '2026-01-05', 'selection-meeting': '2026-07-13', 'identified-family-visited': '2026-08-28' };
    const t = run('pathway-adoption', { facts: ENGLAND_PROCEEDINGS, events, today: '2026-08-29' });
    expect(stage(t, 'decision-to-proceed-to-placement')).toMatchObject({ due: '2026-08-30', dueKind: 'target', status: 'due-soon' });
    const late = run('pathway-adoption', { facts: ENGLAND_PROCEEDINGS, events, today: '2026-09-01' });
    expect(onStage(late, 'decision-to-proceed-to-placement').map((f) => f.severity)).toEqual(['amber']);
  });

  it('adoption (003 Appendix 7): "Escalation Report if application is not lodged by week 40"; suitability reviewed at week 42', () => {
    // Placed Friday 9 January 2026: week 40 of placement is 16 October, week 42 is 30 October.
    const events = { 'legal-gateway': '2025-05-05', 'placement-day': '2026-01-09' };
    const before = run('pathway-adoption', { facts: ENGLAND_PROCEEDINGS, events, today: '2026-10-10' });
    expect(stage(before, 'application-escalation-report').status).toBe('optional');
    expect(stage(before, 'placement-suitability-review').status).toBe('optional');
    const after = run('pathway-adoption', { facts: ENGLAND_PROCEEDINGS, events, today: '2026-10-19' });
    expect(stage(after, 'adoption-application-lodged')).toMatchObject({ due: '2026-10-16', status: 'overdue' });
    expect(stage(after, 'application-escalation-report')).toMatchObject({ due: '2026-10-16', status: 'overdue' });
    expect(stage(after, 'application-escalation-report').requiredBecause?.rule).toMatch(/not been lodged by week 40/);
    expect(stage(after, 'placement-suitability-review')).toMatchObject({ due: '2026-10-30', status: 'due-soon' });
    // Lodged in week 38: no escalation, no review.
    const lodged = run('pathway-adoption', { facts: ENGLAND_PROCEEDINGS, events: { ...events, 'adoption-application-lodged': '2026-10-02' }, today: '2026-10-19' });
    expect(stage(lodged, 'application-escalation-report').status).toBe('optional');
    expect(stage(lodged, 'placement-suitability-review').status).toBe('optional');
  });

  it('adoption (003 Appendix 7, negative pre-birth assessment): "16 weeks to ADM decision" on a sibling\'s adopters', () => {
    const events = { 'legal-gateway': '2026-03-02', 'previous-adopters-interest-registered': '2026-03-09' };
    const t = run('pathway-adoption', { facts: ENGLAND_PROCEEDINGS, events, today: '2026-03-10' });
    expect(stage(t, 'second-time-adopters-adm-decision')).toMatchObject({ due: '2026-06-29', dueKind: 'target' });
    const none = run('pathway-adoption', { facts: ENGLAND_PROCEEDINGS, events: { 'legal-gateway': '2026-03-02' }, today: '2026-12-01' });
    expect(stage(none, 'second-time-adopters-adm-decision').status).toBe('optional');
  });

  it('permanent fostering (003 11.4): the monthly long-term matching tracker once the child has been in care 9 months', () => {
    // "There is a long-term matching tracker meeting that takes place monthly for any children in
    // care that have been in care for 9 months or more." In care from 30 April 2025: 9 months on 30
    // January 2026, so the first meeting is due within the month after, by 28 February 2026 (no 30th).
    const events = { 'legal-gateway': '2025-04-14', 'became-looked-after': '2025-04-30' };
    const t = run('pathway-permanent-fostering', { facts: ENGLAND_PROCEEDINGS, events, today: '2026-03-02' });
    expect(stage(t, 'long-term-matching-tracker-entry')).toMatchObject({ due: '2026-02-28', status: 'overdue' });
    expect(onStage(t, 'long-term-matching-tracker-entry').map((f) => f.severity)).toEqual(['red']);
    // "This enables us to review if children are matched to long term carers ... and also revisit
    // other options if there is not a long-term match": a child matched long term is not on it.
    const matched = run('pathway-permanent-fostering', { facts: { ...ENGLAND_PROCEEDINGS, matched: true }, events, today: '2026-03-02' });
    expect(stage(matched, 'long-term-matching-tracker-entry').status).toBe('not-applicable');
    expect(stage(matched, 'long-term-matching-tracker-meeting').status).toBe('not-applicable');
    // First considered on 10 February; the next meeting held is 20 April: the one due 10 March and
    // the one due 10 April were missed, and the meeting of 20 April is late.
    const held = run('pathway-permanent-fostering', {
      facts: ENGLAND_PROCEEDINGS,
      events: { ...events, 'long-term-matching-tracker-entry': '2026-02-10', 'long-term-matching-tracker-meeting': '2026-04-20' },
      today: '2026-04-21',
    });
    const repeats = held.occurrences.filter((o) => o.stage === 'long-term-matching-tracker-meeting');
    expect(repeats.map((o) => [o.due, o.status])).toEqual([
      ['2026-03-10', 'missed'],
      ['2026-04-10', 'missed'],
      ['2026-04-10', 'done-late'],
      ['2026-05-20', 'not-yet-due'],
    ]);
    expect(held.findings.filter((f) => f.subject === 'long-term-matching-tracker-meeting' && f.severity === 'amber').map((f) => f.date)).toEqual(['2026-03-10', '2026-04-10']);
  });

  it('reunification (003 Appendix 10): 12 months at most, extendable, but "not ... beyond three years from the date on which the Supervision Order began"', () => {
    const events = { 'legal-gateway': '2025-10-06', 'final-hearing': '2026-07-15', 'supervision-order-gateway-review': '2027-04-08' };
    const unextended = run('pathway-reunification', { facts: ENGLAND_PROCEEDINGS, events, today: '2027-04-09' });
    expect(stage(unextended, 'supervision-order-ends').due).toBe('2027-07-15');
    const extended = run('pathway-reunification', { facts: ENGLAND_PROCEEDINGS, events: { ...events, 'supervision-order-extended': '2027-06-01' }, today: '2027-06-02' });
    expect(stage(extended, 'supervision-order-ends').due).toBe('2029-07-15');
    const beyond = run('pathway-reunification', { facts: ENGLAND_PROCEEDINGS, events: { ...events, 'supervision-order-extended': '2027-06-01', 'supervision-order-ends': '2029-09-01' }, today: '2029-09-02' });
    expect(stage(beyond, 'supervision-order-ends').status).toBe('done-late');
  });
});

describe('properties over the shipped pathways (issue 10)', () => {
  const pathways = templates.all().filter((t): t is PathwayTemplate => t.kind === 'pathway');
  const SEVERITY = { red: 0, amber: 1, green: 2 } as const;
  const day0 = Date.UTC(2025, 0, 1);
  const iso = (n: number): string => new Date(day0 + n * 86_400_000).toISOString().slice(0, 10);
  const plan = fc.record({
    pathway: fc.integer({ min: 0, max: pathways.length - 1 }),
    jurisdiction: fc.constantFrom('England', 'Wales', 'Scotland'),
    multiTrack: fc.boolean(),
    proceedings: fc.constantFrom('Care proceedings', 'Pre-proceedings', 'None'),
    earlyPermanence: fc.boolean(),
    // Per stage: not recorded, or recorded on one or two days of the first 500.
    recorded: fc.array(fc.option(fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 2 }), { nil: undefined }), { minLength: 60, maxLength: 60 }),
    today: fc.integer({ min: 0, max: 700 }),
    later: fc.integer({ min: 1, max: 400 }),
  });
  type Plan = typeof plan extends fc.Arbitrary<infer T> ? T : never;
  const evaluate = (p: Plan, today: string): Timeline => {
    const pathway = pathways[p.pathway]!;
    const events = pathway.stages.flatMap((s, i) => (p.recorded[i] ?? []).filter((d) => iso(d) <= iso(p.today)).map((d) => ({ stage: s.id, date: iso(d) })));
    const facts = { jurisdiction: p.jurisdiction, multiTrack: p.multiTrack, proceedings: p.proceedings, earlyPermanence: p.earlyPermanence };
    return evaluateTimeline({ pathway, today, facts, events });
  };

  it('the rating never improves when today moves forward with nothing recorded', () => {
    fc.assert(
      fc.property(plan, (p) => {
        const before = evaluate(p, iso(p.today));
        const after = evaluate(p, iso(p.today + p.later));
        expect(SEVERITY[after.rating], `${before.rating} on ${before.today}, ${after.rating} on ${after.today}`).toBeLessThanOrEqual(SEVERITY[before.rating]);
      }),
      { numRuns: 300 },
    );
  });

  it('no finding is listed twice', () => {
    fc.assert(
      fc.property(plan, (p) => {
        const t = evaluate(p, iso(p.today));
        const seen = t.findings.map((f) => JSON.stringify(f));
        expect(new Set(seen).size).toBe(seen.length);
        // One event, one finding: a stage an introduction check speaks for has none of its own.
        const checked = new Set(t.findings.filter((f) => f.kind === 'introduction').map((f) => STAGE_OF_CHECK[f.subject as IntroductionCheckId]));
        expect(t.findings.filter((f) => f.kind === 'stage' && checked.has(f.subject))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * One event, one record (DESIGN decision 8): a PPM held is its PPM record and an introduction date
 * is in the introduction plan; the pathway's matching stages are read from there, through the
 * plan as the server and the board read it (`timelineOfPlan`).
 */
describe('one event, one record: stages read from the PPM records and the introduction plan', () => {
  function planOn(pathwayId: string, child: Record<string, string | boolean>): Plan {
    const forms = defaultForms(templates);
    const spec = planSpec(forms);
    const ctx = fixedContext('Asha Patel (Social Worker)', 'w');
    const refs = [forms.ppm, forms.contingency, forms.introduction].map((t) => TemplateRegistry.ref(t));
    return new Plan(createPlanDoc(spec, { childId: 'c1', templates: refs, child: { name: 'Rowan Example', ...child }, pathwayId }, ctx), spec, ctx);
  }
  const timeline = (plan: Plan, today: string): Timeline => timelineOfPlan(plan, templates, today)!;

  it('pathway-adoption: a PPM recorded only as a PPM record is the initial PPM, on time, and the next one is its 6-weekly repeat (003 8.1, 8.3)', () => {
    const plan = planOn('pathway-adoption', ENGLAND_PROCEEDINGS as Record<string, string | boolean>);
    // Gateway Thursday 2 April 2026; 10 working days past Good Friday and Easter Monday: 20 April.
    plan.recordStage('legal-gateway', '2026-04-02');
    plan.addMeeting({ meetingDate: '2026-04-16', meetingType: 'Permanence Care Planning Meeting' });
    plan.addMeeting({ meetingDate: '2026-05-28', meetingType: 'Permanence Care Planning Meeting' });
    const t = timeline(plan, '2026-06-01');
    expect(stage(t, 'initial-ppm')).toMatchObject({ status: 'done-on-time', done: '2026-04-16', due: '2026-04-20' });
    // "At least every 6 weeks": 16 April + 6 weeks = 28 May, held that day; the next by 9 July.
    const ppms = t.occurrences.filter((o) => o.stage === 'ppm');
    expect(ppms.map((o) => [o.due, o.done, o.status])).toEqual([
      ['2026-05-28', '2026-05-28', 'done-on-time'],
      ['2026-07-09', undefined, 'not-yet-due'],
    ]);
    expect(stage(t, 'ppm').done).toBe('2026-05-28');
    expect(plan.latestMeeting()?.meeting.value('meetingDate')).toBe('2026-05-28');
  });

  it('pathway-adoption: an initial PPM typed only into the stages table is not done; the timeline says where it belongs', () => {
    const plan = planOn('pathway-adoption', ENGLAND_PROCEEDINGS as Record<string, string | boolean>);
    plan.recordStage('legal-gateway', '2026-04-02');
    plan.recordStage('initial-ppm', '2026-04-16');
    const t = timeline(plan, '2026-04-21');
    // The PPM section has no meeting, and the timeline agrees: due 20 April, not held.
    expect(plan.latestMeeting()).toBeUndefined();
    expect(stage(t, 'initial-ppm')).toMatchObject({ status: 'overdue', due: '2026-04-20', done: undefined });
    expect(t.findings.filter((f) => f.subject === 'initial-ppm').map((f) => [f.kind, f.severity])).toEqual([
      ['stage', 'red'],
      ['record', 'green'],
    ]);
    expect(t.rating).toBe('red');
  });

  it('pathway-special-guardianship: monthly PPMs when multi-track come from the PPM records only; a stages-table date does not hold the meeting (003 8.3)', () => {
    const plan = planOn('pathway-special-guardianship', { jurisdiction: 'England', proceedings: 'Care proceedings', multiTrack: true });
    // Gateway Friday 1 May 2026; the early May bank holiday (4 May) is not a working day: due 18 May.
    plan.recordStage('legal-gateway', '2026-05-01');
    plan.addMeeting({ meetingDate: '2026-05-14' });
    plan.addMeeting({ meetingDate: '2026-06-12' });
    plan.recordStage('ppm', '2026-07-10');
    const t = timeline(plan, '2026-07-20');
    expect(stage(t, 'initial-ppm')).toMatchObject({ status: 'done-on-time', done: '2026-05-14', due: '2026-05-18' });
    const ppms = t.occurrences.filter((o) => o.stage === 'ppm');
    // Monthly: 14 May, then by 14 June (held 12 June), then by 12 July: not held, whatever the stages table says.
    expect(ppms.slice(0, 2).map((o) => [o.due, o.done, o.status])).toEqual([
      ['2026-06-14', '2026-06-12', 'done-on-time'],
      ['2026-07-12', undefined, 'overdue'],
    ]);
    expect(stage(t, 'ppm').done).toBe('2026-06-12');
    expect(t.findings.some((f) => f.kind === 'occurrence' && f.subject === 'ppm' && f.severity === 'red')).toBe(true);
    expect(t.findings.filter((f) => f.kind === 'record').map((f) => [f.subject, f.date])).toEqual([['ppm', '2026-07-10']]);
  });

  it('pathway-family-finding-transitions: the introduction stages take their dates from the introduction plan, and a late 72-hour visit is one finding (001 rows 22-26)', () => {
    const plan = planOn('pathway-family-finding-transitions', { jurisdiction: 'England' });
    plan.recordStage('shobpa', '2026-01-05');
    const intro = plan.introduction;
    intro.set('planningMeetingDate', '2026-05-11');
    intro.set('finalPlanCirculatedDate', '2026-05-13'); // 3 working days before Monday 18 May
    intro.set('introductionsStartDate', '2026-05-18');
    intro.set('pauseAndPlanDate', '2026-05-21');
    intro.set('pauseAndPlanOutcome', 'Proceed as planned');
    intro.set('placementDate', '2026-05-22');
    intro.set('fosterCarerSupportContactDate', '2026-05-22');
    intro.set('fosterCarerVirtualContactDate', '2026-05-23');
    intro.set('firstVisitDate', '2026-05-26'); // 72 hours from Friday 22 May end on Monday 25 May (a bank holiday)
    plan.recordStage('placement-day', '2026-05-29'); // typed in the stages table as well: not counted
    const t = timeline(plan, '2026-05-27');
    expect(
      ['introduction-planning-meeting', 'final-introduction-plan-circulated', 'introductions-start', 'pause-and-plan', 'placement-day', 'post-placement-visit-72-hours'].map((id) => stage(t, id).done),
    ).toEqual(['2026-05-11', '2026-05-13', '2026-05-18', '2026-05-21', '2026-05-22', '2026-05-26']);
    expect(t.introduction.find((c) => c.id === 'final-plan-circulated')?.status).toBe('done-on-time');
    expect(t.introduction.find((c) => c.id === 'first-visit')).toMatchObject({ due: '2026-05-25', done: '2026-05-26', status: 'done-late' });
    const visit = t.findings.filter((f) => f.subject === 'first-visit' || f.subject === 'post-placement-visit-72-hours');
    expect(visit.map((f) => [f.kind, f.severity])).toEqual([['introduction', 'red']]);
    expect(t.findings.filter((f) => f.kind === 'record').map((f) => [f.subject, f.date])).toEqual([['placement-day', '2026-05-29']]);
  });
});

describe("counting from the child's date of birth, and meetings none of which has been held (issue 10, point 7)", () => {
  const looked = { 'legal-gateway': '2024-01-08', 'became-looked-after': '2024-01-10' };

  it('003 11.5: the 16-plus tracker, monthly for a young person in care aged 16 or above, from the 16th birthday', () => {
    // Born 31 May 2010: 16 on Sunday 31 May 2026 (a birthday is a calendar date, weekends count);
    // the first monthly meeting after it at the latest by 30 June 2026 (31 June does not exist).
    const facts: Facts = { jurisdiction: 'England', dateOfBirth: '2010-05-31' };
    const before = run('pathway-permanent-fostering', { facts, events: looked, today: '2026-05-20' });
    expect(stage(before, 'sixteen-plus-tracker-entry')).toMatchObject({ notBefore: '2026-05-31', due: '2026-06-30', status: 'not-yet-due' });
    expect(stage(before, 'sixteen-plus-tracker-entry').rule.source).toEqual({ seed: '003_191524bca73c873d.txt', section: '11.5' });
    const late = run('pathway-permanent-fostering', { facts, events: looked, today: '2026-07-01' });
    expect(late.findings.filter((f) => f.subject === 'sixteen-plus-tracker-entry').map((f) => [f.severity, f.date])).toEqual([['red', '2026-06-30']]);
    // Considered at 15: not the 16-plus tracker yet.
    const early = run('pathway-permanent-fostering', { facts, events: { ...looked, 'sixteen-plus-tracker-entry': '2026-05-20' }, today: '2026-05-21' });
    expect(stage(early, 'sixteen-plus-tracker-entry').status).toBe('done-early');
    // First considered 10 June; no meeting since by 20 July: the one due 10 July was not held.
    const none = run('pathway-permanent-fostering', { facts, events: { ...looked, 'sixteen-plus-tracker-entry': '2026-06-10' }, today: '2026-07-20' });
    expect(none.findings.filter((f) => f.subject === 'sixteen-plus-tracker-meeting').map((f) => [f.severity, f.message])).toEqual([
      ['red', 'No 16-plus tracker meeting has been held since the series began on 10 June 2026: the first was due by 10 July 2026, at least monthly (10 days overdue).'],
    ]);
  });

  it('a leap-day birthday: born 29 February 2008, 16 on 29 February 2024', () => {
    const t = run('pathway-permanent-fostering', { facts: { jurisdiction: 'England', dateOfBirth: '2008-02-29' }, events: looked, today: '2024-02-01' });
    expect(stage(t, 'sixteen-plus-tracker-entry')).toMatchObject({ notBefore: '2024-02-29', due: '2024-03-29' });
  });

  it('without a date of birth recorded nothing is counted from it, and nothing is said to be due', () => {
    const t = run('pathway-permanent-fostering', { facts: { jurisdiction: 'England' }, events: looked, today: '2026-07-01' });
    expect(stage(t, 'sixteen-plus-tracker-entry').due).toBeUndefined();
    expect(t.findings.filter((f) => f.subject.startsWith('sixteen-plus'))).toEqual([]);
  });

  it('003 8.1: no PPM held at all is said in those words, once, with the date the first was due', () => {
    // Gateway Thursday 2 April 2026: 10 working days past Good Friday and Easter Monday is 20 April.
    const t = run('pathway-adoption', { facts: ENGLAND_PROCEEDINGS, events: { 'legal-gateway': '2026-04-02' }, today: '2026-04-22' });
    const ppm = t.findings.filter((f) => f.subject === 'initial-ppm' || f.subject === 'ppm');
    expect(ppm.map((f) => [f.severity, f.message])).toEqual([
      ['red', 'No PPM has been held: Initial Permanence Planning Meeting (PPM) was due by 20 April 2026 (2 days overdue). A meeting held is recorded as a PPM record, with its date.'],
    ]);
  });

  it('003 10.1: a monthly tracker meeting none of which has been held says so, once for the run of repeats due (the next one due is not said again)', () => {
    const t = run('pathway-adoption', { facts: ENGLAND_PROCEEDINGS, events: { 'legal-gateway': '2026-01-05' }, today: '2026-04-01' });
    const tracker = t.findings.filter((f) => f.subject === 'tracker-meeting');
    expect(tracker.map((f) => [f.severity, f.date, f.message])).toEqual([
      ['red', '2026-02-05', 'No Permanence Tracker Meeting (monthly) has been held since the series began on 5 January 2026: the first was due by 5 February 2026, at least monthly (55 days overdue). One more has fallen due since without one held.'],
    ]);
  });
});

describe('003 Appendix 7: the third PPM by week 14, beside the 6-weekly cycle of 8.3 (held: 2)', () => {
  // Gateway Monday 5 January 2026: week 14 ends 13 April 2026 (the Monday after Easter Monday; weeks are calendar weeks).
  const facts: Facts = { jurisdiction: 'England', proceedings: 'Care proceedings', multiTrack: false };
  const base = { 'legal-gateway': '2026-01-05', 'initial-ppm': '2026-01-15' };
  const third = (t: Timeline) => t.heldDeadlines?.find((h) => h.stage === 'ppm' && h.held === 2);

  it('not held by week 14: amber, a target, beside the red of the 6-weekly cycle', () => {
    const t = run('pathway-adoption', { facts, events: { ...base, ppm: '2026-02-26' }, today: '2026-04-20' });
    expect(third(t)).toMatchObject({ title: 'third Permanence Planning Meeting (PPM)', kind: 'target', due: '2026-04-13', status: 'overdue' });
    expect(third(t)!.source).toEqual({ seed: '003_191524bca73c873d.txt', section: 'Appendix 7, Third PPM' });
    const onPpm = t.findings.filter((f) => f.subject === 'ppm');
    expect(onPpm.map((f) => [f.severity, f.date])).toEqual([
      ['red', '2026-04-09'], // 6 weeks after the second PPM of 26 February
      ['amber', '2026-04-13'],
    ]);
    expect(onPpm[1]!.message).toBe('The third Permanence Planning Meeting (PPM) had a target of 13 April 2026 and has not been held (7 days past).');
  });

  it('a late second PPM moves the cycle, not the week-14 target', () => {
    const t = run('pathway-adoption', { facts, events: { ...base, ppm: '2026-03-12' }, today: '2026-04-15' });
    expect(t.occurrences.filter((o) => o.stage === 'ppm' && o.status === 'due-soon').map((o) => o.due)).toEqual(['2026-04-23']);
    expect(third(t)).toMatchObject({ due: '2026-04-13', status: 'overdue' });
  });

  it('held after week 14 is information; held by it, nothing is said', () => {
    const late = run('pathway-adoption', { facts, events: { ...base, ppm: ['2026-02-26', '2026-04-08'] }, today: '2026-04-20' });
    expect(third(late)).toMatchObject({ status: 'done-on-time', done: '2026-04-08' });
    expect(late.findings.filter((f) => f.subject === 'ppm' && f.date === '2026-04-13')).toEqual([]);
    const after = run('pathway-adoption', { facts, events: { ...base, ppm: ['2026-03-12', '2026-04-16'] }, today: '2026-04-20' });
    expect(after.findings.filter((f) => f.subject === 'ppm' && f.severity === 'green').map((f) => f.message)).toContain(
      'Third Permanence Planning Meeting (PPM) was held on 16 April 2026, after its target of 13 April 2026.',
    );
  });
});

describe("facts of the child's details that rules turn on: a sibling group, an unborn baby (003 Appendix 6, Appendix 7)", () => {
  const gateway = { 'legal-gateway': '2026-01-05' };

  it('adoption: "All sibling groups to be subject to sibling assessment prior to ADM (SHOBPA)", week 16', () => {
    const facts: Facts = { ...ENGLAND_PROCEEDINGS, siblingGroup: true };
    const t = run('pathway-adoption', { facts, events: gateway, today: '2026-04-28' });
    expect(stage(t, 'sibling-assessment')).toMatchObject({ due: '2026-04-27', dueKind: 'target', status: 'overdue' });
    expect(t.findings.filter((f) => f.subject === 'sibling-assessment').map((f) => f.severity)).toEqual(['amber']);
    // The ADM decision recorded without it: it must come first.
    const adm = run('pathway-adoption', { facts, events: { ...gateway, 'final-care-planning-meeting': '2026-04-14', 'shobpa-papers-ready': '2026-04-20', 'cpr-quality-assurance': '2026-04-27', shobpa: '2026-04-30' }, today: '2026-05-01' });
    expect(adm.ordering.filter((o) => o.requires === 'sibling-assessment').map((o) => o.kind)).toEqual(['prerequisite-missing']);
    // A single child: no sibling assessment is due, nor missing.
    const single = run('pathway-adoption', { facts: ENGLAND_PROCEEDINGS, events: gateway, today: '2026-04-28' });
    expect(stage(single, 'sibling-assessment').status).toBe('not-applicable');
  });

  it('permanent fostering: sibling assessment by week 16 when in care proceedings', () => {
    const t = run('pathway-permanent-fostering', { facts: { ...ENGLAND_PROCEEDINGS, siblingGroup: true }, events: gateway, today: '2026-04-20' });
    expect(stage(t, 'sibling-assessment')).toMatchObject({ due: '2026-04-27', status: 'due-soon' });
  });

  it('adoption: "Adoption medical booked (if in Care Proceedings or child unborn)" and the CPR started (week 4), also before proceedings for an unborn baby', () => {
    const unborn = run('pathway-adoption', { facts: { jurisdiction: 'England', proceedings: 'Pre-proceedings (PLO)', unbornBaby: true }, events: gateway, today: '2026-01-06' });
    expect(stage(unborn, 'adoption-medical-booked').status).not.toBe('not-applicable');
    expect(stage(unborn, 'cpr-started')).toMatchObject({ due: '2026-02-02', dueKind: 'target' });
    const neither = run('pathway-adoption', { facts: { jurisdiction: 'England', proceedings: 'Pre-proceedings (PLO)' }, events: gateway, today: '2026-01-06' });
    expect(stage(neither, 'adoption-medical-booked').status).toBe('not-applicable');
    expect(stage(neither, 'cpr-started').status).toBe('not-applicable');
  });
});
