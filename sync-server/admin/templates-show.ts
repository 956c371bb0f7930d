/**
 * `templates show <id> [--json]`: one template as a person checks it against its source. A
 * pathway lists each stage with its id, title, owner, where the plan records it (`recordedIn`:
 * the stages table, the PPM records or an introduction plan date), what it requires, when it
 * applies and when an optional one becomes required, its
 * deadlines (amount, unit, bound, the stage they count from, and whether each is a target)
 * and recurrences, each with its rule and its source as people cite it. Forms list their
 * sections and fields, the role matrix its roles, the task list its tasks, the checklist its
 * items. `--json` gives the template as loaded, with `citation` beside every `source`.
 *
 * Exit status: 0 shown, 2 bad usage or an unknown id (the message lists the ids there are).
 */
import { DATE_OF_BIRTH, type Condition, type Deadline, type PathwayTemplate, type RecordedIn, type Recurrence, type Stage } from '../../model/template/pathway.ts';
import type { TemplateRegistry } from '../../model/template/registry.ts';
import type { Template } from '../../model/template/template.ts';
import { heldTitle } from '../../model/timeline/held-deadlines.ts';
import { describeRRule } from '../../model/timeline/recurrence.ts';
import { citeSource } from '../../templates/index.ts';
import { AdminReply, parseCommandArgs } from './admin-reply.ts';
import type { AdminIo } from './command.ts';

const USAGE = 'templates show <id> [--json]';

/** Runs `templates show`; `args` are those after `show`. */
export function showTemplate(args: string[], io: AdminIo, registry: TemplateRegistry): number {
  const reply = new AdminReply(io, 'templates show', USAGE, args);
  const parsed = parseCommandArgs(args, {}, reply, { min: 1, max: 1, names: 'the template to show (npm run admin -- templates lists them)' });
  if (!parsed) return 2;
  const id = parsed.positionals[0]!;
  const template = registry.get(id);
  if (!template) {
    const pathways = registry.ofKind('pathway').map((p) => p.id).join(', ');
    const others = registry.all().filter((t) => t.kind !== 'pathway').map((t) => t.id).join(', ');
    return reply.usage(`there is no template "${id}"; pathways: ${pathways}; other templates: ${others}`);
  }
  return reply.done(withCitations(template), [...heading(template), '', ...body(template, registry)]);
}

/** Every `{ seed, section }` object in a value, with `citation` beside it. */
function withCitations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withCitations);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = withCitations(v);
  const o = value as Record<string, unknown>;
  if (typeof o.seed === 'string' && typeof o.section === 'string') return { ...out, citation: citeSource({ seed: o.seed, section: o.section }) };
  return out;
}

function heading(t: Template): string[] {
  return [
    `${t.title} (${t.id}, ${t.kind}, version ${t.version})`,
    `Jurisdiction: ${t.jurisdiction.join(', ')}`,
    `Source: ${citeSource(t.source)} (${t.source.seed})`,
    ...(t.description ? [`About: ${t.description}`] : []),
  ];
}

function body(t: Template, registry: TemplateRegistry): string[] {
  switch (t.kind) {
    case 'pathway':
      return pathwayLines(t, registry);
    case 'ppm':
    case 'contingency-plan':
    case 'introduction-plan':
      return t.sections.flatMap((s) => [
        `${s.title} [${s.id}]${s.scope === 'child' ? " (the child's details, shared by every meeting)" : ''}`,
        ...s.fields.map((f) => `  ${f.id.padEnd(28)} ${f.label} (${f.kind}${f.options ? `: ${f.options.join(' / ')}` : ''})`),
        ...s.tables.flatMap((tb) => [`  ${tb.id.padEnd(28)} ${tb.label} (table)`, ...tb.columns.map((c) => `    ${c.id.padEnd(26)} ${c.label} (${c.kind}${c.options ? `: ${c.options.join(' / ')}` : ''})`)]),
        '',
      ]);
    case 'role-matrix':
      return t.roles.flatMap((r) => [
        `${r.title} [${r.id}]${r.agency ? `, ${r.agency}` : ''}`,
        ...r.responsibilities.map((x) => `  - ${x}`),
        ...(r.sharedItems.length > 0 ? ['  Shared or follow-up:', ...r.sharedItems.map((x) => `    - ${x}`)] : []),
        '',
      ]);
    case 'task-list':
      return t.roles.flatMap((r) => [`${r.title} [${r.id}]`, ...r.tasks.map((x) => `  - ${x.text}${x.when ? ` (${x.when})` : ''}`), '']);
    case 'checklist':
      return t.sections.flatMap((s) => [`${s.title} [${s.id}]`, ...s.items.map((x) => `  [ ] ${x.text}`), '']);
  }
}

function pathwayLines(p: PathwayTemplate, registry: TemplateRegistry): string[] {
  const title = (id: string): string => (id === DATE_OF_BIRTH ? "the child's date of birth" : `${p.stages.find((s) => s.id === id)?.title ?? id} [${id}]`);
  const where = (r: RecordedIn): string => recordedInWords(r, registry);
  const lines = [`Starts at: ${title(p.start)}`];
  if (p.options.length > 0) lines.push(`Leads to: ${p.options.join(', ')}`);
  lines.push(`Stages (${p.stages.length}):`, '');
  for (const [i, s] of p.stages.entries()) lines.push(...stageLines(s, i + 1, title, where), '');
  return lines;
}

function stageLines(s: Stage, n: number, title: (id: string) => string, where: (r: RecordedIn) => string): string[] {
  const lines = [`${n}. ${s.title} [${s.id}]${s.optional ? ' (optional)' : ''}`];
  if (s.owner) lines.push(`   Owner: ${s.owner}`);
  lines.push(`   Recorded in: ${s.recordedIn ? where(s.recordedIn) : 'the stages table'}`);
  lines.push(`   Requires: ${s.requires.length === 0 ? 'nothing before it' : s.requires.map(title).join('; ')}`);
  if (s.condition) lines.push(`   Applies when: ${conditionWords(s.condition)}`);
  for (const w of s.requiredWhen) {
    lines.push(`   Required when: ${title(w.stage)} ${'recorded' in w ? 'is recorded' : `goes, or is predicted to go, past its ${w.past}`}`);
    lines.push(`     rule: ${w.rule}`, `     source: ${citeSource(w.source)}`);
  }
  for (const d of s.deadlines) {
    const unless = `${d.held ? `, for the ${heldTitle(s, d.held)}` : ''}${d.unless ? `, unless ${title(d.unless)} is recorded` : ''}`;
    lines.push(`   Deadline${kindOf(d)}: ${deadlineWords(d, title)}${d.condition ? `, when ${conditionWords(d.condition)}` : ''}${unless}`);
    lines.push(`     rule: ${d.rule}`, `     source: ${citeSource(d.source)}`);
  }
  for (const r of s.recurrence) {
    lines.push(`   Repeats: ${recurrenceWords(r, title)}${r.condition ? `, when ${conditionWords(r.condition)}` : ''}`);
    lines.push(`     rule: ${r.rule}`, `     source: ${citeSource(r.source)}`);
  }
  lines.push(`   Source: ${citeSource(s.source)}`);
  return lines;
}

/**
 * Where a stage is recorded, as a person finds it in the plan: "the first PPM record (ppms)",
 * "the introduction plan, Placement day (introduction.placementDate)".
 */
export function recordedInWords(r: RecordedIn, registry: TemplateRegistry): string {
  if (r.part === 'ppms') return r.meetings === 'first' ? 'the first PPM record, its meeting date (ppms)' : 'every PPM record after the first, its meeting date (ppms)';
  const label = registry.ofKind('introduction-plan').flatMap((t) => t.sections.flatMap((x) => x.fields)).find((f) => f.id === r.field)?.label;
  return `the introduction plan, ${label ?? r.field} (introduction.${r.field})`;
}

/**
 * " (target)" for a target, which a stage may pass (amber, and the action the policy requires
 * becomes due); nothing for a limit, the default, which reads as deadlines always have.
 */
function kindOf(d: Deadline): string {
  return d.kind === 'target' ? ' (target)' : '';
}

const UNITS: Record<string, [string, string]> = {
  hours: ['hour', 'hours'],
  'calendar-days': ['calendar day', 'calendar days'],
  'working-days': ['working day', 'working days'],
  weeks: ['week', 'weeks'],
  months: ['month', 'months'],
  years: ['year', 'years'],
};

/** "no later than 10 working days after Legal Gateway decision [legal-gateway]". */
export function deadlineWords(d: Deadline, title: (id: string) => string): string {
  const unit = UNITS[d.offset.unit] ?? [d.offset.unit, d.offset.unit];
  const bound = d.bound === 'no-earlier-than' ? 'not before' : 'no later than';
  const offset = d.offset.amount === 0 ? 'the day of' : `${d.offset.amount} ${unit[d.offset.amount === 1 ? 0 : 1]} ${d.direction}`;
  return `${bound} ${offset} ${title(d.relativeTo)}`;
}

function recurrenceWords(r: Recurrence, title: (id: string) => string): string {
  return `${describeRRule(r.rrule)} (${r.rrule}) from ${title(r.from)}${r.until ? ` until ${title(r.until)}` : ''}`;
}

/** A condition in words: `multiTrack is true`, `multiTrack is not true`, `legalStatus is one of A, B`, joined with and / or. */
export function conditionWords(c: Condition): string {
  if ('fact' in c && 'equals' in c) return `${c.fact} is ${String(c.equals)}`;
  if ('fact' in c && 'in' in c) return `${c.fact} is one of ${c.in.join(', ')}`;
  if ('all' in c) return c.all.map((x) => wrap(x)).join(' and ');
  if ('any' in c) return c.any.map((x) => wrap(x)).join(' or ');
  if ('not' in c) {
    const n = c.not;
    if ('fact' in n && 'equals' in n) return `${n.fact} is not ${String(n.equals)}`;
    if ('fact' in n && 'in' in n) return `${n.fact} is not one of ${n.in.join(', ')}`;
    return `not (${conditionWords(n)})`;
  }
  return JSON.stringify(c);
}

function wrap(c: Condition): string {
  return 'all' in c || 'any' in c ? `(${conditionWords(c)})` : conditionWords(c);
}
