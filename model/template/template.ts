/**
 * Any template, told apart by `kind`, and the one way to parse one: a template is data and is
 * validated when loaded, with problems named by path.
 */
import * as z from 'zod';
import { ChecklistTemplate } from './checklist.ts';
import { FormTemplate } from './form.ts';
import { PathwayTemplate } from './pathway.ts';
import { RoleMatrixTemplate } from './role-matrix.ts';
import { TaskListTemplate } from './task-list.ts';

export const Template = z.union([FormTemplate, PathwayTemplate, RoleMatrixTemplate, TaskListTemplate, ChecklistTemplate]);
export type Template = z.infer<typeof Template>;
export type TemplateKind = Template['kind'];

const byKind = {
  ppm: FormTemplate,
  'contingency-plan': FormTemplate,
  'introduction-plan': FormTemplate,
  pathway: PathwayTemplate,
  'role-matrix': RoleMatrixTemplate,
  'task-list': TaskListTemplate,
  checklist: ChecklistTemplate,
} as const satisfies Record<TemplateKind, z.ZodType>;

export type TemplateResult = { ok: true; template: Template } | { ok: false; problems: string[] };

/**
 * Parses unknown data as a template. The `kind` picks the schema so that the problems listed
 * are those of the intended kind, each as "path: message".
 */
export function parseTemplate(data: unknown): TemplateResult {
  const kind = (data as { kind?: unknown } | null)?.kind;
  if (typeof kind !== 'string' || !(kind in byKind)) {
    return { ok: false, problems: [`kind: expected one of ${Object.keys(byKind).join(', ')}`] };
  }
  const result = byKind[kind as TemplateKind].safeParse(data);
  if (result.success) return { ok: true, template: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((i) => `${i.path.join('.') || '(template)'}: ${i.message}`),
  };
}
