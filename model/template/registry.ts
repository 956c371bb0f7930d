/**
 * A set of loaded templates: look them up by id and version, by kind, and resolve the plan
 * spec a document was made from (its meta records template ids and versions). A local
 * authority adapts the product by adding templates to the set, not by changing code.
 */
import type { DocMeta, DocSpec, TemplateRef } from '../doc-spec.ts';
import { planSpec, type PlanForms } from '../plan-spec.ts';
import type { ChecklistTemplate } from './checklist.ts';
import type { FormTemplate } from './form.ts';
import type { PathwayTemplate } from './pathway.ts';
import type { RoleMatrixTemplate } from './role-matrix.ts';
import type { TaskListTemplate } from './task-list.ts';
import { parseTemplate, type Template, type TemplateKind } from './template.ts';

type ByKind = {
  ppm: FormTemplate;
  'contingency-plan': FormTemplate;
  'introduction-plan': FormTemplate;
  pathway: PathwayTemplate;
  'role-matrix': RoleMatrixTemplate;
  'task-list': TaskListTemplate;
  checklist: ChecklistTemplate;
};

export class TemplateRegistry {
  readonly #templates: readonly Template[];

  /** Use {@link loadTemplates}; the constructor trusts that `templates` are parsed and unique. */
  constructor(templates: readonly Template[]) {
    this.#templates = templates;
  }

  all(): readonly Template[] {
    return this.#templates;
  }

  /** The template with this id, at this version or else the highest version. */
  get(id: string, version?: string): Template | undefined {
    const matches = this.#templates.filter((t) => t.id === id && (version === undefined || t.version === version));
    return matches.sort((a, b) => compareVersions(b.version, a.version))[0];
  }

  /** Every template of one kind, latest versions first. */
  ofKind<K extends TemplateKind>(kind: K): ByKind[K][] {
    return this.#templates
      .filter((t) => t.kind === kind)
      .sort((a, b) => a.id.localeCompare(b.id) || compareVersions(b.version, a.version)) as ByKind[K][];
  }

  /** A template of the given kind by id; throws if missing (for ids written in code or stored meta). */
  require<K extends TemplateKind>(kind: K, id: string, version?: string): ByKind[K] {
    const t = this.get(id, version);
    if (!t || t.kind !== kind) throw new RangeError(`no ${kind} template "${id}"${version ? ` at version ${version}` : ''}`);
    return t as ByKind[K];
  }

  /** The reference recorded in a document's meta. */
  static ref(t: Template): TemplateRef {
    return { id: t.id, version: t.version, kind: t.kind };
  }

  /** The form templates a document's meta names; throws RangeError when one is missing here. */
  formsFor(meta: Pick<DocMeta, 'templates'>): PlanForms {
    const find = (kind: 'ppm' | 'contingency-plan' | 'introduction-plan'): FormTemplate => {
      const ref = meta.templates.find((r) => r.kind === kind);
      if (!ref) throw new RangeError(`the document names no ${kind} template`);
      return this.require(kind, ref.id, ref.version);
    };
    return { ppm: find('ppm'), contingency: find('contingency-plan'), introduction: find('introduction-plan') };
  }

  /** The plan spec of a document, from the form templates its meta names. */
  specFor(meta: Pick<DocMeta, 'templates'>): DocSpec {
    return planSpec(this.formsFor(meta));
  }
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export type LoadResult = { ok: true; registry: TemplateRegistry } | { ok: false; problems: string[] };

/**
 * Parses template data (named, e.g. by file name, for messages) into a registry. Every
 * problem of every template is listed; an id and version given twice is a problem.
 */
export function loadTemplates(named: readonly { name: string; data: unknown }[]): LoadResult {
  const problems: string[] = [];
  const parsed: Template[] = [];
  const seen = new Set<string>();
  for (const { name, data } of named) {
    const result = parseTemplate(data);
    if (!result.ok) {
      problems.push(...result.problems.map((p) => `${name}: ${p}`));
      continue;
    }
    const key = `${result.template.id}@${result.template.version}`;
    if (seen.has(key)) problems.push(`${name}: template ${key} is defined twice`);
    seen.add(key);
    parsed.push(result.template);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, registry: new TemplateRegistry(parsed) };
}

/** The forms a new plan is made from by default: the first template of each form kind. */
export function defaultForms(registry: TemplateRegistry): PlanForms {
  const first = (kind: 'ppm' | 'contingency-plan' | 'introduction-plan'): FormTemplate => {
    const t = registry.ofKind(kind)[0];
    if (!t) throw new RangeError(`no ${kind} template loaded`);
    return t;
  };
  return { ppm: first('ppm'), contingency: first('contingency-plan'), introduction: first('introduction-plan') };
}
