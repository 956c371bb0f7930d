/**
 * The DocSpec of a child's plan, composed from the form templates a local authority uses:
 * the PPM template (whose child-scope sections extend the child's details), the contingency
 * plan and the introduction plan, plus the parts every plan has (core child fields, the role
 * matrix and the pathway record).
 */
import type { DocSpec } from './doc-spec.ts';
import { ASSURANCE_FIELDS, CORE_CHILD_FIELDS, CORE_PPM_FIELDS, ROLES_TABLE, STAGES_TABLE } from './core-fields.ts';
import { mergeFields, type RecordSpec } from './record-spec.ts';
import type { FieldSpec, FormTemplate, TableSpec } from './template/form.ts';

/** The form templates a plan is made from. */
export interface PlanForms {
  readonly ppm: FormTemplate;
  readonly contingency: FormTemplate;
  readonly introduction: FormTemplate;
}

/** Names of the roots of a plan document, in reading order. */
export const PLAN_PARTS = ['child', 'ppms', 'contingency', 'introduction', 'roles', 'pathway', 'assurance'] as const;
export type PlanPart = (typeof PLAN_PARTS)[number];

/**
 * What people call each part of a plan: the label of its root, the one wording for the
 * workspace, the history of changes and the minutes.
 */
export const PLAN_PART_LABELS: Readonly<Record<PlanPart, string>> = {
  child: "Child's details",
  ppms: 'Permanence Planning Meetings',
  contingency: 'Contingency plan',
  introduction: 'Introduction plan',
  roles: 'Roles and responsibilities',
  pathway: 'Pathway and stages',
  assurance: 'Task list and checklist answers',
};

/** The field of the pathway record that holds the id of the pathway template the child is on. */
export const PATHWAY_FIELD: FieldSpec = { id: 'pathwayId', label: 'Pathway', kind: 'string' };

function scoped(template: FormTemplate, scope: 'record' | 'child'): { fields: FieldSpec[]; tables: TableSpec[] } {
  const sections = template.sections.filter((s) => s.scope === scope);
  return { fields: sections.flatMap((s) => s.fields), tables: sections.flatMap((s) => s.tables) };
}

function formRecord(template: FormTemplate, core: readonly FieldSpec[] = []): RecordSpec {
  const own = scoped(template, 'record');
  return { fields: mergeFields(core, own.fields), tables: own.tables };
}

/** Builds the plan's DocSpec. Throws when the templates disagree about a shared field (a template defect). */
export function planSpec(forms: PlanForms): DocSpec {
  const childParts = [forms.ppm, forms.contingency, forms.introduction].map((t) => scoped(t, 'child'));
  const child: RecordSpec = {
    fields: mergeFields(CORE_CHILD_FIELDS, ...childParts.map((p) => p.fields)),
    tables: childParts.flatMap((p) => p.tables),
  };
  return {
    format: 'permanence-plan',
    roots: [
      { name: 'child', label: PLAN_PART_LABELS.child, kind: 'record', record: child },
      { name: 'ppms', label: PLAN_PART_LABELS.ppms, kind: 'list', record: formRecord(forms.ppm, CORE_PPM_FIELDS) },
      { name: 'contingency', label: PLAN_PART_LABELS.contingency, kind: 'record', record: formRecord(forms.contingency) },
      { name: 'introduction', label: PLAN_PART_LABELS.introduction, kind: 'record', record: formRecord(forms.introduction) },
      { name: 'roles', label: PLAN_PART_LABELS.roles, kind: 'record', record: { fields: [], tables: [ROLES_TABLE] } },
      { name: 'pathway', label: PLAN_PART_LABELS.pathway, kind: 'record', record: { fields: [PATHWAY_FIELD], tables: [STAGES_TABLE] } },
      // A list, so a plan made before it existed has it empty: no upgrade needed.
      { name: 'assurance', label: PLAN_PART_LABELS.assurance, kind: 'list', record: { fields: ASSURANCE_FIELDS, tables: [] } },
    ],
  };
}
