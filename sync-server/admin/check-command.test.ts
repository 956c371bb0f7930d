import { afterAll, describe, expect, it } from 'vitest';
import type { Timeline } from '../../model/timeline/types.ts';
import { runAdmin } from './main.ts';
import { exported, samplePlan, tempFolder } from '../testing/test-plans.ts';

async function admin(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

/** The parts of a plan's JSON the tests edit. */
interface EditablePlan {
  meta?: { templates: { kind: string; version: string }[] };
  child: Record<string, { value: unknown }[]>;
  pathway: { pathwayId: { value: unknown }[] };
}

/** The sample plan's JSON with one change, as a person editing the export by hand might make. */
function edited(change: (json: EditablePlan) => void): unknown {
  const json = JSON.parse(JSON.stringify(exported(samplePlan()))) as EditablePlan;
  change(json);
  return json;
}

const folder = tempFolder();
afterAll(() => folder.cleanup());
const planFile = folder.write('rowan.json', exported(samplePlan()));

describe('npm run admin -- check', () => {
  it('reports a plan on track with status 0: child, pathway, rating, findings, stage table', async () => {
    const { code, out, err } = await admin('check', planFile, '--today', '2026-10-05');
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(out[0]).toBe('Rowan Example (child child-0042)');
    expect(out[1]).toBe('Pathway: Permanence pathway: adoption (pathway-adoption), started 1 October 2026');
    expect(text).toContain('Overall: AMBER');
    expect(text).not.toContain('RED: act now');
    expect(text).toMatch(/AMBER: due soon or needs attention \(\d+\)\n {2}2026-10-08 {2}Legal Planning Meeting is due by 8 October 2026\./);
    expect(text).toMatch(/^STAGE +STATUS +TARGET +DUE +DONE$/m);
    expect(text).toMatch(/^Legal Gateway decision: threshold reached +done on time +- +- +2026-10-01$/m);
    expect(text).toMatch(/^Legal Planning Meeting +due soon +- +2026-10-08 +-$/m);
  });

  it('reports an overdue stage as red with its rule and source, status 1', async () => {
    const { code, out } = await admin('check', planFile, '--today', '2026-10-20');
    expect(code).toBe(1);
    const text = out.join('\n');
    expect(text).toContain('Overall: RED');
    expect(text).toContain('  - Legal Planning Meeting was due by 8 October 2026 and is not recorded (12 days overdue).');
    const red = out.indexOf(out.find((l) => l.startsWith('RED: act now'))!);
    const amber = out.indexOf(out.find((l) => l.startsWith('AMBER:'))!);
    const i = out.indexOf('  2026-10-08  Legal Planning Meeting was due by 8 October 2026 and is not recorded (12 days overdue).');
    expect(i).toBeGreaterThan(red);
    expect(i).toBeLessThan(amber);
    expect(out[i + 1]!.trim()).toBe(
      'rule: Legal Planning Meeting held by week 1 of the pathway (week 1 is the week of the Legal Gateway decision) ' +
        '(source: Warrington, Securing Permanence policy, Appendix 6, Good Practice Permanence (Adoption), week 1)',
    );
    expect(text).toContain('Action from the PPM of 12 October 2026 (Asha Patel) was due by 16 October 2026 and is not marked done: Book the adoption medical.');
  });

  it('shows the target beside the limit where a stage has both, and marks a due date that is itself a target', async () => {
    const { out } = await admin('check', planFile, '--today', '2026-10-05');
    // The permanence plan (gateway 1 October 2026): good practice is by the first Child in Care
    // Review (16 October, 003 8.9), at the latest the second (8 January 2027, 3.8).
    const row = (title: string): string | undefined => out.find((l) => l.startsWith(title));
    expect(row('SMART Permanence Plan completed and recorded')).toMatch(/ +not yet due +2026-10-16 +2027-01-08 +-$/);
    // The initial PPM's 10 working days (15 October) come before its 3-week target: no target shows.
    expect(row('Initial Permanence Planning Meeting (PPM)')).toMatch(/ +due soon +- +2026-10-15 +-$/);
    // A stage with only a target is due by it, and says so.
    expect(row('Final Care Planning Meeting')).toMatch(/ +not yet due +- +2027-01-14 \(target\) +-$/);
    const targetOnly = out.find((l) => / \(target\) +-$/.test(l));
    expect(targetOnly, 'a stage due by a target').toBeDefined();
  });

  it('prints the whole timeline with the child id as JSON for --json, same status', async () => {
    const { code, out } = await admin('check', planFile, '--today', '2026-10-20', '--json');
    expect(code).toBe(1);
    const json = JSON.parse(out.join('\n')) as Timeline & { childId: string };
    expect(json.childId).toBe('child-0042');
    expect(json.rating).toBe('red');
    expect(json.today).toBe('2026-10-20');
    expect(json.pathwayId).toBe('pathway-adoption');
    expect(json.findings.find((f) => f.subject === 'legal-planning-meeting')).toMatchObject({
      severity: 'red',
      date: '2026-10-08',
      source: { seed: '003_191524bca73c873d.txt' },
      citation: 'Warrington, Securing Permanence policy, Appendix 6, Good Practice Permanence (Adoption), week 1',
    });
    expect(json.stages.length).toBeGreaterThan(10);
    expect((await admin('check', planFile, '--today', '2026-10-05', '--json')).code).toBe(0);
  });

  it('checks for the local date when --today is not given', async () => {
    const { code, out } = await admin('check', planFile, '--json');
    expect([0, 1]).toContain(code);
    const now = new Date();
    const local = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    expect((JSON.parse(out.join('\n')) as Timeline).today).toBe(local);
  });

  it('refuses a missing file, text that is not JSON and a plan without meta, status 2', async () => {
    const missing = await admin('check', `${folder.dir}/nowhere.json`);
    expect(missing.code).toBe(2);
    expect(missing.err).toEqual([`check: ${folder.dir}/nowhere.json cannot be checked:`, '  no such file']);
    const notJson = await admin('check', folder.write('notes.json', 'Rowan: PPM on Tuesday'));
    expect(notJson.code).toBe(2);
    expect(notJson.err.join('\n')).toMatch(/notes\.json cannot be checked:\n {2}not JSON .*expected a plan exported in its plain-JSON form/);
    const noMeta = await admin('check', folder.write('no-meta.json', edited((j) => delete j.meta)));
    expect(noMeta.code).toBe(2);
    expect(noMeta.err.join('\n')).toContain('no "meta" section, so it is not a plan exported by the board');
  });

  it('lists each problem of an invalid plan with its path, status 2', async () => {
    const file = folder.write(
      'bad-dob.json',
      edited((j) => {
        j.child.dateOfBirth![0]!.value = 'yesterday';
        j.child.legalStatus![0]!.value = 'Unknown order';
      }),
    );
    const { code, out, err } = await admin('check', file, '--today', '2026-10-20');
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err[0]).toBe(`check: ${file} cannot be checked:`);
    expect(err.find((l) => l.includes('child.dateOfBirth'))).toMatch(/^ {2}child\.dateOfBirth\.0\.value: .+/);
    expect(err.some((l) => l.includes('child.legalStatus'))).toBe(true);
  });

  it('refuses templates this server does not have, naming the ones it has', async () => {
    const file = folder.write(
      'old-ppm.json',
      edited((j) => {
        j.meta!.templates.find((t) => t.kind === 'ppm')!.version = '9.9.9';
      }),
    );
    const { code, err } = await admin('check', file);
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/names ppm template "ppm" version 9\.9\.9, which this server does not have \(it has: ppm \d+\.\d+\.\d+(, ppm \d+\.\d+\.\d+)*\)/);
  });

  it('refuses a plan whose pathway is unknown or not chosen, status 2', async () => {
    const unknown = folder.write('unknown-pathway.json', edited((j) => (j.pathway.pathwayId[0]!.value = 'pathway-nowhere')));
    const a = await admin('check', unknown, '--today', '2026-10-20');
    expect(a.code).toBe(2);
    expect(a.err.join('\n')).toMatch(/pathway "pathway-nowhere" \(pathway\.pathwayId\) is not a pathway this server has \(known pathways: .*pathway-adoption/);
    const none = folder.write('no-pathway.json', edited((j) => (j.pathway.pathwayId = [])));
    const b = await admin('check', none, '--today', '2026-10-20');
    expect(b.code).toBe(2);
    expect(b.err.join('\n')).toContain('the plan names no pathway (pathway.pathwayId is empty)');
  });

  it('refuses bad arguments with usage, status 2', async () => {
    for (const today of ['2026-02-30', '20/10/2026', 'tomorrow']) {
      const r = await admin('check', planFile, '--today', today);
      expect(r.code, today).toBe(2);
      expect(r.err[0]).toBe(`check: --today must be a real date in the form YYYY-MM-DD, e.g. 2026-11-03 (got "${today}")`);
      expect(r.err[1]).toMatch(/^usage: npm run admin -- check/);
    }
    expect((await admin('check')).err[0]).toBe('check: name the plan file to check');
    expect((await admin('check', planFile, planFile)).code).toBe(2);
    expect((await admin('check', planFile, '--bogus')).code).toBe(2);
  });
});
