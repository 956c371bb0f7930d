import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { evaluateTimeline } from '../../model/timeline/evaluate.ts';
import { timelineInputOf } from '../../model/timeline/of-plan.ts';
import { templates } from '../../templates/index.ts';
import { samplePlan } from '../testing/test-plans.ts';
import { planEntries, type CalendarEntry } from './entries.ts';
import { escapeText, toICalendar } from './ical.ts';

const STAMP = new Date('2026-10-20T08:30:15.250Z');

function sampleEntries(today: string, edit?: (plan: ReturnType<typeof samplePlan>) => void): CalendarEntry[] {
  const plan = samplePlan();
  edit?.(plan);
  const input = timelineInputOf(plan, templates, today)!;
  return planEntries({ childId: 'child-0042', input, timeline: evaluateTimeline(input) });
}

/** The content lines of iCalendar text, unfolded. */
function unfold(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split('\r\n').slice(0, -1);
}

function events(text: string): ICAL.Event[] {
  const component = new ICAL.Component(ICAL.parse(text) as unknown[]);
  return component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

describe('plan calendar entries', () => {
  const entries = sampleEntries('2026-10-20');
  const byUid = new Map(entries.map((e) => [e.uid, e]));

  it('give every entry a UID made only of the plan: child, item and row ids', () => {
    expect(byUid.size).toBe(entries.length);
    expect(byUid.get('child-0042-legal-planning-meeting-due@permanence-board')?.summary).toBe('Due: Legal Planning Meeting');
    expect(sampleEntries('2026-10-20').map((e) => e.uid)).toEqual(entries.map((e) => e.uid));
  });

  it('enter stages due and not done with their rule and source, and recorded stages on their day', () => {
    const due = byUid.get('child-0042-legal-planning-meeting-due@permanence-board')!;
    expect(due.date).toBe('2026-10-08');
    expect(due.description).toContain('due by 8 October 2026 (overdue)');
    expect(due.description).toContain('Rule: Legal Planning Meeting held by week 1 of the pathway');
    expect(due.description).toContain('Source: Warrington, Securing Permanence policy, Appendix 6, Good Practice Permanence (Adoption), week 1');
    expect(due.description).not.toContain('.txt');
    const done = entries.filter((e) => e.kind === 'done');
    expect(done.map((e) => [e.date, e.summary])).toContainEqual(['2026-10-01', 'Legal Gateway decision: threshold reached']);
    expect(entries.some((e) => e.kind === 'due' && e.summary === 'Due: Family Finder allocated')).toBe(false);
  });

  it('enter each PPM once, as the meeting, and its open actions on their target dates', () => {
    const meetings = entries.filter((e) => e.kind === 'meeting');
    expect(meetings.map((e) => e.date)).toEqual(['2026-10-12']);
    expect(entries.filter((e) => e.date === '2026-10-12')).toHaveLength(1);
    const actions = entries.filter((e) => e.kind === 'action');
    expect(actions.map((e) => e.date).sort()).toEqual(['2026-10-16', '2026-11-30']);
    const long = actions.find((e) => e.date === '2026-11-30')!;
    expect(long.summary.length).toBeLessThanOrEqual('Action due: '.length + 80);
    expect(long.summary).toMatch(/…$/);
    expect(long.description).toContain('Responsible: Connected Persons Team.');
  });

  it('enter open introduction plan checks on their due dates', () => {
    const withIntro = sampleEntries('2026-10-20', (plan) => plan.introduction.set('introductionsStartDate', '2026-11-09'));
    const check = withIntro.find((e) => e.uid === 'child-0042-check-final-plan-circulated-due@permanence-board')!;
    // 3 working days before Monday 9 November 2026.
    expect(check).toMatchObject({ kind: 'check', date: '2026-11-04' });
    expect(check.summary).toMatch(/^Due: /);
    expect(check.description).toContain('Source: Leicestershire, Family Finding and Transitions practice standards, Practice Standards table');
  });

  it('enter a running series once, from the next repeat due, with the template RRULE', () => {
    const ppm = byUid.get('child-0042-ppm-series@permanence-board')!;
    expect(ppm).toMatchObject({ kind: 'series', date: '2026-11-23', rrule: 'FREQ=WEEKLY;INTERVAL=6' });
    expect(ppm.description).toContain('The series ends when Placement day is recorded.');
    expect(byUid.has('child-0042-ppm-due@permanence-board')).toBe(false);
  });

  it('end a series the day before the stage that stops it, when that date is recorded', () => {
    const withPlacement = sampleEntries('2026-10-20', (plan) => plan.introduction.set('placementDate', '2027-03-10'));
    const ppm = withPlacement.find((e) => e.uid === 'child-0042-ppm-series@permanence-board')!;
    expect(ppm.rrule).toBe('FREQ=WEEKLY;INTERVAL=6;UNTIL=20270309');
  });

  it('keep a monthly series on the last day of shorter months, as the engine counts', () => {
    const fromMonthEnd = sampleEntries('2027-01-10', (plan) => {
      plan.stages.rows().find((r) => r.value('stage') === 'legal-gateway')!.set('date', '2026-12-31');
    });
    const tracker = fromMonthEnd.find((e) => e.uid === 'child-0042-tracker-meeting-series@permanence-board')!;
    expect(tracker).toMatchObject({ date: '2027-01-31', rrule: 'FREQ=MONTHLY;BYMONTHDAY=31,-1;BYSETPOS=1' });
  });
});

describe('toICalendar', () => {
  const entries = sampleEntries('2026-10-20');
  const text = toICalendar({ name: 'Rowan Example: permanence plan', entries, stamp: STAMP });
  const raw = text.split('\n');

  it('ends every line with CRLF and folds lines at 75 octets', () => {
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    for (const line of raw.slice(0, -1)) expect(line.endsWith('\r'), JSON.stringify(line)).toBe(true);
    expect(raw.at(-1)).toBe('');
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    expect(text.split('\r\n').some((l) => l.startsWith(' '))).toBe(true);
  });

  it('balances BEGIN and END and has the calendar properties Outlook and Google need', () => {
    const lines = unfold(text);
    const stack: string[] = [];
    for (const l of lines) {
      if (l.startsWith('BEGIN:')) stack.push(l.slice(6));
      if (l.startsWith('END:')) expect(stack.pop()).toBe(l.slice(4));
    }
    expect(stack).toEqual([]);
    expect(lines.slice(0, 2)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0']);
    expect(lines).toContain('PRODID:-//permanence-board//permanence planning board//EN');
    expect(lines).toContain('CALSCALE:GREGORIAN');
    expect(lines).toContain('METHOD:PUBLISH');
    expect(lines).toContain('X-WR-CALNAME:Rowan Example: permanence plan');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(entries.length);
  });

  it('writes all-day events: DATE start, DATE end the next day, UTC stamp, unique UIDs', () => {
    const lines = unfold(text);
    const starts = lines.filter((l) => l.startsWith('DTSTART'));
    const ends = lines.filter((l) => l.startsWith('DTEND'));
    expect(starts).toHaveLength(entries.length);
    expect(ends).toHaveLength(entries.length);
    for (const l of [...starts, ...ends]) expect(l).toMatch(/^DT(START|END);VALUE=DATE:\d{8}$/);
    expect(lines.filter((l) => l.startsWith('DTSTAMP'))).toEqual(entries.map(() => 'DTSTAMP:20261020T083015Z'));
    const uids = lines.filter((l) => l.startsWith('UID:'));
    expect(new Set(uids).size).toBe(entries.length);
    expect(lines).toContain('RRULE:FREQ=WEEKLY;INTERVAL=6');
  });

  it('parses with ical.js to the same events, series and repeats', () => {
    const parsed = events(text);
    expect(parsed.map((e) => e.uid)).toEqual(entries.map((e) => e.uid));
    for (const [i, e] of parsed.entries()) {
      const entry = entries[i]!;
      expect(e.summary).toBe(entry.summary);
      expect(e.description).toBe(entry.description);
      expect(e.startDate.isDate).toBe(true);
      expect(e.startDate.toString()).toBe(entry.date);
      expect(e.endDate.toString()).toBe(e.startDate.clone().adjust(1, 0, 0, 0).toString());
      expect(e.isRecurring()).toBe(entry.rrule !== undefined);
    }
    const ppm = parsed.find((e) => e.uid === 'child-0042-ppm-series@permanence-board')!;
    const it = ppm.iterator();
    const dates = [it.next(), it.next(), it.next()].map((d) => d?.toString());
    expect(dates).toEqual(['2026-11-23', '2027-01-04', '2027-02-15']);
  });

  it('round-trips an UNTIL date and a month-end monthly rule through ical.js', () => {
    const withEnd = sampleEntries('2027-01-10', (plan) => {
      plan.stages.rows().find((r) => r.value('stage') === 'legal-gateway')!.set('date', '2026-12-31');
      plan.introduction.set('placementDate', '2027-06-01');
    });
    const parsed = events(toICalendar({ name: 'x', entries: withEnd, stamp: STAMP }));
    const tracker = parsed.find((e) => e.uid === 'child-0042-tracker-meeting-series@permanence-board')!;
    const rule = tracker.component.getFirstPropertyValue('rrule') as ICAL.Recur;
    expect(rule.until?.toString()).toBe('2027-05-31');
    const it = tracker.iterator();
    const dates: string[] = [];
    for (let d = it.next(); d; d = it.next()) dates.push(d.toString());
    expect(dates).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30', '2027-05-31']);
  });

  it('escapes text, including a calendar name with commas, semicolons and line breaks', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
    const odd = toICalendar({
      name: 'Rowan, "Ro"; Example\nX-INJECTED:1',
      entries: [{ uid: 'u@x', kind: 'action', date: '2026-11-02', summary: 'Action due: call; then, write', description: 'Line 1\nLine 2 — café' }],
      stamp: STAMP,
    });
    expect(unfold(odd).some((l) => l.startsWith('X-INJECTED'))).toBe(false);
    expect(unfold(odd)).toContain('X-WR-CALNAME:Rowan\\, "Ro"\\; Example\\nX-INJECTED:1');
    const [event] = events(odd);
    expect(event!.summary).toBe('Action due: call; then, write');
    expect(event!.description).toBe('Line 1\nLine 2 — café');
  });
});

describe('control characters', () => {
  it('are removed from every text, keeping tab, line breaks and the escaping', () => {
    const text = toICalendar({
      name: 'Rowan\u0000 Example\u000b: plan',
      description: 'as of\u001b[2J today',
      entries: [{ uid: 'u1@permanence-board', kind: 'due', date: '2026-11-02', summary: 'PPM\u0000; review\u007f, \u0085next', description: 'line one\nline\ttwo\u000c' }],
      stamp: STAMP,
    });
    // eslint-disable-next-line no-control-regex -- looking for control characters
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
    const lines = unfold(text);
    expect(lines).toContain('X-WR-CALNAME:Rowan Example: plan');
    expect(lines).toContain('X-WR-CALDESC:as of[2J today');
    expect(lines).toContain('SUMMARY:PPM\\; review\\, next');
    expect(lines).toContain('DESCRIPTION:line one\\nline\ttwo');
    expect(events(text).map((e) => e.summary)).toEqual(['PPM; review, next']);
  });
});
