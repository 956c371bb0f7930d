import { describe, expect, it } from 'vitest';
import { citeSource, SOURCES, templates } from '../../templates/index.ts';
import { PathwayTemplate } from '../../model/template/pathway.ts';
import { TemplateRegistry } from '../../model/template/registry.ts';
import type { AdminIo } from './command.ts';
import { runAdmin } from './main.ts';
import { showTemplate } from './templates-show.ts';

async function admin(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('npm run admin -- templates', () => {
  it('lists every template with id, kind, title, version and its source as people cite it', async () => {
    const { code, out } = await admin('templates');
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^ID\s+KIND\s+VERSION\s+JURISDICTION\s+TITLE\s+SOURCE$/);
    for (const t of templates.all()) {
      // An older version kept for the plans made from it (ppm 1.1.0) has a line of its own.
      const line = out.find((l) => l.startsWith(`${t.id} `) && l.includes(` ${t.version} `));
      expect(line, `${t.id} ${t.version}`).toContain(t.kind);
      expect(line!.endsWith(`  ${citeSource(t.source)}`), line).toBe(true);
      expect(line).not.toContain('.txt');
    }
    expect(out.find((l) => l.startsWith('pathway-pre-proceedings '))).toMatch(/ {2}Warrington, Securing Permanence policy, Appendix 1\b/);
    expect(out.at(-1)).toBe(`${templates.all().length} templates`);
  });

  it('answers --json with the same list as data', async () => {
    const { code, out } = await admin('templates', '--json');
    expect(code).toBe(0);
    const rows = JSON.parse(out.join('\n')) as { id: string; source: { seed: string; section: string }; citation: string }[];
    expect(rows.map((r) => r.id)).toEqual(templates.all().map((t) => t.id));
    for (const r of rows) expect(r.citation, r.id).toBe(citeSource(r.source));
    expect(rows.find((r) => r.id === 'pathway-pre-proceedings')?.source.seed).toBe('003_191524bca73c873d.txt');
  });

  it('refuses unknown options and commands with usage and status 2', async () => {
    expect((await admin('templates', '--bogus')).code).toBe(2);
    const unknown = await admin('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err.join('\n')).toMatch(/unknown command "frobnicate"[\s\S]*templates/);
  });
});

describe('npm run admin -- templates show', () => {
  const io = (): { io: AdminIo; out: string[]; err: string[] } => {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (l) => out.push(l), err: (l) => err.push(l) }, out, err };
  };
  const WARRINGTON = { seed: '003_191524bca73c873d.txt', section: '8.1' };
  const pathway = PathwayTemplate.parse({
    id: 'pathway-example',
    version: '1.2.0',
    title: 'Example pathway',
    kind: 'pathway',
    jurisdiction: ['England', 'Wales'],
    source: { seed: '003_191524bca73c873d.txt', section: 'Appendix 6' },
    start: 'gateway',
    stages: [
      { id: 'gateway', title: 'Legal Gateway decision', owner: 'Legal Gateway Panel', source: WARRINGTON },
      {
        id: 'initial-ppm',
        title: 'Initial PPM',
        owner: 'Team Manager (chair)',
        requires: ['gateway'],
        deadlines: [
          { relativeTo: 'gateway', offset: { amount: 10, unit: 'working-days' }, rule: 'Initial PPM within 10 working days of the gateway', source: WARRINGTON },
          { relativeTo: 'gateway', offset: { amount: 1, unit: 'calendar-days' }, bound: 'no-earlier-than', rule: 'Not at the gateway itself', source: WARRINGTON },
        ],
        source: WARRINGTON,
      },
      {
        id: 'ppm',
        title: 'Permanence Planning Meeting',
        requires: ['initial-ppm'],
        optional: true,
        condition: { any: [{ fact: 'legalStatus', in: ['Interim care order', 'Care order'] }, { fact: 'proceedings', equals: 'Pre-proceedings' }] },
        recurrence: [{ rrule: 'FREQ=WEEKLY;INTERVAL=6', from: 'initial-ppm', until: 'gateway', condition: { not: { fact: 'multiTrack', equals: true } }, rule: 'PPMs at least every 6 weeks', source: { seed: '003_191524bca73c873d.txt', section: '8.3' } }],
        source: { seed: '003_191524bca73c873d.txt', section: '8.3' },
      },
    ],
  });

  it('lists a pathway stage by stage: id, title, owner, requires, deadlines with amount, unit and bound, recurrences, each source cited', () => {
    const run = io();
    expect(showTemplate(['pathway-example'], run.io, new TemplateRegistry([pathway]))).toBe(0);
    expect(run.out).toEqual([
      'Example pathway (pathway-example, pathway, version 1.2.0)',
      'Jurisdiction: England, Wales',
      'Source: Warrington, Securing Permanence policy, Appendix 6 (003_191524bca73c873d.txt)',
      '',
      'Starts at: Legal Gateway decision [gateway]',
      'Stages (3):',
      '',
      '1. Legal Gateway decision [gateway]',
      '   Owner: Legal Gateway Panel',
      '   Recorded in: the stages table',
      '   Requires: nothing before it',
      '   Source: Warrington, Securing Permanence policy, 8.1',
      '',
      '2. Initial PPM [initial-ppm]',
      '   Owner: Team Manager (chair)',
      '   Recorded in: the stages table',
      '   Requires: Legal Gateway decision [gateway]',
      '   Deadline: no later than 10 working days after Legal Gateway decision [gateway]',
      '     rule: Initial PPM within 10 working days of the gateway',
      '     source: Warrington, Securing Permanence policy, 8.1',
      '   Deadline: not before 1 calendar day after Legal Gateway decision [gateway]',
      '     rule: Not at the gateway itself',
      '     source: Warrington, Securing Permanence policy, 8.1',
      '   Source: Warrington, Securing Permanence policy, 8.1',
      '',
      '3. Permanence Planning Meeting [ppm] (optional)',
      '   Recorded in: the stages table',
      '   Requires: Initial PPM [initial-ppm]',
      '   Applies when: legalStatus is one of Interim care order, Care order or proceedings is Pre-proceedings',
      '   Repeats: every 6 weeks (FREQ=WEEKLY;INTERVAL=6) from Initial PPM [initial-ppm] until Legal Gateway decision [gateway], when multiTrack is not true',
      '     rule: PPMs at least every 6 weeks',
      '     source: Warrington, Securing Permanence policy, 8.3',
      '   Source: Warrington, Securing Permanence policy, 8.3',
      '',
    ]);
  });

  it('marks a deadline that is a target; a limit (the default) reads as a deadline always has', () => {
    const stages = pathway.stages.map((s) => (s.id === 'initial-ppm' ? { ...s, deadlines: [{ ...s.deadlines[0]!, kind: 'target' as const }, s.deadlines[1]!] } : s));
    const run = io();
    expect(showTemplate(['pathway-example'], run.io, new TemplateRegistry([{ ...pathway, stages }]))).toBe(0);
    expect(run.out).toContain('   Deadline (target): no later than 10 working days after Legal Gateway decision [gateway]');
    expect(run.out).toContain('   Deadline: not before 1 calendar day after Legal Gateway decision [gateway]');
  });

  it('shows every stage, deadline and recurrence of a shipped pathway, sources as people cite them', async () => {
    const p = templates.ofKind('pathway').find((t) => t.id === 'pathway-pre-proceedings')!;
    const { code, out } = await admin('templates', 'show', p.id);
    expect(code).toBe(0);
    expect(out[0]).toBe(`${p.title} (${p.id}, pathway, version ${p.version})`);
    for (const [i, s] of p.stages.entries()) expect(out, s.id).toContain(`${i + 1}. ${s.title} [${s.id}]${s.optional ? ' (optional)' : ''}`);
    expect(out.filter((l) => l.startsWith('   Deadline'))).toHaveLength(p.stages.flatMap((s) => s.deadlines).length);
    expect(out.filter((l) => l.startsWith('   Repeats: '))).toHaveLength(p.stages.flatMap((s) => s.recurrence).length);
    const cited = out.filter((l) => /^ +(S|s)ource: /.test(l));
    expect(cited.length).toBeGreaterThan(p.stages.length);
    for (const l of cited) {
      expect(l).not.toContain('.txt');
      expect(SOURCES.some((d) => l.trimStart().slice('source: '.length).startsWith(d.citation)), l).toBe(true);
    }
    expect(cited).toContain(`   Source: ${citeSource(p.stages[0]!.source)}`);
  });

  it("shows where each stage is recorded (recordedIn): the PPM records, an introduction plan date, else the stages table; --json carries it", async () => {
    const p = templates.ofKind('pathway').find((t) => t.id === 'pathway-adoption')!;
    const { code, out } = await admin('templates', 'show', p.id);
    expect(code).toBe(0);
    const after = (id: string): string | undefined => {
      const i = out.findIndex((l) => l.endsWith(`[${id}]`) && /^\d+\. /.test(l));
      return out.slice(i + 1).find((l) => l.startsWith('   Recorded in: '));
    };
    expect(after('initial-ppm')).toBe('   Recorded in: the first PPM record, its meeting date (ppms)');
    expect(after('ppm')).toBe('   Recorded in: every PPM record after the first, its meeting date (ppms)');
    expect(after('placement-day')).toMatch(/^ {3}Recorded in: the introduction plan, .+ \(introduction\.placementDate\)$/);
    expect(after('legal-gateway')).toBe('   Recorded in: the stages table');
    expect(out.filter((l) => l.startsWith('   Recorded in: '))).toHaveLength(p.stages.length);
    const json = JSON.parse((await admin('templates', 'show', p.id, '--json')).out.join('\n')) as { stages: { id: string; recordedIn?: unknown }[] };
    expect(json.stages.find((s) => s.id === 'initial-ppm')!.recordedIn).toEqual({ part: 'ppms', meetings: 'first' });
    expect(json.stages.find((s) => s.id === 'placement-day')!.recordedIn).toEqual({ part: 'introduction', field: 'placementDate' });
    expect(json.stages.find((s) => s.id === 'legal-gateway')!.recordedIn).toBeUndefined();
  });

  it('shows a deadline counted from the child\'s date of birth in years, and a requiredWhen and an unless in words', async () => {
    const pf = await admin('templates', 'show', 'pathway-permanent-fostering');
    expect(pf.out).toContain("   Deadline: not before 16 years after the child's date of birth");
    const pre = await admin('templates', 'show', 'pathway-pre-proceedings');
    expect(pre.out.some((l) => l.startsWith('   Required when: ') && l.includes('[pre-proceedings-concluded] goes, or is predicted to go, past its target'))).toBe(true);
    expect(pre.out.some((l) => l.startsWith('   Deadline: ') && l.includes(', unless ') && l.endsWith('[pre-proceedings-extension-agreed] is recorded'))).toBe(true);
  });

  it('answers --json with the template as loaded and a citation beside every source', async () => {
    const p = templates.ofKind('pathway').find((t) => t.id === 'pathway-pre-proceedings')!;
    const { code, out } = await admin('templates', 'show', p.id, '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out.join('\n')) as { id: string; citation?: string; source: { citation: string }; stages: { id: string; source: { seed: string; section: string; citation: string }; deadlines: { offset: unknown; bound: string; source: { citation: string } }[] }[] };
    expect(json.id).toBe(p.id);
    expect(json.source.citation).toBe(citeSource(p.source));
    expect(json.stages.map((s) => s.id)).toEqual(p.stages.map((s) => s.id));
    for (const [i, s] of json.stages.entries()) {
      expect(s.source.citation).toBe(citeSource(p.stages[i]!.source));
      expect(s.source.seed).toBe(p.stages[i]!.source.seed);
      for (const [j, d] of s.deadlines.entries()) expect(d).toMatchObject({ offset: p.stages[i]!.deadlines[j]!.offset, bound: p.stages[i]!.deadlines[j]!.bound, source: { citation: citeSource(p.stages[i]!.deadlines[j]!.source) } });
    }
  });

  it('shows the sections and fields of a form, the roles of the role matrix, the tasks of a task list and the items of a checklist', async () => {
    // `templates show <id>` shows the latest version of each.
    for (const t of templates.all().filter((x) => x.kind !== 'pathway' && templates.get(x.id) === x)) {
      const { code, out } = await admin('templates', 'show', t.id);
      expect(code, t.id).toBe(0);
      expect(out[0]).toBe(`${t.title} (${t.id}, ${t.kind}, version ${t.version})`);
      const text = out.join('\n');
      if (t.kind === 'role-matrix' || t.kind === 'task-list') for (const r of t.roles) expect(text, `${t.id} ${r.id}`).toContain(`${r.title} [${r.id}]`);
      if (t.kind === 'task-list') for (const task of t.roles.flatMap((r) => r.tasks)) expect(text).toContain(`  - ${task.text}`);
      if (t.kind === 'checklist') for (const item of t.sections.flatMap((s) => s.items)) expect(out).toContain(`  [ ] ${item.text}`);
      if (t.kind === 'ppm' || t.kind === 'contingency-plan' || t.kind === 'introduction-plan') {
        for (const s of t.sections) {
          expect(text).toContain(`${s.title} [${s.id}]`);
          for (const f of s.fields) expect(out.some((l) => l.startsWith(`  ${f.id} `) && l.includes(`${f.label} (${f.kind}`)), `${t.id} ${f.id}`).toBe(true);
        }
      }
    }
  });

  it('refuses an unknown or missing id with status 2, naming the pathways there are', async () => {
    const unknown = await admin('templates', 'show', 'pathway-nowhere');
    expect(unknown.code).toBe(2);
    expect(unknown.err[0]).toBe(
      `templates show: there is no template "pathway-nowhere"; pathways: ${templates.ofKind('pathway').map((p) => p.id).join(', ')}; other templates: ${templates.all().filter((t) => t.kind !== 'pathway').map((t) => t.id).join(', ')}`,
    );
    expect(JSON.parse((await admin('templates', 'show', 'pathway-nowhere', '--json')).out.join('\n'))).toMatchObject({ error: 'usage' });
    expect((await admin('templates', 'show')).code).toBe(2);
    expect((await admin('templates', 'show', 'ppm', 'ppm')).code).toBe(2);
  });
});
