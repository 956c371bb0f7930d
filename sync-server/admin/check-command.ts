/**
 * `check <plan.json> [--today YYYY-MM-DD] [--json]`: evaluates one child's plan, exported in its
 * plain-JSON form, against the timescales of its pathway, as the monthly tracker meeting would:
 * the overall red/amber/green rating with its reasons, every finding with the rule and source
 * clause behind it, and where each stage stands.
 *
 * Exit status: 0 when nothing is red, 1 when any finding is red (so a script can flag the plan),
 * 2 when the plan cannot be checked (bad arguments, file missing, not JSON, not a valid plan, no
 * known pathway).
 */
import { parseArgs } from 'node:util';
import type { Finding, Rating, StageResult, Timeline } from '../../model/timeline/types.ts';
import { evaluateTimeline } from '../../model/timeline/evaluate.ts';
import { ukDate } from '../../model/words.ts';
import { citeSource, templates } from '../../templates/index.ts';
import type { AdminCommand, AdminIo } from './command.ts';
import { parseToday, readTimelinePlan } from './plan-file.ts';

const USAGE = 'usage: npm run admin -- check <plan.json> [--today YYYY-MM-DD] [--json]';

const REGIONS: Record<string, string> = { 'england-and-wales': 'England and Wales', scotland: 'Scotland', 'northern-ireland': 'Northern Ireland' };

const HEADINGS: Record<Rating, string> = {
  red: 'RED: act now',
  amber: 'AMBER: due soon or needs attention',
  green: 'GREEN: for information',
};

export const checkCommand: AdminCommand = {
  name: 'check',
  summary: "check a plan file against its pathway's timescales: rating, findings, stages [--today D] [--json]",
  async run(args, io) {
    let values: { today?: string; json: boolean };
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({
        args,
        options: { today: { type: 'string' }, json: { type: 'boolean', default: false } },
        allowPositionals: true,
        strict: true,
      }));
    } catch (error) {
      return usageError(io, (error as Error).message);
    }
    if (positionals.length !== 1) return usageError(io, positionals.length === 0 ? 'name the plan file to check' : 'check one plan file at a time');
    const path = positionals[0]!;
    const today = parseToday(values.today);
    if (!today.ok) return usageError(io, today.problem);

    const read = await readTimelinePlan(io, 'check', path, 'cannot be checked', templates, today.today);
    if (!read) return 2;
    const timeline = evaluateTimeline(read.input);
    const status = timeline.findings.some((f) => f.severity === 'red') ? 1 : 0;
    if (values.json) {
      io.out(JSON.stringify({ childId: read.meta.childId, ...withCitations(timeline) }, null, 2));
      return status;
    }
    report(io, read.meta.childId, read.plan.childFacts().name, timeline);
    return status;
  },
};

/** The timeline with `citation` (the source as people cite it) beside each finding's and stage rule's `source`. */
function withCitations(t: Timeline): Timeline {
  return {
    ...t,
    findings: t.findings.map((f) => (f.source ? { ...f, citation: citeSource(f.source) } : f)),
    stages: t.stages.map((s) => ({ ...s, rule: { ...s.rule, citation: citeSource(s.rule.source) } })),
  };
}

function usageError(io: AdminIo, message: string): number {
  io.err(`check: ${message}`);
  io.err(USAGE);
  return 2;
}

/** The human-readable report. */
function report(io: AdminIo, childId: string, name: string | undefined, t: Timeline): void {
  io.out(`${name ?? '(no name recorded)'} (child ${childId})`);
  io.out(`Pathway: ${t.pathwayTitle} (${t.pathwayId})${t.start ? `, started ${ukDate(t.start)}` : ', start not recorded'}`);
  io.out(`Checked for ${ukDate(t.today)}; working days skip the bank holidays of ${REGIONS[t.region] ?? t.region}`);
  io.out('');
  io.out(`Overall: ${t.rating.toUpperCase()}`);
  for (const r of t.reasons) io.out(`  - ${r}`);
  if (t.nextDue) io.out(`Next due: ${t.nextDue.title}, ${ukDate(t.nextDue.date)}`);
  for (const severity of ['red', 'amber', 'green'] as const) {
    const group = t.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    io.out('');
    io.out(`${HEADINGS[severity]} (${group.length})`);
    for (const f of group) finding(io, f);
  }
  io.out('');
  stageTable(io, t.stages);
}

function finding(io: AdminIo, f: Finding): void {
  io.out(`  ${(f.date ?? '').padEnd(10)}  ${f.message}`);
  const source = f.source ? `source: ${citeSource(f.source)}` : undefined;
  if (f.rule) io.out(`${' '.repeat(14)}rule: ${f.rule}${source ? ` (${source})` : ''}`);
  else if (source) io.out(`${' '.repeat(14)}${source}`);
}

/**
 * Where each stage stands: STATUS, TARGET (the date the source aims for, where the stage also has
 * a later limit, or "(target)" beside a DUE that is itself a target), DUE (the limit) and DONE.
 */
function stageTable(io: AdminIo, stages: readonly StageResult[]): void {
  const rows = [
    ['STAGE', 'STATUS', 'TARGET', 'DUE', 'DONE'],
    ...stages.map((s) => [s.title, s.status.replaceAll('-', ' '), s.target ?? '-', s.due ? `${s.due}${s.dueKind === 'target' ? ' (target)' : ''}` : '-', s.done ?? '-']),
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.min(60, Math.max(...rows.map((r) => r[i]!.length))));
  for (const r of rows) {
    const title = r[0]!.length > widths[0]! ? `${r[0]!.slice(0, widths[0]! - 1)}…` : r[0]!;
    io.out([title.padEnd(widths[0]!), r[1]!.padEnd(widths[1]!), r[2]!.padEnd(widths[2]!), r[3]!.padEnd(widths[3]!), r[4]!].join('  '));
  }
}
