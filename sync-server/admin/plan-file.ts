/**
 * Reading a child's plan from a file in its plain-JSON form (what `exportDoc` writes), for the
 * admin commands that report on one plan. Every way the file can be wrong is a value listing
 * problems a person can act on, never a thrown error: a missing file, text that is not JSON, a
 * document that is not a plan, templates this server does not have, fields that fail the schema.
 */
import { readFile } from 'node:fs/promises';
import { fixedContext } from '../../model/context.ts';
import { localToday, tryParseDay } from '../../model/calendar/day.ts';
import { importDoc } from '../../model/doc-json.ts';
import { DocMeta, META_ROOT, type DocSpec } from '../../model/doc-spec.ts';
import { openPlan } from '../../model/open-plan.ts';
import type { Plan } from '../../model/plan.ts';
import type { TemplateRegistry } from '../../model/template/registry.ts';
import { timelineInputOf } from '../../model/timeline/of-plan.ts';
import type { TimelineInput } from '../../model/timeline/types.ts';
import type { AdminIo } from './command.ts';

export type PlanFileResult = { ok: true; plan: Plan; meta: DocMeta } | { ok: false; problems: string[] };

/** A plan file read as JSON and checked as far as its meta: the data, its meta and the spec the meta names. */
export type PlanJsonResult = { ok: true; data: Record<string, unknown>; meta: DocMeta; spec: DocSpec } | { ok: false; problems: string[]; missing?: true };

/**
 * Reads and imports a plan file against the templates its meta names. Problems are sentences
 * about the file (the caller names it) or "path.in.the.json: what is wrong". The plan is wrapped
 * with a fixed context: the admin commands only read it, so no write uses the clock or ids.
 */
export async function readPlanFile(path: string, registry: TemplateRegistry): Promise<PlanFileResult> {
  const read = await readPlanJson(path, registry);
  if (!read.ok) return read;
  const imported = importDoc(read.data, read.spec, 'admin');
  if (!imported.ok) return imported;
  const opened = openPlan(imported.doc, registry, fixedContext('admin', 'admin'));
  if (!opened.ok) return fail(opened.message);
  return { ok: true, plan: opened.plan, meta: opened.meta };
}

/**
 * Reads a plan file as far as its meta: JSON with a meta of a child's plan whose templates
 * `registry` has. The fields themselves are checked when the data is imported (`importDoc`).
 * `missing` is set when the file cannot be read at all (no such file, a folder).
 */
export async function readPlanJson(path: string, registry: TemplateRegistry): Promise<PlanJsonResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ...fail('no such file'), missing: true };
    if (code === 'EISDIR') return { ...fail('it is a folder, not a plan file'), missing: true };
    return { ...fail(`cannot be read (${(error as Error).message})`), missing: true };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail(`not JSON (${(error as Error).message}); expected a plan exported in its plain-JSON form`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data) || !(META_ROOT in data)) {
    return fail(`no "${META_ROOT}" section, so it is not a plan exported by the board (which templates it was made from is unknown)`);
  }
  const meta = DocMeta.safeParse((data as Record<string, unknown>)[META_ROOT]);
  if (!meta.success) {
    return { ok: false, problems: meta.error.issues.map((i) => `${[META_ROOT, ...i.path].join('.')}: ${i.message}`) };
  }
  if (meta.data.format !== 'permanence-plan') {
    return fail(`meta.format: a "${meta.data.format}" document, not a child's plan ("permanence-plan")`);
  }
  const spec = specOf(meta.data, registry);
  if (!spec.ok) return spec;
  return { ok: true, data, meta: meta.data, spec: spec.spec };
}

/** The plan spec the meta names, or which of its templates this server lacks and which it has. */
function specOf(meta: DocMeta, registry: TemplateRegistry): { ok: true; spec: DocSpec } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  for (const kind of ['ppm', 'contingency-plan', 'introduction-plan'] as const) {
    const ref = meta.templates.find((r) => r.kind === kind);
    const known = registry
      .ofKind(kind)
      .map((t) => `${t.id} ${t.version}`)
      .join(', ');
    if (!ref) problems.push(`meta.templates names no ${kind} template (this server has: ${known || 'none'})`);
    else if (registry.get(ref.id, ref.version)?.kind !== kind) {
      problems.push(`meta.templates names ${kind} template "${ref.id}" version ${ref.version}, which this server does not have (it has: ${known || 'none'})`);
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, spec: registry.specFor(meta) };
}

function fail(problem: string): { ok: false; problems: string[] } {
  return { ok: false, problems: [problem] };
}

/** The `--today` option: a real calendar date, else a message saying what is wrong. */
export function parseToday(value: string | undefined): { ok: true; today: string } | { ok: false; problem: string } {
  if (value === undefined) return { ok: true, today: localToday() };
  if (tryParseDay(value) === undefined) {
    return { ok: false, problem: `--today must be a real date in the form YYYY-MM-DD, e.g. 2026-11-03 (got "${value}")` };
  }
  return { ok: true, today: value };
}

/**
 * Why a plan has no timeline (call it when `timelineOfPlan` gives none): it names no pathway, or
 * one this server does not have.
 */
export function pathwayProblem(path: string, plan: Plan, registry: TemplateRegistry): string {
  const id = plan.pathway.value('pathwayId');
  const known = registry
    .ofKind('pathway')
    .map((p) => p.id)
    .join(', ');
  if (typeof id !== 'string' || id === '') {
    return `${path}: the plan names no pathway (pathway.pathwayId is empty), so there is no timeline to check; record the child's pathway first (known pathways: ${known})`;
  }
  return `${path}: the plan's pathway "${id}" (pathway.pathwayId) is not a pathway this server has (known pathways: ${known})`;
}

/**
 * Reads a plan file for a command that works from its timeline (`check`, `calendar`): the plan,
 * its meta and the engine's inputs for `today`. When the file cannot be read (stderr:
 * `<command>: <path> <unreadable>:` and each problem) or the plan names no pathway `registry`
 * has (stderr: {@link pathwayProblem}), says why and resolves undefined: the command exits 2.
 */
export async function readTimelinePlan(
  io: AdminIo,
  command: string,
  path: string,
  unreadable: string,
  registry: TemplateRegistry,
  today: string,
): Promise<{ plan: Plan; meta: DocMeta; input: TimelineInput } | undefined> {
  const read = await readPlanFile(path, registry);
  if (!read.ok) {
    io.err(`${command}: ${path} ${unreadable}:`);
    for (const p of read.problems) io.err(`  ${p}`);
    return undefined;
  }
  const input = timelineInputOf(read.plan, registry, today);
  if (!input) {
    io.err(`${command}: ${pathwayProblem(path, read.plan, registry)}`);
    return undefined;
  }
  return { plan: read.plan, meta: read.meta, input };
}
