import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { afterAll, describe, expect, it } from 'vitest';
import { runAdmin } from './main.ts';
import { exported, samplePlan, tempFolder } from '../testing/test-plans.ts';

async function admin(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

function parse(text: string): { calendar: ICAL.Component; events: ICAL.Event[] } {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

const folder = tempFolder();
afterAll(() => folder.cleanup());
const planFile = folder.write('rowan.json', exported(samplePlan()));

describe('npm run admin -- calendar', () => {
  it('writes the plan as iCalendar to stdout, CRLF to the last line, status 0 even with red findings', async () => {
    const { code, out, err } = await admin('calendar', planFile, '--today', '2026-10-20');
    expect(err).toEqual([]);
    expect(code).toBe(0);
    // What the process writes: each io.out line followed by "\n".
    const text = `${out.join('\n')}\n`;
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);

    const { calendar, events } = parse(text);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(text).toContain('\r\nX-WR-CALNAME:Rowan Example: permanence plan\r\n');
    const summaries = events.map((e) => e.summary);
    expect(summaries).toContain('Due: Legal Planning Meeting');
    expect(summaries).toContain('Legal Gateway decision: threshold reached');
    expect(summaries).toContain('Permanence Planning Meeting (PPM)');
    expect(summaries).toContain('Action due: Book the adoption medical.');
    const ppm = events.find((e) => e.uid === 'child-0042-ppm-series@permanence-board')!;
    expect(ppm.isRecurring()).toBe(true);
    expect(ppm.startDate.toString()).toBe('2026-11-23');
    expect(String(ppm.component.getFirstPropertyValue('rrule'))).toBe('FREQ=WEEKLY;INTERVAL=6');
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    expect(events.every((e) => e.startDate.isDate && e.endDate.isDate)).toBe(true);
  });

  it('keeps the same UIDs across exports, so a re-import updates events', async () => {
    const uids = async (file: string, today: string): Promise<string[]> =>
      parse(`${(await admin('calendar', file, '--today', today)).out.join('\n')}\n`).events.map((e) => e.uid);
    const before = await uids(planFile, '2026-10-20');
    expect(await uids(planFile, '2026-10-20')).toEqual(before);
    const plan = samplePlan();
    const gatewayRow = plan.stages.rows().find((r) => r.value('stage') === 'legal-gateway')!.id;
    expect(before).toContain(`child-0042-legal-gateway-done-${gatewayRow}@permanence-board`);
    // Later, with more recorded: what was there keeps its UID, what is done drops out.
    plan.recordStage('legal-planning-meeting', '2026-10-21');
    const after = await uids(folder.write('rowan-later.json', exported(plan)), '2026-11-02');
    expect(after).toContain(`child-0042-legal-gateway-done-${gatewayRow}@permanence-board`);
    expect(after).toContain('child-0042-ppm-series@permanence-board');
    expect(before).toContain('child-0042-legal-planning-meeting-due@permanence-board');
    expect(after).not.toContain('child-0042-legal-planning-meeting-due@permanence-board');
  });

  it('writes to --out and says so', async () => {
    const target = `${folder.dir}/rowan.ics`;
    const { code, out } = await admin('calendar', planFile, '--today', '2026-10-20', '--out', target);
    expect(code).toBe(0);
    const text = readFileSync(target, 'utf8');
    const { events } = parse(text);
    expect(out).toEqual([`Wrote ${events.length} events for Rowan Example (child child-0042) to ${target}`]);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('refuses what check refuses, status 2', async () => {
    expect((await admin('calendar', `${folder.dir}/nowhere.json`)).err).toEqual([`calendar: ${folder.dir}/nowhere.json cannot be read as a plan:`, '  no such file']);
    expect((await admin('calendar', folder.write('notes.json', 'not json'))).code).toBe(2);
    const json = JSON.parse(JSON.stringify(exported(samplePlan()))) as { pathway: { pathwayId: { value: string }[] } };
    json.pathway.pathwayId[0]!.value = 'pathway-nowhere';
    const unknown = await admin('calendar', folder.write('unknown.json', json));
    expect(unknown.code).toBe(2);
    expect(unknown.err.join('\n')).toContain('"pathway-nowhere"');
    expect((await admin('calendar', planFile, '--today', '2026-13-01')).code).toBe(2);
    expect((await admin('calendar', planFile, '--out', `${folder.dir}/no/such/folder/x.ics`)).err.join('\n')).toMatch(/cannot write/);
  });
});
